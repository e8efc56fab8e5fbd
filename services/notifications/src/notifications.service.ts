import {
  AccountEvents,
  AnnouncementEvents,
  CatalogueEvents,
  Events,
  ProcedureEvents,
  QueueGroups,
  ReportEvents,
} from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { QueueAnnouncementMailsUseCase } from './announcements/queue-announcement-mails.use-case.js';
import { notificationsConfigFromEnv } from './config/notifications-config.js';
import { NotificationsSettings } from './config/notifications-settings.js';
import { MailSender } from './delivery/mail-sender.js';
import { ImapPoller } from './inbound/imap-poller.js';
import { InboundAttachmentBackfill } from './inbound/inbound-attachment-backfill.js';
import { InboundProcessor } from './inbound/inbound-processor.js';
import { SmtpReceiver } from './inbound/smtp-receiver.js';
import { InboundMessages1763800009000 } from './migrations/1763800009000-inbound-messages.js';
import { NotificationsSchema1763800005000 } from './migrations/1763800005000-notifications-schema.js';
import { NotificationRules1763800006000 } from './migrations/1763800006000-notification-rules.js';
import { TicketPeople1795800000000 } from './migrations/1795800000000-ticket-people.js';
import { ReplyAndAssignmentMails1797200000000 } from './migrations/1797200000000-reply-and-assignment-mails.js';
import { TicketMailHistory1797300000000 } from './migrations/1797300000000-ticket-mail-history.js';
import { InboundAttachmentStore1797700000000 } from './migrations/1797700000000-inbound-attachment-store.js';
import { DeliveryAttachments1798300000100 } from './migrations/1798300000100-delivery-attachments.js';
import { MailTemplates1764086400000 } from './migrations/1764086400000-mail-templates.js';
import { NotificationConfiguration1798400000000 } from './migrations/1798400000000-notification-configuration.js';
import { JurisdictionContacts1798400000100 } from './migrations/1798400000100-jurisdiction-contacts.js';
import { MergedTicketMails1798200000200 } from './migrations/1798200000200-merged-ticket-mails.js';
import { TicketFollowers1798510000000 } from './migrations/1798510000000-ticket-followers.js';
import { DeliveryAttempts1799100000000 } from './migrations/1799100000000-delivery-attempts.js';
import { Announcements1799620000000 } from './migrations/1799620000000-announcements.js';
import { WhatsappChannel1799610000000 } from './migrations/1799610000000-whatsapp-channel.js';
import { DeliveriesDueOrder1799700000000 } from './migrations/1799700000000-deliveries-due-order.js';
import { WhatsappMedia1799650000000 } from './migrations/1799650000000-whatsapp-media.js';
import { NotificationsModule } from './notifications.module.js';
import { QueueWhatsappNoticesUseCase } from './whatsapp/whatsapp-channel.use-cases.js';
import { whatsappConfigFromEnv } from './whatsapp/whatsapp-config.js';
import { WhatsappSettings } from './whatsapp/whatsapp-settings.js';
import { WhatsappWorker } from './whatsapp/whatsapp-worker.js';
import { ManageNotificationConfigurationUseCase } from './rules/manage-notification-configuration.use-case.js';
import { TrackJurisdictionContactsUseCase } from './rules/track-jurisdiction-contacts.use-case.js';
import { QueueRegistrationMailUseCase } from './registration-mail/queue-registration-mail.use-case.js';
import { QueueTicketMailsUseCase } from './ticket-mails/queue-ticket-mails.use-case.js';
import { TrackTicketPeopleUseCase } from './tickets/track-ticket-people.use-case.js';
import {
  ClosedMails,
  CommentedMails,
  MergedMails,
  EscalatedMails,
  ReopenedMails,
  ResolvedMails,
  ReviewRejectedMails,
  SlaBreachedMails,
  SolutionReturnedMails,
  TakenMails,
} from './ticket-mails/ticket-mail-plans.js';
import { QueueReportMailsUseCase } from './report-mails/queue-report-mails.use-case.js';
import { QueuePasswordResetMailUseCase } from './password-reset-mail/queue-password-reset-mail.use-case.js';
import { QueueSelfRegistrationMailUseCase } from './self-registration-mail/queue-self-registration-mail.use-case.js';

export const notificationsService: ServiceDefinition = {
  name: 'notifications',
  schema: 'notifications',
  module: NotificationsModule,
  migrations: [
    NotificationsSchema1763800005000,
    NotificationRules1763800006000,
    InboundMessages1763800009000,
    MailTemplates1764086400000,
    TicketPeople1795800000000,
    ReplyAndAssignmentMails1797200000000,
    TicketMailHistory1797300000000,
    InboundAttachmentStore1797700000000,
    MergedTicketMails1798200000200,
    DeliveryAttachments1798300000100,
    NotificationConfiguration1798400000000,
    JurisdictionContacts1798400000100,
    TicketFollowers1798510000000,
    DeliveryAttempts1799100000000,
    WhatsappChannel1799610000000,
    Announcements1799620000000,
    WhatsappMedia1799650000000,
    DeliveriesDueOrder1799700000000,
  ],
  portVariable: 'NOTIFICATIONS_PORT',
  backgroundWork: true,
  defaultPort: 3105,
  queueGroup: QueueGroups.notifications,
  consumers: (app) => {
    const registrationMail = app.get(QueueRegistrationMailUseCase);
    const mails = app.get(QueueTicketMailsUseCase);
    const people = app.get(TrackTicketPeopleUseCase);
    const reportMails = app.get(QueueReportMailsUseCase);
    const passwordResetMails = app.get(QueuePasswordResetMailUseCase);
    const selfRegistrationMails = app.get(QueueSelfRegistrationMailUseCase);
    const jurisdictionContacts = app.get(TrackJurisdictionContactsUseCase);
    const announcementMails = app.get(QueueAnnouncementMailsUseCase);
    const whatsapp = app.get(QueueWhatsappNoticesUseCase);
    return [
      {
        durable: 'notifications',
        handlers: [
          onEvent(Events.TicketRegistered, (event, tx, batch) => registrationMail.handle(event, tx, batch)),
          onEvent(ProcedureEvents.TicketEscalated, (event, tx, batch) =>
            mails.handle(EscalatedMails, event, tx, batch),
          ),
          onEvent(ProcedureEvents.SolutionReturned, (event, tx, batch) =>
            mails.handle(SolutionReturnedMails, event, tx, batch),
          ),
          onEvent(ProcedureEvents.TicketTaken, async (event, tx, batch) => {
            await people.taken(event, tx);
            await mails.handle(TakenMails, event, tx, batch);
          }),
          onEvent(ProcedureEvents.TicketResolved, async (event, tx, batch) => {
            await people.submitted(event, tx);
            await mails.handle(ResolvedMails, event, tx, batch);
            await whatsapp.resolved(event, tx, batch);
          }),
          onEvent(ProcedureEvents.ReviewRejected, (event, tx, batch) =>
            mails.handle(ReviewRejectedMails, event, tx, batch),
          ),
          onEvent(ProcedureEvents.TicketClosed, async (event, tx, batch) => {
            await mails.handle(ClosedMails, event, tx, batch);
            await whatsapp.closed(event, tx, batch);
          }),
          onEvent(ProcedureEvents.TicketReopened, async (event, tx, batch) => {
            await mails.handle(ReopenedMails, event, tx, batch);
            await whatsapp.reopened(event, tx, batch);
          }),
          onEvent(ProcedureEvents.SlaBreached, (event, tx, batch) => mails.handle(SlaBreachedMails, event, tx, batch)),
          onEvent(ProcedureEvents.TicketCommented, async (event, tx, batch) => {
            await mails.handle(CommentedMails, event, tx, batch);
            await whatsapp.commented(event, tx, batch);
          }),
          onEvent(ProcedureEvents.TicketMerged, async (event, tx, batch) => {
            await people.merged(event, tx);
            await mails.handle(MergedMails, event, tx, batch);
            await whatsapp.merged(event, tx);
          }),
          onEvent(ReportEvents.ScheduledReportReady, (event, tx) => reportMails.handle(event, tx)),
          onEvent(AccountEvents.PasswordResetRequested, (event, tx) => passwordResetMails.handle(event, tx)),
          onEvent(AccountEvents.RegistrationRequested, (event, tx) => selfRegistrationMails.handle(event, tx)),
          onEvent(CatalogueEvents.Changed, (event, tx) => jurisdictionContacts.handle(event, tx)),
          onEvent(AnnouncementEvents.Published, (event, tx, batch) => announcementMails.handle(event, tx, batch)),
        ],
      },
    ];
  },
  async afterStart(app, runtime, env) {
    app
      .get(NotificationsSettings)
      .load(notificationsConfigFromEnv(env, { databasePoolSize: runtime.database.poolSize }));
    await app
      .get(ManageNotificationConfigurationUseCase)
      .seedMailboxes(app.get(NotificationsSettings).current.areaMailboxes);
    // Started before the consumers, so mails recorded by the first events are sent at once.
    await app.get(MailSender).start();
    // The WhatsApp channel, only where an account is configured: nothing changes elsewhere.
    app.get(WhatsappSettings).load(whatsappConfigFromEnv(env));
    app.get(WhatsappWorker).start();
    // The inbound channel, only where configured: stored mails are processed first (some may wait
    // from before a restart), then new ones are taken.
    const { inbound } = app.get(NotificationsSettings).current;
    // Attachments of mails received before the attachment store, moved into it once.
    await app.get(InboundAttachmentBackfill).run();
    if (inbound.imapMailboxes.length > 0 || inbound.smtp !== null) {
      app.get(InboundProcessor).start();
      await app.get(SmtpReceiver).start();
      app.get(ImapPoller).start();
    }
  },
};
