import { suggestArea, type SuggestionFacts } from './area-suggestion.js';

const facts = (overrides: Partial<SuggestionFacts> = {}): SuggestionFacts => ({
  type: 'incidente',
  category: 'impresoras',
  title: 'La impresora no imprime',
  atEntryArea: true,
  allowedTargets: ['UIT', 'ADT'],
  categoryHandledByUit: false,
  ...overrides,
});

describe('area suggestion (docs/domain.md § Procedure 9.1, steps 3–5)', () => {
  it('sends a security incident to UIT, on its way to ACGII', () => {
    expect(suggestArea(facts({ type: 'incidente_seguridad' }))).toEqual({
      area: 'UIT',
      rule: 'security-incident',
      reason: {
        es: 'incidente de seguridad: se deriva a ACGII a través de la UIT (9.2 3.C)',
        en: 'security incident: goes to ACGII through UIT (9.2 3.C)',
      },
    });
  });

  it('sends a category UIT handled before to UIT', () => {
    expect(suggestArea(facts({ categoryHandledByUit: true }))).toMatchObject({
      area: 'UIT',
      rule: 'handled-by-uit',
      reason: { es: 'la UIT ya gestionó tickets de la categoría «impresoras» (9.1 paso 3)' },
    });
  });

  it.each([
    ['correo', 'El servidor de correo no responde'],
    ['sistemas', 'Portal caído desde la mañana'],
    ['disponibilidad', 'Sin acceso'],
    ['conectividad', 'Sin acceso'],
    ['oficina', 'Sin red en el tercer piso'],
  ])('sends an availability problem (%s / %s) to UIT', (category, title) => {
    expect(suggestArea(facts({ category, title }))).toMatchObject({ area: 'UIT', rule: 'service-availability' });
  });

  it('names the word that matched, ignoring case and accents', () => {
    expect(suggestArea(facts({ title: '¿CAIDO?' }))?.reason.es).toBe(
      'problema de disponibilidad de servicio («caído»): se deriva a la UIT (9.1 paso 3)',
    );
  });

  it.each([
    ['sistema de expedientes', 'Error de diseño en la pantalla de alta'],
    ['formularios', 'Falta un campo'],
    ['tramites', 'El flujo de aprobación salta un paso'],
    ['sistemas', 'Problema funcional al guardar'],
  ])('sends a functional-design problem (%s / %s) to ADT', (category, title) => {
    expect(suggestArea(facts({ category, title }))).toMatchObject({ area: 'ADT', rule: 'functional-design' });
  });

  it('leaves everything else to L1', () => {
    expect(suggestArea(facts())).toBeNull();
    expect(suggestArea(facts({ title: null }))).toBeNull();
  });

  it('matches whole words only', () => {
    expect(suggestArea(facts({ category: 'redacción', title: 'Plantilla de reducción' }))).toBeNull();
  });

  it('checks security first, then UIT history and availability, then design', () => {
    const everything = { title: 'servidor caído en la pantalla de alta', categoryHandledByUit: true };
    expect(suggestArea(facts({ ...everything, type: 'incidente_seguridad' }))?.rule).toBe('security-incident');
    expect(suggestArea(facts(everything))?.rule).toBe('handled-by-uit');
    expect(suggestArea(facts({ ...everything, categoryHandledByUit: false }))?.rule).toBe('service-availability');
  });

  it('gives no advice once the ticket has left the entry area', () => {
    expect(suggestArea(facts({ type: 'incidente_seguridad', atEntryArea: false }))).toBeNull();
  });

  it('never suggests a derivation the graph refuses', () => {
    const noUit = facts({
      type: 'incidente_seguridad',
      title: 'servidor caído, pantalla en blanco',
      allowedTargets: ['ADT'],
    });
    expect(suggestArea(noUit)).toMatchObject({ area: 'ADT', rule: 'functional-design' });
    expect(suggestArea(facts({ title: 'pantalla en blanco', allowedTargets: ['UIT'] }))).toBeNull();
  });
});
