import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AnnouncementEvents,
  IntakeRpc,
  Role,
  type ActorV1,
  type AnnouncementInputV1,
  type AnnouncementListV1,
  type AnnouncementRefV1,
  type AnnouncementChangeV1,
  type AnnouncementV1,
  type CreateAnnouncementCommandV1,
  type CurrentAnnouncementsQueryV1,
  type ListAnnouncementsQueryV1,
  type UpdateAnnouncementCommandV1,
} from '@cau/contracts';
import { RpcClient, ServiceError, ServiceRuntime } from '@cau/messaging';
import type { EntityManager } from 'typeorm';
import { announcementState, isInAudience } from './announcement-rules.js';
import { AnnouncementRepository, type AnnouncementState } from './announcement.repository.js';

function mustBeAdmin(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'notifications.announcements-admins-only' });
}

/**
 * Announcements: administrators publish, edit and withdraw them; everyone signed in reads the ones for
 * them. Each change is one transaction with its event in the outbox; `announcement.published` with
 * `sendMail` is what mails it (QueueAnnouncementMailsUseCase), so publishing answers at once whatever the
 * audience's size. The gateway audits the before/after this answers.
 */
@Injectable()
export class ManageAnnouncementsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly announcements: AnnouncementRepository,
    private readonly rpc: RpcClient,
  ) {}

  async list({ actor }: ListAnnouncementsQueryV1): Promise<AnnouncementListV1> {
    mustBeAdmin(actor);
    return { items: await this.announcements.listLive(this.runtime.dataSource.manager) };
  }

  /** Valid now and for this person: a referente's jurisdiction, or a requester's latest ticket's. */
  async current({ actor }: CurrentAnnouncementsQueryV1): Promise<AnnouncementListV1> {
    const db = this.runtime.dataSource.manager;
    const valid = await this.announcements.listValidAt(db, new Date());
    if (valid.length === 0) return { items: [] };
    const jurisdiction =
      actor.jurisdiction ??
      (actor.role === Role.Requester ? await this.announcements.requesterJurisdiction(db, actor.email) : null);
    return { items: valid.filter((a) => isInAudience(a, { role: actor.role, jurisdiction })) };
  }

  async create({ actor, announcement }: CreateAnnouncementCommandV1): Promise<AnnouncementChangeV1> {
    mustBeAdmin(actor);
    const state = await this.checked(actor, announcement);
    return this.runtime.transaction(async (tx) => {
      const created = await this.announcements.insert(tx, randomUUID(), state, announcement.sendMail, by(actor));
      await this.announce(tx, 'published', created);
      return { before: null, after: created };
    });
  }

  async update({ actor, id, announcement }: UpdateAnnouncementCommandV1): Promise<AnnouncementChangeV1> {
    mustBeAdmin(actor);
    const state = await this.checked(actor, announcement);
    return this.runtime.transaction(async (tx) => {
      const before = await this.announcements.findLiveForUpdate(tx, id);
      const after = before ? await this.announcements.update(tx, id, state, by(actor)) : null;
      if (!before || !after) throw ServiceError.notFound('announcement', id);
      await this.announce(tx, 'updated', after);
      return { before, after };
    });
  }

  /** Never deleted: marked withdrawn, it leaves every list. Withdrawing twice is a 404. */
  async withdraw({ actor, id }: AnnouncementRefV1): Promise<AnnouncementChangeV1> {
    mustBeAdmin(actor);
    return this.runtime.transaction(async (tx) => {
      const before = await this.announcements.findLiveForUpdate(tx, id);
      const after = before ? await this.announcements.withdraw(tx, id, by(actor)) : null;
      if (!before || !after) throw ServiceError.notFound('announcement', id);
      await this.runtime.outbox.append(tx, {
        definition: AnnouncementEvents.Withdrawn,
        ticketId: null,
        data: { id },
      });
      return { before, after };
    });
  }

  /** Jurisdiction codes are checked against intake's active catalogue (asked only when some are named). */
  private async checked(actor: ActorV1, input: AnnouncementInputV1): Promise<AnnouncementState> {
    const named = input.audience === 'jurisdictions' ? (input.jurisdictions ?? []) : [];
    const active = new Set<string>();
    if (named.length > 0) {
      const catalogue = await this.rpc.request(IntakeRpc.ListCatalogue, { actor, full: false });
      for (const j of catalogue.jurisdictions) if (!j.retired) active.add(j.code);
    }
    const result = announcementState(input, active);
    if (!result.ok) throw ServiceError.validation(result.problems);
    return result.state;
  }

  private async announce(tx: EntityManager, what: 'published' | 'updated', a: AnnouncementV1): Promise<void> {
    const data = {
      id: a.id,
      kind: a.kind,
      title: a.title,
      body: a.body,
      language: a.language,
      audience: a.audience,
      jurisdictions: a.jurisdictions,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      sendMail: a.sendMail,
    };
    if (what === 'published') {
      await this.runtime.outbox.append(tx, { definition: AnnouncementEvents.Published, ticketId: null, data });
    } else {
      await this.runtime.outbox.append(tx, { definition: AnnouncementEvents.Updated, ticketId: null, data });
    }
  }
}

function by(actor: ActorV1): { name: string; email: string } {
  return { name: actor.name, email: actor.email };
}
