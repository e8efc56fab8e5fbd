import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import {
  Events,
  KnowledgeRpc,
  ProcedureEvents,
  type ActorV1,
  type EventEnvelope,
  type TicketRegisteredV1,
} from '@cau/contracts';
import { BatchScope } from '@cau/messaging';
import { ServiceBench, eventEnvelope, testActor, ticketRegistration, waitFor } from '@cau/testing';
import { knowledgeService } from '../src/knowledge.service.js';

class RolledBack extends Error {}

interface Outcome {
  tickets: unknown[];
  suggestions: unknown[];
  positions: unknown[];
}

/**
 * Knowledge writes a batch's registrations, routings, solutions and suggestions at its end; these tests apply
 * the same events as one batch and one batch per event, each in a transaction rolled back afterwards, and
 * compare what they leave.
 */
describe('knowledge: a batch of ticket events leaves what they leave one by one', () => {
  let bench: ServiceBench;
  const operator: ActorV1 = testActor('operator');
  let vpnId: string;

  beforeAll(async () => {
    bench = await ServiceBench.open('kbbatches');
    await bench.start(knowledgeService);
    const created = await bench.request(KnowledgeRpc.CreateArticle, {
      actor: operator,
      article: {
        title: 'Sin conexión a la VPN desde casa',
        problem: 'El cliente VPN no conecta y muestra error de certificado',
        cause: 'Certificado vencido',
        solutionSteps: ['Descargar el certificado nuevo'],
        category: 'redes',
        area: 'UIT',
        tags: ['vpn'],
        visibility: 'public',
      },
    });
    if (!created.created) throw new Error('expected a new article');
    vpnId = (await bench.request(KnowledgeRpc.PublishArticle, { actor: operator, id: created.article.id })).id;
    await waitFor(async () => {
      const found = await bench.request(KnowledgeRpc.Search, { actor: operator, params: { q: 'vpn' } });
      return found.items.length > 0 ? found : null;
    });
  });

  afterAll(async () => {
    await bench?.stop();
  });

  async function outcome(events: EventEnvelope<object>[], together: boolean, ticketIds: string[]): Promise<Outcome> {
    const { app, runtime } = bench.services[0]!;
    const consumer = knowledgeService.consumers!(app).find((c) => c.durable === 'knowledge')!;
    const handlers = new Map(consumer.handlers.map((x) => [x.definition.type, x]));
    const read = async (tx: EntityManager): Promise<Outcome> => ({
      tickets: await tx.query(
        `SELECT ticket_id, number, title, description, category, area, priority, routed_at, requester_email,
                jurisdiction, solution, resolved_at
           FROM knowledge.tickets WHERE ticket_id = ANY($1::uuid[]) ORDER BY number`,
        [ticketIds],
      ),
      suggestions: await tx.query(
        `SELECT ticket_id, position, article_id, score FROM knowledge.ticket_suggestions
          WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, position`,
        [ticketIds],
      ),
      positions: await tx.query(
        `SELECT ticket_id, source, sequence FROM knowledge.event_positions
          WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, source`,
        [ticketIds],
      ),
    });
    let result: Outcome | undefined;
    await runtime.dataSource
      .transaction(async (tx) => {
        for (const batch of together ? [events] : events.map((e) => [e])) {
          const scope = new BatchScope(batch.map((e) => e.id));
          for (const event of batch) await handlers.get(event.type)!.handle(event, tx, scope);
          await scope.finish();
        }
        result = await read(tx);
        throw new RolledBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RolledBack)) throw error;
      });
    return result!;
  }

  it('records registrations, routings in and out of order, solutions and suggestions as one by one', async () => {
    const [t1, t2, t3] = [ticketRegistration(101), ticketRegistration(102), ticketRegistration(103)];
    const registered = (data: TicketRegisteredV1) => eventEnvelope(Events.TicketRegistered, data, { source: 'intake' });
    const routed = (ticket: TicketRegisteredV1, sequence: number, area: string) =>
      eventEnvelope(
        Events.TicketRouted,
        {
          ticketId: ticket.ticketId,
          number: ticket.number,
          priority: 'MEDIA' as const,
          area,
          routedAt: new Date(Date.UTC(2026, 11, 1, 10, sequence)).toISOString(),
        },
        { source: 'routing', sequence },
      );
    const resolved = (ticket: TicketRegisteredV1, at: string, solution: string) =>
      eventEnvelope(
        ProcedureEvents.TicketResolved,
        {
          ticketId: ticket.ticketId,
          number: ticket.number,
          by: { accountId: randomUUID(), name: 'Op', role: 'operator' as const },
          at,
          area: 'L1',
          status: 'resuelto' as const,
          verifiedWithRequester: true,
          solution,
        },
        { source: 'resolution', sequence: 1 },
      );
    // Already applied (committed) before the batch: t2's routing at sequence 5.
    const applied = routed(t2, 5, 'UPAT');
    await bench.publish(applied);
    await bench.applied('knowledge', [applied]);

    const vpnText = { title: 'No puedo conectarme a la VPN', description: 'El cliente VPN da error de certificado' };
    const events = [
      registered(t1),
      routed(t1, 1, 'L1'),
      routed(t1, 3, 'UIT'),
      routed(t1, 2, 'ADT'),
      registered({ ...t2, ...vpnText }),
      routed(t2, 2, 'L1'),
      resolved(t1, '2026-12-01T11:00:00.000Z', 'la última'),
      resolved(t1, '2026-12-01T10:00:00.000Z', 'una anterior'),
      resolved(t2, '2026-12-01T10:00:00.000Z', 'reinstalar el certificado'),
      routed(t3, 1, 'L1'),
      // The registration again, corrected: its text and suggestions win.
      registered({ ...t1, ...vpnText, jurisdiction: 'OTRA' }),
    ];
    const ids = [t1, t2, t3].map((t) => t.ticketId);

    const oneByOne = await outcome(events, false, ids);
    const batched = await outcome(events, true, ids);

    expect(batched).toEqual(oneByOne);
    expect(batched.tickets).toEqual([
      expect.objectContaining({ title: vpnText.title, jurisdiction: 'OTRA', area: 'UIT', solution: 'la última' }),
      expect.objectContaining({ title: vpnText.title, area: 'UPAT', solution: 'reinstalar el certificado' }),
      expect.objectContaining({ title: null, area: 'L1', solution: null }),
    ]);
    const suggested = batched.suggestions as Array<{ ticket_id: string; article_id: string }>;
    expect(suggested.filter((s) => s.ticket_id === t1.ticketId).map((s) => s.article_id)).toEqual([vpnId]);
    expect(suggested.filter((s) => s.ticket_id === t2.ticketId).map((s) => s.article_id)).toEqual([vpnId]);
  });
});
