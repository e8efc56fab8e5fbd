import { Injectable } from '@nestjs/common';
import type { ByV1, EventDefinition, TicketStatus } from '@cau/contracts';
import { Outbox } from '@cau/messaging';
import { ServiceLevelAnnouncer } from '../sla/service-level-announcer.js';
import { withChanges, type TicketChanges } from '../domain/ticket-record.js';
import { TicketHistoryRepository } from '../tickets/ticket-history.repository.js';
import { TicketRepository } from '../tickets/ticket.repository.js';
import type { CommandScope } from './ticket-command-runner.js';

export interface JournalEntry<T extends object> {
  /** The step's name in the history (the command's action, or approve/reject). */
  action: string;
  changes?: TicketChanges;
  minutes?: number | undefined;
  notes?: string | undefined;
  event: { definition: EventDefinition<T>; data: T };
}

/** The fields every lifecycle event starts with: the ticket, who, when, and where it is left. */
export interface LifecycleBase {
  ticketId: string;
  number: number;
  by: ByV1;
  at: string;
  area: string;
  status: TicketStatus;
}

/**
 * Writes what a command did, all in the command's transaction: the ticket's changes, a step in its
 * history and the event announcing it (through the outbox, so the event exists exactly when the change does),
 * followed by `ticket.service-level-changed` when the change met a target or unmet one.
 */
@Injectable()
export class TicketJournal {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly history: TicketHistoryRepository,
    private readonly outbox: Outbox,
    private readonly announcer: ServiceLevelAnnouncer,
  ) {}

  async record<T extends object>(scope: CommandScope, entry: JournalEntry<T>): Promise<void> {
    const { ticket, tx, now, by } = scope;
    if (entry.changes) {
      await this.tickets.update(tx, ticket.ticketId, entry.changes);
      // The command's answer (and any later step of the same command) sees the ticket as now written.
      scope.ticket = withChanges(ticket, entry.changes);
    }
    await this.history.append(tx, {
      ticketId: ticket.ticketId,
      at: now,
      action: entry.action,
      area: ticket.area,
      by,
      minutes: entry.minutes,
      notes: entry.notes,
    });
    await this.outbox.append(tx, {
      definition: entry.event.definition,
      ticketId: ticket.ticketId,
      data: entry.event.data,
    });
    // A status or a first response may meet a target, or put the resolution target back in play.
    const changes = entry.changes;
    if (
      changes &&
      (changes.status !== undefined || changes.responseMetAt !== undefined || changes.resolvedAt !== undefined)
    ) {
      await this.announce(scope);
    }
  }

  /** The service level from the facts the command holds (its locked row, as changed), else read again. */
  private async announce(scope: CommandScope): Promise<void> {
    const { ticket, tx, serviceLevel } = scope;
    if (!serviceLevel) {
      await this.announcer.announce(tx, [ticket.ticketId]);
      return;
    }
    const facts = {
      ...serviceLevel,
      status: ticket.status,
      responseMetAt: ticket.responseMetAt,
      resolvedAt: ticket.resolvedAt,
    };
    const [announced] = await this.announcer.announceRows(tx, [facts]);
    scope.serviceLevel = { ...facts, announced: announced?.announced ?? facts.announced };
  }
}

export function lifecycleBase(scope: CommandScope, status: TicketStatus): LifecycleBase {
  return {
    ticketId: scope.ticket.ticketId,
    number: scope.ticket.number,
    by: scope.by,
    at: scope.now.toISOString(),
    area: scope.ticket.area,
    status,
  };
}
