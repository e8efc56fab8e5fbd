import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { ByV1, Refusal, TicketCommandBase, LifecycleStateV1 } from '@cau/contracts';
import { ServiceError, EventPositions, ServiceRuntime } from '@cau/messaging';
import { Clock } from '../clock.js';
import { RoutingLocator } from '../tickets/routing-locator.js';
import type { TicketRecord } from '../domain/ticket-record.js';
import { TicketRepository, type AnnouncedServiceLevelRow } from '../tickets/ticket.repository.js';
import { lifecycleStateOf } from './lifecycle-state.js';
import { byOf } from '../domain/refusals.js';

/**
 * What a command's work sees: the locked ticket (in the addressed area), its transaction, the time, the actor.
 * `ticket` follows what the work writes through the journal (`TicketJournal.record`).
 */
export interface CommandScope {
  ticket: TicketRecord & { area: string };
  /**
   * What the ticket's service level is read from, as the lock read it and the journal changed it: the journal
   * announces a change without reading the row again. Absent for a ticket the command did not lock itself, and
   * dropped by work that moves the due dates (`SlaSchedule.refresh`): the journal then reads the row.
   */
  serviceLevel?: AnnouncedServiceLevelRow;
  readonly tx: EntityManager;
  readonly now: Date;
  readonly by: ByV1;
}

/**
 * The frame every lifecycle command runs in. The command is addressed to an area (the `{area}` token
 * of its subject), which must be where the ticket is. The work runs in one transaction with the ticket's
 * row locked, and the command answers with the ticket's lifecycle state. Our copy of the area follows
 * routing's events and may lag behind: when it disagrees, routing is asked, and if routing confirms the
 * addressed area the copy is corrected and the command is tried again.
 */
@Injectable()
export class TicketCommandRunner {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly tickets: TicketRepository,
    private readonly locator: RoutingLocator,
    private readonly clock: Clock,
    private readonly positions: EventPositions,
  ) {}

  async run(
    area: string,
    command: TicketCommandBase,
    work: (scope: CommandScope) => Promise<void>,
  ): Promise<LifecycleStateV1> {
    const done = await this.attempt(area, command, work);
    if (!('elsewhere' in done)) return done;
    await this.confirmArea(area, command, done.elsewhere);
    const again = await this.attempt(area, command, work);
    // An event may have moved the ticket since routing confirmed the area.
    if ('elsewhere' in again) throw ServiceError.conflict(misaddressed(command.number, again.elsewhere.area, area));
    return again;
  }

  /**
   * The work in one transaction with the ticket's row locked, when our copy has it in the addressed area; else
   * the copy as it is (unchanged), for `confirmArea`. The lock is the first read: a command costs no read of its
   * own to check the area, which is where the ticket nearly always is.
   */
  private attempt(
    area: string,
    command: TicketCommandBase,
    work: (scope: CommandScope) => Promise<void>,
  ): Promise<LifecycleStateV1 | { elsewhere: TicketRecord }> {
    return this.runtime.transaction(async (tx) => {
      const locked = await this.tickets.lockWithServiceLevel(tx, command.number);
      if (!locked) throw ServiceError.notFound('ticket', command.number);
      const { ticket, serviceLevel } = locked;
      if (ticket.area !== area) return { elsewhere: ticket };
      const scope: CommandScope = {
        ticket: { ...ticket, area },
        serviceLevel,
        tx,
        now: this.clock.now(),
        by: byOf(command.actor),
      };
      await work(scope);
      // The ticket as the work left it, with no read of its own: the row is locked, and a lifecycle command writes
      // the lifecycle's columns through the journal only (and never moves the ticket to another area).
      return lifecycleStateOf(scope.ticket);
    });
  }

  /** Routing is asked where the ticket is; when it confirms the addressed area, our lagging copy is corrected. */
  private async confirmArea(area: string, command: TicketCommandBase, copy: TicketRecord): Promise<void> {
    const located = await this.locator.locate(command.actor, command.number);
    if (located.area !== area) throw ServiceError.conflict(misaddressed(command.number, located.area, area));
    await this.runtime.transaction(async (tx) => {
      // Taking routing's word as if its latest event had arrived: older routing events still on their
      // way (the first routing, a previous derivation) must not move the ticket back afterwards.
      const newest = await this.positions.advance(tx, {
        ticketId: copy.ticketId,
        source: 'routing',
        sequence: located.sequence,
      });
      if (newest) await this.tickets.moveToArea(tx, copy.ticketId, area);
    });
  }
}

function misaddressed(number: number, current: string | null, addressed: string): Refusal {
  return current
    ? { code: 'ticket.in-other-area', params: { number, area: current, addressed } }
    : { code: 'ticket.no-area-yet', params: { number } };
}
