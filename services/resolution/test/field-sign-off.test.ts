import { randomUUID } from 'node:crypto';
import {
  ErrorCode,
  FieldServiceEvents,
  ProcedureEvents,
  type EventDefinition,
  type EventEnvelope,
} from '@cau/contracts';
import { ResolutionHarness, people, refusal, type TestTicket } from './support.js';

/** docs/domain.md § Field service: a field attention closes with the user's signed conformity, or with the supervisor's reason. */
describe('resolution: closing a field ticket asks for its sign-off', () => {
  let h: ResolutionHarness;
  const operator = people.operator();
  const supervisor = people.supervisor();
  let inventorySequence = 0;

  beforeAll(async () => {
    h = await ResolutionHarness.start('resfieldsignoff');
  });

  afterAll(async () => {
    await h?.stop();
  });

  async function resolvedTicket(): Promise<TestTicket> {
    const ticket = await h.ticket();
    await h.command('take', 'L1', operator, ticket);
    await h.command('register-solution', 'L1', operator, ticket, { solution: 'Se cambió la fuente del equipo.' });
    await h.command('submit', 'L1', operator, ticket, { verifiedWithRequester: true });
    return ticket;
  }

  /** An inventory event on the ticket, published and applied as inventory's outbox relay would. */
  async function inventoryEvent<T extends object>(
    definition: EventDefinition<T>,
    ticket: TestTicket,
    data: T,
    occurredAt: string,
  ): Promise<void> {
    const envelope: EventEnvelope<T> = {
      id: randomUUID(),
      type: definition.type,
      version: definition.version,
      occurredAt,
      ticketId: ticket.ticketId,
      source: 'inventory',
      sequence: ++inventorySequence,
      correlationId: randomUUID(),
      causationId: null,
      data,
    };
    await h.publish(envelope);
    await h.applied(envelope);
  }

  const visitRecorded = (ticket: TestTicket, at: string) =>
    inventoryEvent(
      FieldServiceEvents.VisitRecorded,
      ticket,
      {
        visitId: randomUUID(),
        ticketNumber: ticket.number,
        visitorKind: 'contractor',
        plannedFor: at,
        arrivedAt: at,
        departedAt: at,
      },
      at,
    );
  const signedOff = (ticket: TestTicket, at: string, conforme: boolean) =>
    inventoryEvent(FieldServiceEvents.SignedOff, ticket, { ticketNumber: ticket.number, conforme, signedAt: at }, at);

  it('refuses to close after a visit without the sign-off, and closes once the user signed their conformity', async () => {
    const ticket = await resolvedTicket();
    await visitRecorded(ticket, '2026-12-01T10:00:00.000Z');
    expect(await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'approve' }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.sign-off-missing' },
    });
    expect(await h.row(ticket)).toMatchObject({ status: 'resuelto' });

    // Signed, but not satisfied: still refused, with that reason.
    await signedOff(ticket, '2026-12-01T12:00:00.000Z', false);
    expect(await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'approve' }))).toEqual({
      code: ErrorCode.Conflict,
      refusal: { code: 'ticket.sign-off-not-conforme' },
    });

    await signedOff(ticket, '2026-12-01T13:00:00.000Z', true);
    expect(await h.command('review', 'L1', supervisor, ticket, { decision: 'approve' })).toMatchObject({
      status: 'cerrado',
    });
    const [closed] = await h.streamed(ProcedureEvents.TicketClosed, ticket);
    expect(closed!.data).not.toHaveProperty('signOffWaivedReason');
  });

  it('closes without the sign-off when the supervisor says why, keeping the reason in the closing step', async () => {
    const ticket = await resolvedTicket();
    await visitRecorded(ticket, '2026-12-02T10:00:00.000Z');
    // A blank reason is no reason.
    expect(
      await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'approve', signOffWaivedReason: '  ' })),
    ).toMatchObject({ code: ErrorCode.Validation });
    const reason = 'El usuario dejó el organismo; el jefe del área confirmó por correo que el equipo funciona.';
    expect(
      await h.command('review', 'L1', supervisor, ticket, { decision: 'approve', signOffWaivedReason: reason }),
    ).toMatchObject({ status: 'cerrado' });
    const [closed] = await h.streamed(ProcedureEvents.TicketClosed, ticket);
    expect(closed!.data).toMatchObject({ signOffWaivedReason: reason });
  });

  it('asks for a new sign-off when more field work follows the last one, and leaves other tickets alone', async () => {
    const ticket = await resolvedTicket();
    await signedOff(ticket, '2026-12-03T09:00:00.000Z', true);
    await inventoryEvent(
      FieldServiceEvents.RepairOut,
      ticket,
      {
        repairId: randomUUID(),
        ticketNumber: ticket.number,
        equipmentId: randomUUID(),
        inventoryNumber: 'PC-0042',
        state: 'en_reparacion',
        condition: null,
      },
      '2026-12-03T11:00:00.000Z',
    );
    expect(await refusal(h.command('review', 'L1', supervisor, ticket, { decision: 'approve' }))).toMatchObject({
      code: ErrorCode.Conflict,
    });

    const office = await resolvedTicket();
    expect(await h.command('review', 'L1', supervisor, office, { decision: 'approve' })).toMatchObject({
      status: 'cerrado',
    });
  });
});
