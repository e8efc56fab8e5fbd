import { Injectable } from '@nestjs/common';
import { DefaultArea, ProcedureEvents, type RelatedTicketCommandV1, type LifecycleStateV1 } from '@cau/contracts';
import { TicketLinkRepository } from '../../tickets/ticket-link.repository.js';
import type { TicketRecord } from '../../domain/ticket-record.js';
import { TicketRepository } from '../../tickets/ticket.repository.js';
import { mayAct } from '../../domain/permissions.js';
import { authorize, validate } from '../../domain/refusals.js';
import { TicketCommandRunner, type CommandScope } from '../ticket-command-runner.js';
import { lifecycleBase, TicketJournal } from '../ticket-journal.js';

/**
 * Relates the addressed ticket to another (issue 12) or ends the relation. A relation is symmetric: it is
 * stored once and announced on both tickets' streams (`ticket.linked` / `ticket.unlinked`, each naming the
 * other). Idempotent: relating related tickets, or unrelating unrelated ones, changes and announces nothing.
 * Any status may be related (a closed ticket is still a useful reference); the status does not change.
 */
@Injectable()
export class RelateTicketsUseCase {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly journal: TicketJournal,
    private readonly tickets: TicketRepository,
    private readonly links: TicketLinkRepository,
  ) {}

  link(area: string, command: RelatedTicketCommandV1): Promise<LifecycleStateV1> {
    return this.relate(area, command, 'link');
  }

  unlink(area: string, command: RelatedTicketCommandV1): Promise<LifecycleStateV1> {
    return this.relate(area, command, 'unlink');
  }

  private relate(area: string, command: RelatedTicketCommandV1, action: 'link' | 'unlink'): Promise<LifecycleStateV1> {
    return this.runner.run(area, command, async (scope) => {
      const { ticket, tx, now, by } = scope;
      authorize(mayAct(command.actor, action, ticket));
      const related = command.body.related;
      if (related === ticket.number) validate([{ field: 'body.related', constraint: 'notSelf', params: [related] }]);
      const other = await this.tickets.findByNumber(related, tx);
      if (!other) {
        validate([{ field: 'body.related', constraint: 'ticketExists', params: [related] }]);
        return;
      }
      const changed =
        action === 'link'
          ? await this.links.link(tx, ticket.ticketId, other.ticketId, now, by)
          : await this.links.unlink(tx, ticket.ticketId, other.ticketId);
      if (!changed) return;
      const definition = action === 'link' ? ProcedureEvents.TicketLinked : ProcedureEvents.TicketUnlinked;
      const otherScope = scopeOf(scope, other);
      for (const [self, peer] of [
        [scope, otherScope],
        [otherScope, scope],
      ] as const) {
        await this.journal.record(self, {
          action,
          notes: `#${peer.ticket.number}`,
          event: {
            definition,
            data: {
              ...lifecycleBase(self, self.ticket.status),
              related: { ticketId: peer.ticket.ticketId, number: peer.ticket.number },
            },
          },
        });
      }
    });
  }
}

/** The same command's frame seen from another ticket (not locked: only its history and events are written). */
export function scopeOf(scope: CommandScope, ticket: TicketRecord): CommandScope {
  // Resolution starts every ticket in L1 (see docs/architecture.md, departures).
  // Not the addressed ticket's service-level facts: this ticket's are read again if it is ever announced.
  return { ticket: { ...ticket, area: ticket.area ?? DefaultArea.L1 }, tx: scope.tx, now: scope.now, by: scope.by };
}
