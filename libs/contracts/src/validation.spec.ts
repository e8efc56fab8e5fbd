import { randomUUID } from 'node:crypto';
import { Events, RegisterTicketCommandV1, validateContract, validateEvent, fieldMessage } from './index.js';

const actor = { accountId: randomUUID(), role: 'operator', email: 'op@cau.gob', name: 'Operadora' };
const registration = {
  channel: 'telefono',
  requester: { email: 'ana@salud.gob', name: 'Ana Pérez' },
  jurisdiction: 'SALUD',
  title: 'No imprime',
  description: 'La impresora del piso 2 no imprime',
  type: 'incidente',
  category: 'impresoras',
  impact: 'medio',
  urgency: 'alta',
};

describe('contract validation', () => {
  it('accepts a complete registration command', () => {
    const result = validateContract(RegisterTicketCommandV1, { actor, payload: registration });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('names every missing, wrong-typed and unknown field with its dotted path', () => {
    const result = validateContract(RegisterTicketCommandV1, {
      actor,
      payload: { ...registration, title: 42, requester: { name: 'Ana' }, channel: 'fax', colour: 'red' },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const byField = Object.fromEntries(result.problems.map((p) => [p.field, p.constraint]));
    expect(byField).toMatchObject({
      'payload.title': 'isString',
      'payload.requester.email': 'isDefined',
      'payload.channel': 'isIn',
      'payload.colour': 'unknownField',
    });
  });

  it('carries rule parameters so messages can state limits', () => {
    const result = validateContract(RegisterTicketCommandV1, {
      actor,
      payload: { ...registration, title: 'x'.repeat(201) },
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const problem = result.problems.find((p) => p.field === 'payload.title')!;
    expect(fieldMessage(problem, 'es')).toBe('El campo «payload.title» admite como máximo 200 caracteres.');
    expect(fieldMessage(problem, 'en')).toBe("Field 'payload.title' accepts at most 200 characters.");
  });

  it('lists the allowed values of an enumerated field', () => {
    const result = validateContract(RegisterTicketCommandV1, { actor, payload: { ...registration, impact: 'enorme' } });
    if (result.ok) throw new Error('expected a problem');
    expect(fieldMessage(result.problems[0]!, 'es')).toBe(
      'El campo «payload.impact» debe ser uno de: alto, medio, bajo.',
    );
  });

  it('refuses NUL and lone surrogates in any text, before they reach a rule or the database', () => {
    const result = validateContract(RegisterTicketCommandV1, {
      actor,
      payload: {
        ...registration,
        title: 'No imprime\u0000',
        description: 'mitad de un emoji: \ud83d',
        requester: { email: 'ana\udc00@salud.gob', name: 'Ana' },
      },
    });
    expect(result.ok ? [] : result.problems).toEqual([
      { field: 'payload.requester.email', constraint: 'textCharacters' },
      { field: 'payload.title', constraint: 'textCharacters' },
      { field: 'payload.description', constraint: 'textCharacters' },
    ]);
    expect(fieldMessage({ field: 'payload.title', constraint: 'textCharacters' }, 'es')).toContain('«payload.title»');
  });

  it('keeps whole emoji and accents', () => {
    const result = validateContract(RegisterTicketCommandV1, {
      actor,
      payload: { ...registration, title: 'No imprime 🖨️ — señal débil' },
    });
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('refuses nesting no contract has, without walking it', () => {
    let deep: unknown = 'fondo';
    for (let i = 0; i < 5_000; i++) deep = { a: deep };
    const result = validateContract(RegisterTicketCommandV1, { actor, payload: { ...registration, extra: deep } });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        constraint: 'nestingDepth',
        params: [16],
        field: expect.stringMatching(/^payload\.extra(\.a)+$/),
      }),
    ]);
  });

  it('refuses prototype keys as unknown fields (class-transformer threw on a `constructor` that is no function)', () => {
    for (const key of ['constructor', '__proto__', 'prototype']) {
      const payload = JSON.parse(`{"requester": {"${key}": 1}, "${key}": {"a": 1}}`) as Record<string, unknown>;
      const result = validateContract(RegisterTicketCommandV1, { actor, payload: { ...registration, ...payload } });
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.problems).toEqual(
        expect.arrayContaining([
          { field: `payload.${key}`, constraint: 'unknownField' },
          { field: `payload.requester.${key}`, constraint: 'unknownField' },
        ]),
      );
    }
  });

  it('refuses non-object bodies', () => {
    expect(validateContract(RegisterTicketCommandV1, null).ok).toBe(false);
    expect(validateContract(RegisterTicketCommandV1, [1, 2]).ok).toBe(false);
  });
});

describe('event envelope validation', () => {
  const ticketId = randomUUID();
  const envelope = {
    id: randomUUID(),
    type: 'ticket.routed',
    version: 1,
    occurredAt: new Date().toISOString(),
    ticketId,
    source: 'routing',
    sequence: 1,
    correlationId: 'c-1',
    causationId: null,
    data: { ticketId, number: 7, priority: 'ALTA', area: 'L1', routedAt: new Date().toISOString() },
  };

  it('accepts a well-formed event', () => {
    expect(validateEvent(Events.TicketRouted, envelope).ok).toBe(true);
  });

  it('refuses an envelope of another type', () => {
    expect(validateEvent(Events.TicketRegistered, envelope).ok).toBe(false);
  });

  it('refuses a payload that breaks the contract, naming the data field', () => {
    const result = validateEvent(Events.TicketRouted, { ...envelope, data: { ...envelope.data, priority: 'URGENTE' } });
    if (result.ok) throw new Error('expected a problem');
    expect(result.problems[0]!.field).toBe('data.priority');
  });

  it('refuses an envelope without id or with a bad sequence', () => {
    expect(validateEvent(Events.TicketRouted, { ...envelope, id: 'nope' }).ok).toBe(false);
    expect(validateEvent(Events.TicketRouted, { ...envelope, sequence: -1 }).ok).toBe(false);
  });
});
