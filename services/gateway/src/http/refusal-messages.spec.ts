import {
  ErrorCode,
  REFUSAL_CODES,
  refusalMessage,
  type Language,
  type Refusal,
  type ServiceErrorPayload,
} from '@cau/contracts';
import { toErrorResponse, type RequestFacts } from './error-mapping.js';

const facts = (language: Language): RequestFacts => ({
  method: 'POST',
  url: '/api/v1/tickets/7/merge',
  language,
  correlationId: 'c-1',
  bodyLimitBytes: 262_144,
  subjectPrefix: 'cau',
});
const answer = (payload: ServiceErrorPayload, language: Language) => toErrorResponse(payload, facts(language));

describe('refusals sent by services as codes', () => {
  it('are worded in Spanish and in English, keeping the status and the shape of the answer', () => {
    const merged: ServiceErrorPayload = {
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.merge-into-duplicate-original', params: { number: 7, duplicates: [8, 9] } },
    };
    expect(answer(merged, 'es')).toEqual({
      statusCode: 409,
      code: 'CONFLICT',
      message:
        'Conflicto: el ticket 7 es el original de #8, #9; no se fusiona un ticket que tiene duplicados fusionados en él.',
      correlationId: 'c-1',
    });
    expect(answer(merged, 'en').message).toBe(
      'Conflict: ticket 7 is the original of #8, #9; a ticket with duplicates merged into it is not merged.',
    );

    const outOfArea: ServiceErrorPayload = {
      code: ErrorCode.Forbidden,
      refusal: { code: 'ticket.members-only', params: { area: 'UIT' } },
    };
    expect(answer(outOfArea, 'es')).toMatchObject({
      statusCode: 403,
      message:
        'No tiene permiso para esta operación: solo los miembros del área UIT, los supervisores y los administradores actúan sobre este ticket.',
    });
    expect(answer(outOfArea, 'en').message).toBe(
      'You are not allowed to do this: only the members of area UIT, supervisors and administrators act on this ticket.',
    );
  });

  it('name the statuses and derivation kinds in the language asked for', () => {
    const closed: Refusal = {
      code: 'ticket.action-not-possible',
      params: { action: 'reopen', status: 'en_curso', allowedFrom: ['resuelto', 'cerrado'] },
    };
    expect(refusalMessage(closed, 'es')).toBe(
      'la acción «reopen» no es posible con el ticket en curso (solo resuelto o cerrado)',
    );
    expect(refusalMessage(closed, 'en')).toBe(
      'the action "reopen" is not possible with the ticket in progress (only resolved or closed)',
    );
    const wrongKind: Refusal = {
      code: 'routing.wrong-kind',
      params: { from: 'UPAT', to: 'UIT', kind: 'return', allowed: [] },
    };
    expect(refusalMessage(wrongKind, 'es')).toBe(
      'no se puede derivar de UPAT a UIT como devolución; destinos permitidos como devolución: ninguno',
    );
    expect(refusalMessage(wrongKind, 'en')).toBe(
      'it cannot be derived from UPAT to UIT as return; allowed targets as return: none',
    );
  });

  it('keep the general message when the code is unknown here (a newer service than this gateway)', () => {
    const unknown = {
      code: ErrorCode.Forbidden,
      refusal: { code: 'ticket.from-the-future' },
    } as unknown as ServiceErrorPayload;
    expect(answer(unknown, 'es').message).toBe('No tiene permiso para esta operación.');
    expect(answer(unknown, 'en').message).toBe('You are not allowed to do this.');
  });

  it('have a Spanish and an English sentence for every declared code, filled from its parameters', () => {
    // Any parameter reads as a one-item list, which also prints as its item: every template can run.
    const anyParams = new Proxy({}, { get: (_target, key) => (typeof key === 'string' ? ['P'] : undefined) });
    const missing = REFUSAL_CODES.flatMap((code) =>
      (['es', 'en'] as const).flatMap((language) => {
        const text = refusalMessage({ code, params: anyParams } as Refusal, language);
        return text && !/undefined|\[object/.test(text) ? [] : [`${code} (${language}): ${String(text)}`];
      }),
    );
    expect(missing).toEqual([]);
    const untranslated = REFUSAL_CODES.filter(
      (code) =>
        refusalMessage({ code, params: anyParams } as Refusal, 'es') ===
        refusalMessage({ code, params: anyParams } as Refusal, 'en'),
    );
    expect(untranslated).toEqual([]);
    expect(REFUSAL_CODES.length).toBeGreaterThan(100);
  });
});
