import { Injectable } from '@nestjs/common';
import {
  NotificationsRpc,
  type ActorV1,
  type AnnouncementChangeV1,
  type AnnouncementInputV1,
  type AnnouncementV1,
  type NewAnnouncementInputV1,
} from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { NotificationsClient } from '../http/service-clients.js';

/** Announcements, owned by notifications (which checks the role again, the catalogue and the dates). */
@Injectable()
export class ManageAnnouncementsUseCase {
  constructor(
    private readonly notifications: NotificationsClient,
    private readonly audit: AuditRepository,
  ) {}

  async create(actor: ActorV1, announcement: NewAnnouncementInputV1): Promise<AnnouncementV1> {
    const change = await this.notifications.request(
      NotificationsRpc.CreateAnnouncement,
      { actor, announcement: { ...fieldsOf(announcement), sendMail: announcement.sendMail } },
      'announcement',
    );
    return this.recorded(actor, 'announcement.create', change);
  }

  async update(actor: ActorV1, id: string, announcement: AnnouncementInputV1): Promise<AnnouncementV1> {
    const change = await this.notifications.request(
      NotificationsRpc.UpdateAnnouncement,
      { actor, id, announcement: fieldsOf(announcement) },
      'announcement',
    );
    return this.recorded(actor, 'announcement.update', change);
  }

  async withdraw(actor: ActorV1, id: string): Promise<AnnouncementV1> {
    const change = await this.notifications.request(NotificationsRpc.WithdrawAnnouncement, { actor, id });
    return this.recorded(actor, 'announcement.withdraw', change);
  }

  /** After notifications answered (as the other administered configuration): before and after. */
  private async recorded(
    actor: ActorV1,
    action: 'announcement.create' | 'announcement.update' | 'announcement.withdraw',
    change: AnnouncementChangeV1,
  ): Promise<AnnouncementV1> {
    await this.audit.record(actor, {
      action,
      targetType: 'announcement',
      targetId: change.after.id,
      before: change.before,
      after: change.after,
    });
    return change.after;
  }
}

/** Only the fields of the contract, so nothing else the client sent reaches the service. */
function fieldsOf(a: AnnouncementInputV1): AnnouncementInputV1 {
  return {
    kind: a.kind,
    title: a.title,
    body: a.body,
    language: a.language,
    audience: a.audience,
    ...(a.jurisdictions !== undefined ? { jurisdictions: a.jurisdictions } : {}),
    validFrom: a.validFrom,
    ...(a.validUntil !== undefined ? { validUntil: a.validUntil } : {}),
  };
}
