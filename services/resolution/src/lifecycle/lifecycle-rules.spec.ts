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
    expect(submitProblem({ ...ready, area: 'UIT' })).toEqual({
      code: 'ticket.submit-not-at-service-desk',
      params: { serviceDesk: 'L1', area: 'UIT' },
    });
    expect(submitProblem({ ...ready, hasSolution: false })).toEqual({ code: 'ticket.submit-no-solution' });
    expect(submitProblem({ ...ready, waitingOnRequester: true })).toEqual({ code: 'ticket.submit-waiting-requester' });
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
    expect(reopenProblem(ticket, new Date(days(10).getTime() + 1), 10)).toEqual({
      code: 'ticket.reopen-window-over',
      params: { days: 10, since: 'closure', deadline: '2026-03-12T12:00:00.000Z' },
    });
  });

  it('counts from the resolution of a resolved ticket', () => {
    const ticket = { status: 'resuelto' as const, resolvedAt, closedAt: null };
    expect(reopenProblem(ticket, days(3, resolvedAt), 3)).toBeNull();
    expect(reopenProblem(ticket, days(4, resolvedAt), 3)).toMatchObject({
      code: 'ticket.reopen-window-over',
      params: { days: 3, since: 'resolution' },
    });
  });
});

describe('waiting on the requester', () => {
  it('starts once and resumes only while waiting', () => {
    expect(waitProblem(false)).toBeNull();
    expect(waitProblem(true)).toEqual({ code: 'ticket.already-waiting' });
    expect(resumeProblem(true)).toBeNull();
    expect(resumeProblem(false)).toEqual({ code: 'ticket.not-waiting' });
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
    expect(mergeProblem({ ...facts, original: { ...facts.original, status: 'cerrado' } })).toEqual({
      code: 'ticket.merge-original-closed',
      params: { number: 3 },
    });
    expect(
      mergeProblem({ ...facts, original: { ...facts.original, status: 'fusionado', mergedIntoNumber: 1 } }),
    ).toEqual({ code: 'ticket.merge-original-merged', params: { number: 3, into: 1 } });
  });

  it('is refused for a duplicate that other tickets were merged into, and into an unrouted original', () => {
    expect(mergeProblem({ ...facts, duplicate: { number: 7, mergedInto: [8, 9] } })).toEqual({
      code: 'ticket.merge-into-duplicate-original',
      params: { number: 7, duplicates: [8, 9] },
    });
    expect(mergeProblem({ ...facts, original: { ...facts.original, area: null } })).toEqual({
      code: 'ticket.no-area-yet',
      params: { number: 3 },
    });
  });
});
