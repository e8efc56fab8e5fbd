import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, FieldSignedOffV1 } from '@cau/contracts';
import { FieldAttentionRepository } from './field-attention.repository.js';

/** Follows inventory's field work on tickets, so closing one can ask for its sign-off. */
@Injectable()
export class RecordFieldAttentionUseCase {
  constructor(private readonly attentions: FieldAttentionRepository) {}

  /** A visit recorded or equipment taken out for repair: work on site that the user signs off. */
  async workDone(event: EventEnvelope<object>, tx: EntityManager): Promise<void> {
    if (!event.ticketId) return;
    await this.attentions.workDone(tx, event.ticketId, new Date(event.occurredAt));
  }

  async signedOff(event: EventEnvelope<FieldSignedOffV1>, tx: EntityManager): Promise<void> {
    if (!event.ticketId) return;
    await this.attentions.signedOff(tx, event.ticketId, new Date(event.data.signedAt), event.data.conforme);
  }
}
