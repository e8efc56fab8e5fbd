// Event-check benchmark: CPU per event of what a consumer does to each event it reads, before its handler
// runs — parse, then either validate the envelope and payload with class-validator (`validateEvent`, as
// every consumer did) or check the envelope alone (`checkOwnEvent`, as they do now). One process, no
// services: CPU time from process.cpuUsage, so a busy machine does not move it much. Options: --events 20000
import { parseArgs } from 'node:util';
import { randomUUID } from 'node:crypto';
import 'reflect-metadata';
import { Events, validateEvent } from '@cau/contracts';
import { checkOwnEvent } from '@cau/messaging';

const { values } = parseArgs({ options: { events: { type: 'string', default: '20000' } } });
const count = Number(values.events);

const ticketId = randomUUID();
const routed = {
  id: randomUUID(),
  type: Events.TicketRouted.type,
  version: Events.TicketRouted.version,
  occurredAt: new Date().toISOString(),
  ticketId,
  source: 'routing',
  sequence: 2,
  correlationId: randomUUID(),
  causationId: randomUUID(),
  data: { ticketId, number: 7, priority: 'ALTA', area: 'L1', routedAt: new Date().toISOString() },
};
const bytes = new TextEncoder().encode(JSON.stringify(routed));

function measure(check) {
  for (let i = 0; i < 1_000; i++) check(Events.TicketRouted, JSON.parse(new TextDecoder().decode(bytes)));
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const result = check(Events.TicketRouted, JSON.parse(new TextDecoder().decode(bytes)));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / count).toFixed(1);
}

console.log(`event-check benchmark — ${count} ${routed.type} events, CPU µs per event (parse + check)`);
console.log(`  validateEvent (class-validator, envelope and payload): ${measure(validateEvent)}`);
console.log(`  checkOwnEvent (envelope, type and version):            ${measure(checkOwnEvent)}`);
