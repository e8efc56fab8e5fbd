import { createHash } from 'node:crypto';
import { jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Events, type EventDefinition, type EventEnvelope, type TicketRegisteredV1 } from '@cau/contracts';
import { Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { ServiceBench, eventEnvelope, ticketRegistration, type ReceivedMail } from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';

/** Notifications alone on a bench of its own (LOG_LEVEL fatal unless TEST_LOG_LEVEL says otherwise). */
export async function startNotifications(label: string, env: Record<string, string>): Promise<ServiceBench> {
  const bench = await ServiceBench.open(label, {
    env: { LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal', ...env },
  });
  await bench.start(notificationsService);
  return bench;
}

/** A `ticket.registered` envelope as intake's outbox would publish it. */
export function ticketRegistered(
  number: number,
  requester = { email: `persona${number}@salud.gob`, name: `Persona ${number}` },
): EventEnvelope<TicketRegisteredV1> {
  const data = ticketRegistration(number, {
    registeredAt: '2025-11-22T14:02:30.000Z',
    requester,
    title: `La impresora ${number} no imprime`,
    description: 'Sale la hoja en blanco',
  });
  return eventEnvelope(Events.TicketRegistered, data, { source: 'intake' });
}

/** Publishes to JetStream; a different `msgID` makes JetStream keep a second copy of the same event. */
export async function publish(
  nc: NatsConnection,
  env: Record<string, string>,
  event: EventEnvelope<object>,
  msgID = event.id,
  area?: string,
): Promise<void> {
  const subject = new Subjects(messagingConfigFromEnv(env)).event(event.type, area);
  await jetstream(nc).publish(subject, JSON.stringify(event), { msgID });
}

/** A lifecycle event of the ticket registered by `registration`, as routing's or resolution's outbox would publish it. */
export function ticketEvent<T extends object>(
  definition: EventDefinition<T>,
  registration: EventEnvelope<TicketRegisteredV1>,
  data: Omit<T, 'ticketId' | 'number'>,
  sequence: number,
): EventEnvelope<T> {
  const { ticketId, number } = registration.data;
  const source =
    definition.type.endsWith('escalated') || definition.type.endsWith('returned') ? 'routing' : 'resolution';
  return eventEnvelope(definition, { ticketId, number, ...data } as T, { source, sequence });
}

export function ticketHeader(mail: ReceivedMail): string | undefined {
  const value = mail.parsed.headers.get('x-cau-ticket');
  return typeof value === 'string' ? value : undefined;
}

export function mailsFor(mails: ReceivedMail[], number: number): ReceivedMail[] {
  return mails.filter((mail) => ticketHeader(mail) === String(number));
}

/** Ticket numbers that arrived more than once. */
export function duplicated(mails: ReceivedMail[]): string[] {
  const counts = new Map<string, number>();
  for (const mail of mails) counts.set(ticketHeader(mail) ?? '?', (counts.get(ticketHeader(mail) ?? '?') ?? 0) + 1);
  return [...counts].filter(([, count]) => count > 1).map(([number]) => number);
}

export function expectedMessageId(
  eventId: string,
  recipient: string,
  domain: string,
  kind = 'ticket-registered',
): string {
  return `<${kind}.${eventId}.${createHash('sha1').update(recipient).digest('hex').slice(0, 12)}@${domain}>`;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
