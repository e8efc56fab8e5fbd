import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogueChangedV1, EventEnvelope } from '@cau/contracts';
import { JurisdictionContactsRepository } from './jurisdiction-contacts.repository.js';

/**
 * Keeps each jurisdiction's referentes and supervisors from intake's catalogue. A retired jurisdiction
 * keeps its contacts: its open tickets are still followed by them.
 */
@Injectable()
export class TrackJurisdictionContactsUseCase {
  constructor(private readonly contacts: JurisdictionContactsRepository) {}

  async handle(event: EventEnvelope<CatalogueChangedV1>, tx: EntityManager): Promise<void> {
    const { kind, code, referenteEmails, supervisorEmails } = event.data;
    if (kind !== 'jurisdiction') return;
    const lower = (emails: string[] | undefined) => [...new Set((emails ?? []).map((e) => e.trim().toLowerCase()))];
    await this.contacts.save(tx, code, {
      referenteEmails: lower(referenteEmails),
      supervisorEmails: lower(supervisorEmails),
    });
  }
}
