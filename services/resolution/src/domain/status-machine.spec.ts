import { TICKET_STATUSES, type TicketStatus } from '@cau/contracts';
import { LIFECYCLE_ACTIONS, transition, type LifecycleAction } from './status-machine.js';

/** Every (status, action) pair, written out: the expected next status, or null when refused. */
const EXPECTED: Record<TicketStatus, Record<LifecycleAction, TicketStatus | null>> = {
  abierto: {
    take: 'en_curso',
    assign: 'en_curso',
    escalate: 'en_curso',
    estimate: null,
    'log-work': null,
    'register-solution': null,
    'return-solution': null,
    submit: null,
    approve: null,
    reject: null,
    reopen: null,
    'wait-requester': null,
    resume: null,
    'answer-survey': null,
    'accept-solution': null,
    merge: 'fusionado',
  },
  en_curso: {
    take: 'en_curso',
    assign: 'en_curso',
    escalate: 'en_curso',
    estimate: 'en_curso',
    'log-work': 'en_curso',
    'register-solution': 'en_curso',
    'return-solution': 'en_curso',
    submit: 'resuelto',
    approve: null,
    reject: null,
    reopen: null,
    'wait-requester': 'en_curso',
    resume: 'en_curso',
    'answer-survey': null,
    'accept-solution': null,
    merge: 'fusionado',
  },
  resuelto: {
    take: null,
    assign: null,
    escalate: null,
    estimate: null,
    'log-work': null,
    'register-solution': null,
    'return-solution': null,
    submit: null,
    approve: 'cerrado',
    reject: 'en_curso',
    reopen: 'en_curso',
    'wait-requester': null,
    resume: null,
    'answer-survey': null,
    'accept-solution': 'resuelto',
    merge: 'fusionado',
  },
  cerrado: {
    take: null,
    assign: null,
    escalate: null,
    estimate: null,
    'log-work': null,
    'register-solution': null,
    'return-solution': null,
    submit: null,
    approve: null,
    reject: null,
    reopen: 'en_curso',
    'wait-requester': null,
    resume: null,
    'answer-survey': 'cerrado',
    'accept-solution': null,
    merge: null,
  },
  // A merged duplicate is terminal: its work goes on in the original.
  fusionado: {
    take: null,
    assign: null,
    escalate: null,
    estimate: null,
    'log-work': null,
    'register-solution': null,
    'return-solution': null,
    submit: null,
    approve: null,
    reject: null,
    reopen: null,
    'wait-requester': null,
    resume: null,
    'answer-survey': null,
    'accept-solution': null,
    merge: null,
  },
};

describe('ticket status machine', () => {
  const cases = TICKET_STATUSES.flatMap((status) => LIFECYCLE_ACTIONS.map((action) => [status, action] as const));

  it.each(cases)('%s + %s', (status, action) => {
    const expected = EXPECTED[status][action];
    const result = transition(status, action);
    if (expected === null) {
      expect(result.ok).toBe(false);
      if (!result.ok)
        expect(result.refusal).toMatchObject({ code: 'ticket.action-not-possible', params: { action, status } });
    } else {
      expect(result).toEqual({ ok: true, status: expected });
    }
  });

  it('closes only through approval of a resolved ticket', () => {
    const closing = cases.filter(([s, a]) => EXPECTED[s][a] === 'cerrado' && s !== 'cerrado');
    expect(closing).toEqual([['resuelto', 'approve']]);
  });

  it('merges only tickets not yet closed, and nothing leaves a merged ticket', () => {
    const merging = cases.filter(([s, a]) => EXPECTED[s][a] === 'fusionado').map(([s, a]) => `${s}+${a}`);
    expect(merging).toEqual(['abierto+merge', 'en_curso+merge', 'resuelto+merge']);
    expect(LIFECYCLE_ACTIONS.filter((a) => transition('fusionado', a).ok)).toEqual([]);
  });
});
