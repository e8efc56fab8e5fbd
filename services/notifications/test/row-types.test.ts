import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { notificationsService } from '../src/notifications.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts' or
 * the service's enumerations and jsonb columns holding their shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'deliveries.kind': 'DeliveryKind',
    'deliveries.language': 'Language',
    'deliveries.status': 'DeliveryStatus',
    'deliveries.attachments': 'JsonColumn<MailAttachment[]>',
    'inbound_messages.status': 'InboundStatus',
    'inbound_messages.outcome': 'InboundOutcomeKind',
    'mail_templates.kind': 'MailKind',
    'mail_templates.language': 'Language',
    'notification_rules.recipient_kind': 'RecipientKind',
    'announcements.kind': 'AnnouncementKind',
    'announcements.language': 'Language',
    'announcements.audience': 'AnnouncementAudience',
    'ticket_people.duty': 'TicketDuty',
    'configuration_edits.setting': 'EditableSetting',
    'whatsapp_messages.status': 'WhatsappMessageStatus',
    'whatsapp_messages.outcome': 'InboundOutcomeKind',
    'whatsapp_attachments.refusal': 'MediaRefusal',
    'whatsapp_deliveries.status': 'WhatsappDeliveryStatus',
    'whatsapp_deliveries.parameters': 'JsonColumn<string[]>',
  },
  imports: {
    AnnouncementAudience: '@cau/contracts',
    AnnouncementKind: '@cau/contracts',
    DeliveryKind: './delivery/delivery.js',
    DeliveryStatus: '@cau/contracts',
    EditableSetting: './rules/configuration-edits.repository.js',
    InboundOutcomeKind: './inbound/inbound-message.repository.js',
    InboundStatus: '@cau/contracts',
    JsonColumn: '@cau/persistence',
    Language: '@cau/contracts',
    MailAttachment: './delivery/delivery.js',
    MailKind: '@cau/contracts',
    MediaRefusal: './whatsapp/whatsapp-media.js',
    RecipientKind: '@cau/contracts',
    TicketDuty: './tickets/ticket-people.repository.js',
    WhatsappDeliveryStatus: '@cau/contracts',
    WhatsappMessageStatus: './whatsapp/whatsapp.repository.js',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(notificationsService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
