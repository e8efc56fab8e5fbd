import { randomUUID } from 'node:crypto';
import { MAIL_KINDS, NOTIFIED_EVENT_TYPES, TICKET_MAIL_TABLE } from '@cau/contracts';
import type { TicketCommentedV1, TicketTakenV1 } from '@cau/contracts';
import { CommentedMails, MAIL_KIND_ENTRIES, PLANNED_EVENT_TYPES, TakenMails } from './ticket-mail-plans.js';

describe('mail plans and the table of mail kinds', () => {
  it('plan mails for exactly the event types people can opt out of', () => {
    expect([...PLANNED_EVENT_TYPES]).toEqual([...NOTIFIED_EVENT_TYPES]);
  });

  it('plan every kind of the table, each for the event type the table names', () => {
    expect([...MAIL_KIND_ENTRIES.keys()]).toEqual(MAIL_KINDS);
    for (const entry of MAIL_KIND_ENTRIES.values()) {
      expect([entry.kind, entry.eventType]).toEqual([entry.kind, TICKET_MAIL_TABLE[entry.kind].eventType]);
    }
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
