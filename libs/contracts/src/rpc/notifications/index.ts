import { ActorEnvelopeBase } from '../../common.js';
import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  AnnouncementListV1,
  AnnouncementRefV1,
  CreateAnnouncementCommandV1,
  CurrentAnnouncementsQueryV1,
  ListAnnouncementsQueryV1,
  UpdateAnnouncementCommandV1,
  type AnnouncementChangeV1,
} from './announcements.js';
import {
  ListDeliveriesQueryV1,
  ListTicketMailsQueryV1,
  RetryDeliveryCommandV1,
  SetPreferenceCommandV1,
  DeliveryListV1,
  DeliverySummaryV1,
  PreferenceListV1,
  PreferenceV1,
  TicketMailListV1,
} from './deliveries.js';
import {
  InboundTicketAttachmentsQueryV1,
  ListInboundQueryV1,
  RetryInboundCommandV1,
  InboundListV1,
  InboundMessageSummaryV1,
  type InboundTicketAttachmentsV1,
} from './inbound-mail.js';
import {
  ReplaceAreaMailboxesCommandV1,
  ReplaceNotificationRulesCommandV1,
  AreaMailboxesV1,
  NotificationRuleListV1,
} from './rules.js';
import {
  GetTemplateQueryV1,
  ListTemplatesQueryV1,
  ListTemplateVersionsQueryV1,
  PreviewTemplateCommandV1,
  PutTemplateCommandV1,
  ResetTemplateCommandV1,
  MailKindListV1,
  MailPreviewV1,
  MailTemplateV1,
  TemplateVersionListV1,
} from './templates.js';
import {
  ListWhatsappDeliveriesQueryV1,
  ReceiveWhatsappCommandV1,
  RetryWhatsappDeliveryCommandV1,
  ReceiveWhatsappResultV1,
  WhatsappDeliveryListV1,
  WhatsappDeliverySummaryV1,
} from './whatsapp.js';

export * from './announcements.js';
export * from './deliveries.js';
export * from './inbound-mail.js';
export * from './rules.js';
export * from './templates.js';
export * from './whatsapp.js';

/**
 * Everything notifications answers over request/reply: mail preferences and deliveries, the mails of a
 * ticket, the rules and the areas' mailboxes, the mail templates, inbound mail, the WhatsApp channel and
 * announcements.
 */
export const NotificationsRpc = {
  /** Anyone: turns one event type's non-essential mails to the actor's own address off or on. */
  SetPreference: defineCommand('notifications.preferences.set.v1', SetPreferenceCommandV1, PreferenceV1),
  /** Anyone: the preferences stored for the actor's own address (no row: mails on). */
  ListPreferences: defineQuery('notifications.preferences.list.v1', ActorEnvelopeBase, PreferenceListV1),
  /** Administrators: the deliveries, newest first, optionally of one status. */
  ListDeliveries: defineQuery('notifications.deliveries.list.v1', ListDeliveriesQueryV1, DeliveryListV1),
  /** Administrators: a failed delivery back to pending, its attempts counted from zero. */
  RetryDelivery: defineCommand('notifications.deliveries.retry.v1', RetryDeliveryCommandV1, DeliverySummaryV1),
  /** Staff: the mails of one ticket, sent and received, oldest first, with their text. */
  ListTicketMails: defineQuery('notifications.ticket-mails.list.v1', ListTicketMailsQueryV1, TicketMailListV1),

  /** Staff: every rule the service has a mail for. */
  ListRules: defineQuery('notifications.rules.list.v1', ActorEnvelopeBase, NotificationRuleListV1),
  /** Administrators: the rules now in force. */
  ReplaceRules: defineCommand(
    'notifications.rules.replace.v1',
    ReplaceNotificationRulesCommandV1,
    NotificationRuleListV1,
  ),
  /** Staff: the areas' mailboxes. */
  ListAreaMailboxes: defineQuery('notifications.area-mailboxes.list.v1', ActorEnvelopeBase, AreaMailboxesV1),
  /** Administrators: the mailboxes now in force. */
  ReplaceAreaMailboxes: defineCommand(
    'notifications.area-mailboxes.replace.v1',
    ReplaceAreaMailboxesCommandV1,
    AreaMailboxesV1,
  ),

  /** Administrators: every mail kind with its placeholders and, per language, the version in force. */
  ListTemplates: defineQuery('notifications.templates.list.v1', ListTemplatesQueryV1, MailKindListV1),
  /** Administrators: the template of one kind and language in force (an override, or the built-in one). */
  GetTemplate: defineQuery('notifications.templates.get.v1', GetTemplateQueryV1, MailTemplateV1),
  /** Administrators: saves a new version; the next mail of that kind and language uses it. */
  PutTemplate: defineCommand('notifications.templates.put.v1', PutTemplateCommandV1, MailTemplateV1),
  /** Administrators: back to the built-in template (recorded as a version too). */
  ResetTemplate: defineCommand('notifications.templates.reset.v1', ResetTemplateCommandV1, MailTemplateV1),
  /** Administrators: every version of one kind and language, newest first. */
  ListTemplateVersions: defineQuery(
    'notifications.templates.versions.v1',
    ListTemplateVersionsQueryV1,
    TemplateVersionListV1,
  ),
  /** Administrators: renders a template with sample data or with a ticket's stored facts, sending nothing. */
  PreviewTemplate: defineQuery('notifications.templates.preview.v1', PreviewTemplateCommandV1, MailPreviewV1),

  /** Administrators: the mails received, newest first, optionally of one status. */
  ListInbound: defineQuery('notifications.inbound.list.v1', ListInboundQueryV1, InboundListV1),
  /** Administrators: a failed mail processed again, its attempts counted from zero. */
  RetryInbound: defineCommand('notifications.inbound.retry.v1', RetryInboundCommandV1, InboundMessageSummaryV1),
  /**
   * The gateway: what came attached to the mails of a ticket (metadata and storage keys, never bytes;
   * the gateway streams them from the attachment store after its own visibility check).
   */
  InboundTicketAttachments: defineQuery(
    'notifications.inbound.ticket-attachments.v1',
    InboundTicketAttachmentsQueryV1,
    replyOf<InboundTicketAttachmentsV1>(),
  ),

  /** The gateway: the messages and delivery statuses of one signed webhook call. */
  ReceiveWhatsapp: defineCommand(
    'notifications.whatsapp.receive.v1',
    ReceiveWhatsappCommandV1,
    ReceiveWhatsappResultV1,
  ),
  /** Administrators: WhatsApp messages sent (or being sent), newest first, optionally of one status. */
  ListWhatsappDeliveries: defineQuery(
    'notifications.whatsapp.deliveries.list.v1',
    ListWhatsappDeliveriesQueryV1,
    WhatsappDeliveryListV1,
  ),
  /** Administrators: a failed or uncertain WhatsApp message sent again. */
  RetryWhatsappDelivery: defineCommand(
    'notifications.whatsapp.deliveries.retry.v1',
    RetryWhatsappDeliveryCommandV1,
    WhatsappDeliverySummaryV1,
  ),

  /** Administrators: every announcement not withdrawn, newest first. */
  ListAnnouncements: defineQuery('notifications.announcement.list.v1', ListAnnouncementsQueryV1, AnnouncementListV1),
  /** Anyone signed in: the announcements for them now (their audience, inside the validity window). */
  CurrentAnnouncements: defineQuery(
    'notifications.announcement.current.v1',
    CurrentAnnouncementsQueryV1,
    AnnouncementListV1,
  ),
  CreateAnnouncement: defineCommand(
    'notifications.announcement.create.v1',
    CreateAnnouncementCommandV1,
    replyOf<AnnouncementChangeV1>(),
  ),
  UpdateAnnouncement: defineCommand(
    'notifications.announcement.update.v1',
    UpdateAnnouncementCommandV1,
    replyOf<AnnouncementChangeV1>(),
  ),
  WithdrawAnnouncement: defineCommand(
    'notifications.announcement.withdraw.v1',
    AnnouncementRefV1,
    replyOf<AnnouncementChangeV1>(),
  ),
};
