import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, ProblemChangedV1, ProblemTicketLinkV1 } from '@cau/contracts';
import { ProblemsRepository } from './problems.repository.js';

/** Keeps resolution's problem records, and which problem each incident is linked to, for the reports. */
@Injectable()
export class ProblemsProjection {
  constructor(private readonly problems: ProblemsRepository) {}

  async changed(event: EventEnvelope<ProblemChangedV1>, tx: EntityManager): Promise<void> {
    const { problemId, number, title, status, area, at } = event.data;
    await this.problems.saveChange(tx, { problemId, number, title, status, area, changedAt: new Date(at) });
  }

  async ticketLinked(event: EventEnvelope<ProblemTicketLinkV1>, tx: EntityManager): Promise<void> {
    await this.problems.link(tx, event.ticketId!, event.data.problemId, new Date(event.data.at));
  }

  async ticketUnlinked(event: EventEnvelope<ProblemTicketLinkV1>, tx: EntityManager): Promise<void> {
    await this.problems.unlink(tx, event.ticketId!, event.data.problemId, new Date(event.data.at));
  }
}
