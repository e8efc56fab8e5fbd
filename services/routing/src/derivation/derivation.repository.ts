import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, DerivationKind, TicketDerivedV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';

interface DerivationRow {
  id: string;
  ticket_id: string;
  number: string;
  from_area: string;
  to_area: string;
  kind: DerivationKind;
  reason: string;
  by: ByV1;
  at: Date;
}

/** Every derivation of every ticket: from, to, who, when, why (docs/domain.md § Escalation graph). */
@Injectable()
export class DerivationRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(tx: EntityManager, derivation: TicketDerivedV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".derivations (id, ticket_id, number, from_area, to_area, kind, reason, by, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        derivation.derivationId,
        derivation.ticketId,
        derivation.number,
        derivation.from,
        derivation.to,
        derivation.kind,
        derivation.reason,
        JSON.stringify(derivation.by),
        derivation.at,
      ],
    );
  }

  /** The ticket's derivations in the order they were committed. */
  async listForTicket(ticketId: string): Promise<TicketDerivedV1[]> {
    const rows: DerivationRow[] = await this.runtime.dataSource.query(
      `SELECT id, ticket_id, number, from_area, to_area, kind, reason, by, at
         FROM "${this.s}".derivations WHERE ticket_id = $1 ORDER BY seq`,
      [ticketId],
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
