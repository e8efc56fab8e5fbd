import { Controller } from '@nestjs/common';
import {
  NotificationsRpc,
  AnnouncementRefV1,
  CreateAnnouncementCommandV1,
  CurrentAnnouncementsQueryV1,
  ListAnnouncementsQueryV1,
  UpdateAnnouncementCommandV1,
  type AnnouncementChangeV1,
  type AnnouncementListV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ManageAnnouncementsUseCase } from './manage-announcements.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed over HTTP by the gateway (api/v1/announcements). */
@Controller()
export class AnnouncementsHandler {
  constructor(private readonly announcements: ManageAnnouncementsUseCase) {}

  @Answers(NotificationsRpc.ListAnnouncements)
  list(request: ListAnnouncementsQueryV1): Promise<AnnouncementListV1> {
    return this.announcements.list(request);
  }

  @Answers(NotificationsRpc.CurrentAnnouncements)
  current(request: CurrentAnnouncementsQueryV1): Promise<AnnouncementListV1> {
    return this.announcements.current(request);
  }

  @Answers(NotificationsRpc.CreateAnnouncement)
  create(request: CreateAnnouncementCommandV1): Promise<AnnouncementChangeV1> {
    return this.announcements.create(request);
  }

  @Answers(NotificationsRpc.UpdateAnnouncement)
  update(request: UpdateAnnouncementCommandV1): Promise<AnnouncementChangeV1> {
    return this.announcements.update(request);
  }

  @Answers(NotificationsRpc.WithdrawAnnouncement)
  withdraw(request: AnnouncementRefV1): Promise<AnnouncementChangeV1> {
    return this.announcements.withdraw(request);
  }
}
