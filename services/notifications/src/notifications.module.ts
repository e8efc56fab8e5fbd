import { Module } from '@nestjs/common';
import { DeliveriesAdminUseCase } from './admin/deliveries-admin.use-case.js';
import { NotificationsHandler } from './admin/notifications.handler.js';
import { NotificationsSettings } from './config/notifications-settings.js';
import { DeliveryMetrics } from './delivery/delivery-metrics.js';
import { DeliveryRepository } from './delivery/delivery.repository.js';
import { MailSender } from './delivery/mail-sender.js';
import { SetPreferenceUseCase } from './preferences/set-preference.use-case.js';
import { QueueRegistrationMailUseCase } from './registration-mail/queue-registration-mail.use-case.js';
import { NotificationRulesRepository } from './rules/notification-rules.repository.js';
import { QueueTicketMailsUseCase } from './ticket-mails/queue-ticket-mails.use-case.js';
import { TicketCopyRepository } from './tickets/ticket-copy.repository.js';
import { QueueReportMailsUseCase } from './report-mails/queue-report-mails.use-case.js';

@Module({
  controllers: [NotificationsHandler],
  providers: [
    NotificationsSettings,
    DeliveryRepository,
    DeliveryMetrics,
    MailSender,
    TicketCopyRepository,
    NotificationRulesRepository,
    QueueTicketMailsUseCase,
    QueueRegistrationMailUseCase,
    SetPreferenceUseCase,
    DeliveriesAdminUseCase,
    QueueReportMailsUseCase,
  ],
})
export class NotificationsModule {}
