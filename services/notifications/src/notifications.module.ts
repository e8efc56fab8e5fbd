import { Module } from '@nestjs/common';
import { NotificationsSettings } from './config/notifications-settings.js';
import { DeliveryMetrics } from './delivery/delivery-metrics.js';
import { DeliveryRepository } from './delivery/delivery.repository.js';
import { MailSender } from './delivery/mail-sender.js';
import { QueueRegistrationMailUseCase } from './registration-mail/queue-registration-mail.use-case.js';

@Module({
  providers: [NotificationsSettings, DeliveryRepository, DeliveryMetrics, MailSender, QueueRegistrationMailUseCase],
})
export class NotificationsModule {}
