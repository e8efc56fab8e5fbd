import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AnnouncementCommands,
  AnnouncementRefV1,
  CreateAnnouncementCommandV1,
  CurrentAnnouncementsQueryV1,
  ListAnnouncementsQueryV1,
  UpdateAnnouncementCommandV1,
  type AnnouncementChangeV1,
  type AnnouncementListV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageAnnouncementsUseCase } from './manage-announcements.use-case.js';

/** Request/reply over NATS (queue group `notifications`); exposed over HTTP by the gateway (api/v1/announcements). */
@Controller()
export class AnnouncementsHandler {
  constructor(private readonly announcements: ManageAnnouncementsUseCase) {}

  @MessagePattern(AnnouncementCommands.List)
  list(@Payload() data: unknown): Promise<AnnouncementListV1> {
    return this.announcements.list(parseMessage(ListAnnouncementsQueryV1, data));
  }

  @MessagePattern(AnnouncementCommands.Current)
  current(@Payload() data: unknown): Promise<AnnouncementListV1> {
    return this.announcements.current(parseMessage(CurrentAnnouncementsQueryV1, data));
  }

  @MessagePattern(AnnouncementCommands.Create)
  create(@Payload() data: unknown): Promise<AnnouncementChangeV1> {
    return this.announcements.create(parseMessage(CreateAnnouncementCommandV1, data));
  }

  @MessagePattern(AnnouncementCommands.Update)
  update(@Payload() data: unknown): Promise<AnnouncementChangeV1> {
    return this.announcements.update(parseMessage(UpdateAnnouncementCommandV1, data));
  }

  @MessagePattern(AnnouncementCommands.Withdraw)
  withdraw(@Payload() data: unknown): Promise<AnnouncementChangeV1> {
    return this.announcements.withdraw(parseMessage(AnnouncementRefV1, data));
  }
}
