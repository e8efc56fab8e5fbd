import {
  mergeProblem,
  reopenProblem,
  resumeProblem,
  reviewFieldProblems,
  submitFieldProblems,
  submitProblem,
  waitProblem,
} from './lifecycle-rules.js';

describe('submit to the supervisor', () => {
  const ready = { area: 'L1', hasSolution: true, waitingOnRequester: false };

  it('is allowed from the service desk with a registered solution', () => {
    expect(submitProblem(ready)).toBeNull();
  });

  it('is refused outside L1, without a solution, or while waiting on the requester', () => {
    expect(submitProblem({ ...ready, area: 'UIT' })).toContain('el ticket está en el área UIT');
    expect(submitProblem({ ...ready, hasSolution: false })).toBe('primero debe registrarse la solución del ticket');
    expect(submitProblem({ ...ready, waitingOnRequester: true })).toContain('espera una respuesta del solicitante');
  });

  it('needs the solution verified with the requester', () => {
    expect(submitFieldProblems({ verifiedWithRequester: true })).toEqual([]);
    expect(submitFieldProblems({ verifiedWithRequester: false })).toEqual([
      { field: 'body.verifiedWithRequester', constraint: 'isIn', params: [[true]] },
    ]);
  });
});

describe('review', () => {
  it('needs observations to reject, not to approve', () => {
    expect(reviewFieldProblems({ decision: 'approve' })).toEqual([]);
    expect(reviewFieldProblems({ decision: 'reject', observations: 'Falta adjuntar la captura' })).toEqual([]);
    expect(reviewFieldProblems({ decision: 'reject' })).toEqual([
      { field: 'body.observations', constraint: 'isDefined' },
    ]);
    // JSON `null` passes the contract's @IsOptional: refused as missing, never a TypeError (a 500).
    expect(reviewFieldProblems({ decision: 'reject', observations: null as unknown as string })).toEqual([
      { field: 'body.observations', constraint: 'isDefined' },
    ]);
    expect(reviewFieldProblems({ decision: 'reject', observations: '  ' })).toEqual([
      { field: 'body.observations', constraint: 'isNotEmpty' },
    ]);
  });
});

describe('reopen window', () => {
  const closedAt = new Date('2026-03-02T12:00:00Z');
  const resolvedAt = new Date('2026-03-01T12:00:00Z');
  const days = (n: number, from = closedAt) => new Date(from.getTime() + n * 86_400_000);

  it('counts from the closure of a closed ticket, to the millisecond', () => {
    const ticket = { status: 'cerrado' as const, resolvedAt, closedAt };
    expect(reopenProblem(ticket, days(10), 10)).toBeNull();
    expect(reopenProblem(ticket, new Date(days(10).getTime() + 1), 10)).toBe(
      'el plazo para reabrir venció: 10 días desde el cierre (2026-03-12T12:00:00.000Z)',
    );
  });

  it('counts from the resolution of a resolved ticket', () => {
    const ticket = { status: 'resuelto' as const, resolvedAt, closedAt: null };
    expect(reopenProblem(ticket, days(3, resolvedAt), 3)).toBeNull();
    expect(reopenProblem(ticket, days(4, resolvedAt), 3)).toContain('3 días desde la resolución');
  });
});

describe('waiting on the requester', () => {
  it('starts once and resumes only while waiting', () => {
    expect(waitProblem(false)).toBeNull();
    expect(waitProblem(true)).toBe('el ticket ya está esperando una respuesta del solicitante');
    expect(resumeProblem(true)).toBeNull();
    expect(resumeProblem(false)).toBe('el ticket no está esperando una respuesta del solicitante');
  });
});

describe('merging a duplicate (issue 12)', () => {
  const facts = {
    duplicate: { number: 7, mergedInto: [] as number[] },
    original: { number: 3, status: 'en_curso' as const, area: 'L1', mergedIntoNumber: null },
  };

  it('is allowed into an original still open, in progress or resolved', () => {
    expect(mergeProblem(facts)).toBeNull();
    expect(mergeProblem({ ...facts, original: { ...facts.original, status: 'abierto' } })).toBeNull();
    expect(mergeProblem({ ...facts, original: { ...facts.original, status: 'resuelto' } })).toBeNull();
  });

  it('is refused into a closed original, and into one merged elsewhere (naming where)', () => {
    expect(mergeProblem({ ...facts, original: { ...facts.original, status: 'cerrado' } })).toBe(
      'el ticket 3 está cerrado; no se fusiona un duplicado en un ticket cerrado (reábralo o relaciónelos)',
    );
    expect(mergeProblem({ ...facts, original: { ...facts.original, status: 'fusionado', mergedIntoNumber: 1 } })).toBe(
      'el ticket 3 ya fue fusionado en el ticket 1; fusione el duplicado en ese original',
    );
  });

  it('is refused for a duplicate that other tickets were merged into, and into an unrouted original', () => {
    expect(mergeProblem({ ...facts, duplicate: { number: 7, mergedInto: [8, 9] } })).toBe(
      'el ticket 7 es el original de #8, #9; no se fusiona un ticket que tiene duplicados fusionados en él',
    );
    expect(mergeProblem({ ...facts, original: { ...facts.original, area: null } })).toBe(
      'el ticket 3 todavía no fue asignado a un área',
    );
  });
});
