import { Module } from '@nestjs/common';
import { AnnouncementRepository } from './announcements/announcement.repository.js';
import { AnnouncementsHandler } from './announcements/announcements.handler.js';
import { ManageAnnouncementsUseCase } from './announcements/manage-announcements.use-case.js';
import { QueueAnnouncementMailsUseCase } from './announcements/queue-announcement-mails.use-case.js';
import { DeliveriesAdminUseCase } from './admin/deliveries-admin.use-case.js';
import { NotificationsHandler } from './admin/notifications.handler.js';
import { ListTicketMailsUseCase } from './ticket-mail-history/list-ticket-mails.use-case.js';
import { TicketMailHistoryRepository } from './ticket-mail-history/ticket-mail-history.repository.js';
import { NotificationsSettings } from './config/notifications-settings.js';
import { DeliveryMetrics } from './delivery/delivery-metrics.js';
import { DeliveryRepository } from './delivery/delivery.repository.js';
import { MailSender } from './delivery/mail-sender.js';
import { ImapPoller } from './inbound/imap-poller.js';
import { InboundAdminUseCase } from './inbound/inbound-admin.use-case.js';
import { InboundAttachmentBackfill } from './inbound/inbound-attachment-backfill.js';
import { InboundAttachmentsUseCase } from './inbound/inbound-attachments.use-case.js';
import { InboundMailHandler } from './inbound/inbound-mail.handler.js';
import { MailAttachmentStore } from './inbound/mail-attachment-store.js';
import { InboundMessageRepository } from './inbound/inbound-message.repository.js';
import { InboundMetrics } from './inbound/inbound-metrics.js';
import { InboundProcessor } from './inbound/inbound-processor.js';
import { MailboxAlerts } from './inbound/mailbox-alerts.js';
import { ProcessInboundMailUseCase } from './inbound/process-inbound-mail.use-case.js';
import { ReceiveMailUseCase } from './inbound/receive-mail.use-case.js';
import { SmtpReceiver } from './inbound/smtp-receiver.js';
import { MailTemplateRepository } from './mail-templates/mail-template.repository.js';
import { MailTemplatesHandler } from './mail-templates/mail-templates.handler.js';
import { ManageMailTemplatesUseCase } from './mail-templates/manage-mail-templates.use-case.js';
import { ListPreferencesUseCase } from './preferences/list-preferences.use-case.js';
import { SetPreferenceUseCase } from './preferences/set-preference.use-case.js';
import { QueueRegistrationMailUseCase } from './registration-mail/queue-registration-mail.use-case.js';
import { AreaMailboxRepository } from './rules/area-mailbox.repository.js';
import { ConfigurationEditsRepository } from './rules/configuration-edits.repository.js';
import { JurisdictionContactsRepository } from './rules/jurisdiction-contacts.repository.js';
import { TrackJurisdictionContactsUseCase } from './rules/track-jurisdiction-contacts.use-case.js';
import { ManageNotificationConfigurationUseCase } from './rules/manage-notification-configuration.use-case.js';
import { NotificationRulesRepository } from './rules/notification-rules.repository.js';
import { QueueTicketMailsUseCase } from './ticket-mails/queue-ticket-mails.use-case.js';
import { TicketCopyRepository } from './tickets/ticket-copy.repository.js';
import { BatchWrites } from './persistence/batch-writes.js';
import { TicketFollowersRepository } from './tickets/ticket-followers.repository.js';
import { TicketPeopleRepository } from './tickets/ticket-people.repository.js';
import { TrackTicketPeopleUseCase } from './tickets/track-ticket-people.use-case.js';
import { QueueReportMailsUseCase } from './report-mails/queue-report-mails.use-case.js';
import { QueuePasswordResetMailUseCase } from './password-reset-mail/queue-password-reset-mail.use-case.js';
import { QueueSelfRegistrationMailUseCase } from './self-registration-mail/queue-self-registration-mail.use-case.js';
import { ProcessWhatsappMessageUseCase } from './whatsapp/process-whatsapp-message.use-case.js';
import {
  QueueWhatsappNoticesUseCase,
  ReceiveWhatsappUseCase,
  WhatsappAdminUseCase,
} from './whatsapp/whatsapp-channel.use-cases.js';
import { WhatsappHandler } from './whatsapp/whatsapp.handler.js';
import { WhatsappRepository } from './whatsapp/whatsapp.repository.js';
import { WhatsappSettings } from './whatsapp/whatsapp-settings.js';
import { WhatsappWorker } from './whatsapp/whatsapp-worker.js';

@Module({
  controllers: [NotificationsHandler, MailTemplatesHandler, InboundMailHandler, AnnouncementsHandler, WhatsappHandler],
  providers: [
    NotificationsSettings,
    BatchWrites,
    DeliveryRepository,
    DeliveryMetrics,
    MailSender,
    TicketCopyRepository,
    TicketPeopleRepository,
    TicketFollowersRepository,
    TrackTicketPeopleUseCase,
    NotificationRulesRepository,
    AreaMailboxRepository,
    ConfigurationEditsRepository,
    JurisdictionContactsRepository,
    TrackJurisdictionContactsUseCase,
    ManageNotificationConfigurationUseCase,
    QueueTicketMailsUseCase,
    QueueRegistrationMailUseCase,
    SetPreferenceUseCase,
    ListPreferencesUseCase,
    DeliveriesAdminUseCase,
    TicketMailHistoryRepository,
    ListTicketMailsUseCase,
    InboundMessageRepository,
    InboundMetrics,
    MailboxAlerts,
    ProcessInboundMailUseCase,
    InboundProcessor,
    ReceiveMailUseCase,
    ImapPoller,
    SmtpReceiver,
    MailTemplateRepository,
    ManageMailTemplatesUseCase,
    InboundAdminUseCase,
    QueueReportMailsUseCase,
    QueuePasswordResetMailUseCase,
    QueueSelfRegistrationMailUseCase,
    MailAttachmentStore,
    InboundAttachmentsUseCase,
    InboundAttachmentBackfill,
    AnnouncementRepository,
    ManageAnnouncementsUseCase,
    QueueAnnouncementMailsUseCase,
    WhatsappSettings,
    WhatsappRepository,
    ProcessWhatsappMessageUseCase,
    WhatsappWorker,
    ReceiveWhatsappUseCase,
    QueueWhatsappNoticesUseCase,
    WhatsappAdminUseCase,
  ],
})
export class NotificationsModule {}
