import { describe, expect, it } from 'vitest';
import { appendToDraft, fillPlaceholders, type TicketFacts } from './fill';

const facts: TicketFacts = {
  numero: 4312,
  titulo: 'La impresora no imprime',
  solicitante: 'Ana Pérez',
  jurisdiccion: 'SALUD',
  area: 'Infraestructura (UIT)',
  agente: 'Oscar Operador',
};

describe('fillPlaceholders', () => {
  it("puts the ticket's facts in place of each placeholder, spaces inside the braces allowed", () => {
    expect(
      fillPlaceholders(
        'Hola {{solicitante}}: el ticket {{ numero }} ({{titulo}}) sigue en {{area}}. {{agente}}',
        facts,
      ),
    ).toBe('Hola Ana Pérez: el ticket 4312 (La impresora no imprime) sigue en Infraestructura (UIT). Oscar Operador');
  });

  it('leaves what it cannot fill as written, and never reads inherited names', () => {
    expect(fillPlaceholders('{{nombre}} {{constructor}} {jurisdiccion} {{jurisdiccion}}', facts)).toBe(
      '{{nombre}} {{constructor}} {jurisdiccion} SALUD',
    );
  });
});

describe('appendToDraft', () => {
  it('starts an empty box with the answer and adds it after what is written otherwise', () => {
    expect(appendToDraft('', 'Texto')).toBe('Texto');
    expect(appendToDraft('  \n', 'Texto')).toBe('Texto');
    expect(appendToDraft('Buen día.\n', 'Texto')).toBe('Buen día.\n\nTexto');
  });
});
