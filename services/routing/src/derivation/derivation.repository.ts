import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TicketDerivedV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { execute, fetchRows } from '@cau/persistence';
import { routingRows } from '../rows.js';

/** Every derivation of every ticket: from, to, who, when, why (docs/domain.md § Escalation graph). */
@Injectable()
export class DerivationRepository {
  private readonly db = routingRows;

  constructor(private readonly runtime: ServiceRuntime) {}

  async insert(tx: EntityManager, derivation: TicketDerivedV1): Promise<void> {
    await execute(
      tx,
      this.db.insertInto('derivations').values({
        id: derivation.derivationId,
        ticket_id: derivation.ticketId,
        number: derivation.number,
        from_area: derivation.from,
        to_area: derivation.to,
        kind: derivation.kind,
        reason: derivation.reason,
        by: JSON.stringify(derivation.by),
        at: derivation.at,
      }),
    );
  }

  /** The ticket's derivations in the order they were committed. */
  async listForTicket(ticketId: string): Promise<TicketDerivedV1[]> {
    const rows = await fetchRows(
      this.runtime.dataSource,
      this.db
        .selectFrom('derivations')
        .select(['id', 'ticket_id', 'number', 'from_area', 'to_area', 'kind', 'reason', 'by', 'at'])
        .where('ticket_id', '=', ticketId)
        .orderBy('seq'),
    );
    return rows.map((row) => ({
      derivationId: row.id,
      ticketId: row.ticket_id,
      number: Number(row.number),
      from: row.from_area,
      to: row.to_area,
      kind: row.kind,
      reason: row.reason,
      by: row.by,
      at: row.at.toISOString(),
    }));
  }
}
