import { Injectable } from '@nestjs/common';
import type { TicketOnlyCommandV1, ClosureReportV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayReadClosureReport, readsInternalNotes } from '../domain/permissions.js';
import { authorize } from '../domain/refusals.js';
import { TicketRepository } from '../tickets/ticket.repository.js';
import { closureReportFor } from './closure-report.js';
import { ClosureReportRepository } from './closure-report.repository.js';

/** The closure report of a closed ticket, for staff and for the ticket's requester (without internal notes). */
@Injectable()
export class GetClosureReportUseCase {
  constructor(
    private readonly tickets: TicketRepository,
    private readonly reports: ClosureReportRepository,
  ) {}

  async execute(query: TicketOnlyCommandV1): Promise<ClosureReportV1> {
    const ticket = await this.tickets.findByNumber(query.number);
    if (!ticket) throw ServiceError.notFound('ticket', query.number);
    authorize(
      mayReadClosureReport(query.actor, {
        area: ticket.area ?? '',
        requesterEmail: ticket.requesterEmail,
        jurisdiction: ticket.jurisdiction,
      }),
    );
    const report = await this.reports.find(ticket.ticketId);
    if (!report) throw ServiceError.notFound('closure-report', query.number);
    return closureReportFor(report, readsInternalNotes(query.actor));
  }
}
