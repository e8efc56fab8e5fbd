import { randomUUID } from 'node:crypto';
import { NOTIFIED_EVENT_TYPES as ACCEPTED_BY_CONTRACT } from '@cau/contracts';
import type { TicketCommentedV1, TicketTakenV1 } from '@cau/contracts';
import { CommentedMails, NOTIFIED_EVENT_TYPES, TakenMails } from './ticket-mail-plans.js';

describe('mail plans and the preferences contract', () => {
  it('accept opt-outs for exactly the event types that have mail plans', () => {
    // The contract lists them for validation at the gateway; the plans are what actually sends mail.
    expect([...ACCEPTED_BY_CONTRACT].sort()).toEqual([...NOTIFIED_EVENT_TYPES].sort());
  });
});

/** A person as events name them; `email` is optional there (events older than addresses in actors). */
const person = (role: string): { accountId: string; name: string; role: string; email?: string } => ({
  accountId: randomUUID(),
  name: role,
  role,
  email: `${role}@cau.gob`,
});

describe('which comments are mailed to whom', () => {
  const comment = (role: string, internal?: boolean): TicketCommentedV1 => ({
    ticketId: '00000000-0000-4000-8000-0000000000aa',
    number: 7,
    by: person(role),
    at: '2025-11-24T15:00:00.000Z',
    area: 'UIT',
    status: 'en_curso',
    commentId: '00000000-0000-4000-8000-0000000000bb',
    text: 'x',
    channel: 'portal',
    reopens: false,
    ...(internal === undefined ? {} : { internal }),
  });
  const mailed = (data: TicketCommentedV1) =>
    Object.entries(CommentedMails.plans)
      .filter(([, plan]) => !plan.when || plan.when(data))
      .map(([recipient]) => recipient)
      .sort();

  it("sends the requester's and the referente's comments to the area's mailbox only", () => {
    expect(mailed(comment('requester'))).toEqual(['area-mailbox']);
    expect(mailed(comment('referente'))).toEqual(['area-mailbox']);
  });

  it('sends a staff public reply to the requester and the referente, not to the mailbox', () => {
    for (const role of ['operator', 'agent', 'supervisor', 'admin']) {
      expect(mailed(comment(role))).toEqual(['referente', 'requester']);
      expect(mailed(comment(role, false))).toEqual(['referente', 'requester']);
    }
  });

  it('sends an internal note to nobody', () => {
    for (const role of ['operator', 'agent', 'supervisor', 'admin']) expect(mailed(comment(role, true))).toEqual([]);
  });
});

describe('assignment mails', () => {
  const taken = (by: ReturnType<typeof person>, assignee: ReturnType<typeof person>): TicketTakenV1 => ({
    ticketId: '00000000-0000-4000-8000-0000000000aa',
    number: 7,
    by,
    at: '2025-11-24T15:00:00.000Z',
    area: 'UIT',
    status: 'en_curso',
    assignee,
  });
  const plan = TakenMails.plans['assigned-agent']!;

  it('mails the assignee at the address in the event when someone else assigned the ticket', () => {
    const data = taken(person('supervisor'), person('agent'));
    expect(plan.when!(data)).toBe(true);
    expect(TakenMails.assignee!(data)).toBe('agent@cau.gob');
  });

  it('mails nobody when the person took the ticket themselves, or has no known address', () => {
    const agent = person('agent');
    expect(plan.when!(taken(agent, agent))).toBe(false);
    const { email: _none, ...unknown } = person('agent');
    expect(TakenMails.assignee!(taken(person('supervisor'), unknown))).toBeNull();
  });
});
