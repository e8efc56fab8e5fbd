import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  Channel,
  IntakeRpc,
  ErrorCode,
  Impact,
  Limits,
  Role,
  RoutingRpc,
  TicketType,
  Urgency,
  ResolutionRpc,
  forArea,
  type ActorV1,
  type CommentCommandV1,
  type LocatedTicketV1,
  type RegisterTicketCommandV1,
  type RegisterTicketResultV1,
  type RequesterV1,
} from '@cau/contracts';
import { RpcClient, ServiceError } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { jurisdictionOf } from '../inbound/inbound-config.js';
import { MailAttachmentStore } from '../inbound/mail-attachment-store.js';
import { fitText } from '../inbound/mail-rules.js';
import { PermanentInboundError, requesterActorId, uuidOf } from '../inbound/process-inbound-mail.use-case.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { mediaFileName, receiveMedia, type MessageMedia } from './whatsapp-media.js';
import { WhatsappKind, templateParameter, whatsappTexts } from './whatsapp-texts.js';
import {
  WhatsappRepository,
  type ClaimedWhatsappMessage,
  type WhatsappAttachmentRecord,
} from './whatsapp.repository.js';

/**
 * The WhatsApp channel's identity towards intake, as the mail channel has its own: fixed, so every retry
 * registers as the same account (intake scopes idempotency keys by account).
 */
export const WHATSAPP_CHANNEL_ACCOUNT_ID = '77686174-0000-4000-8000-6361752d7761';
const WHATSAPP_CHANNEL_NAME = 'Canal de WhatsApp';
const TITLE_LENGTH = 80;

export type WhatsappOutcome =
  { outcome: 'ticket' | 'comment'; ticketId: string; ticketNumber: number } | { outcome: 'unknown'; replied: boolean };

/**
 * Turns one stored WhatsApp message into a ticket or a requester comment, as inbound mail does: the
 * number is looked up in intake's requester directory; a requester's message goes to the ticket their
 * WhatsApp messages last went to while it is open, or opens one. Both commands are idempotent for the
 * same message (an Idempotency-Key and a comment id derived from the WhatsApp id), so processing it
 * again after a crash never makes a second ticket or comment. A number of no requester is answered with
 * the "unknown number" template (once a day per number) and nothing else is kept of its message.
 *
 * A media message's file is fetched and checked first (see receiveMedia) and recorded once per message,
 * kept in the attachment store or refused; the caption is the text, or a line naming the file, and a file
 * that could not be received is said so in the text, so nothing is lost silently. A fetch that may pass
 * later retries the whole message with the channel's back-off; on the last attempt the file is given up
 * and the text still goes to the ticket.
 */
@Injectable()
export class ProcessWhatsappMessageUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly repository: WhatsappRepository,
    private readonly store: MailAttachmentStore,
  ) {}

  /**
   * Runs inside the claim's transaction; throws PermanentInboundError for a refusal, anything else to
   * retry. Keys of bytes it put in the attachment store are pushed to `stored`, for the caller to delete
   * if the transaction does not commit.
   */
  async process(
    tx: EntityManager,
    message: ClaimedWhatsappMessage,
    config: NotificationsConfig,
    whatsapp: WhatsappConfig,
    stored: string[],
  ): Promise<WhatsappOutcome> {
    const requester = await this.requesterOf(message.sender, whatsapp);
    if (!requester) {
      const replied = await this.replyUnknown(tx, message, whatsapp);
      return { outcome: 'unknown', replied };
    }
    const texts = whatsappTexts(config.language);
    const caption = message.body?.trim() ?? '';
    let body: string;
    if (message.media) {
      const file = await this.attachment(tx, { ...message, media: message.media }, requester, config, whatsapp, stored);
      body = caption || texts.mediaOnly(file.fileName);
      if (file.refusal) body = `${body}\n\n${texts.mediaNotReceived(file.fileName, file.refusal)}`;
    } else {
      body = message.type === 'text' && caption ? caption : texts.unsupported(message.type);
    }
    const contact = await this.repository.contact(tx, message.sender);
    if (contact?.openTicketNumber && contact.openTicketId && contact.requesterEmail === requester.email) {
      const commented = await this.comment(message, requester, contact.openTicketNumber, body);
      if (commented) {
        await this.repository.linkContact(tx, this.contactOf(message, requester), commented);
        return commented;
      }
    }
    const registered = await this.register(message, requester, body, caption, config, whatsapp);
    await this.repository.linkContact(tx, this.contactOf(message, requester), registered);
    await this.repository.insertPending(tx, {
      eventId: uuidOf(`whatsapp-registered:${message.waMessageId}`),
      recipient: message.sender,
      kind: WhatsappKind.TicketRegistered,
      template: whatsapp.templates.update,
      language: whatsapp.templates.language,
      parameters: [String(registered.ticketNumber), templateParameter(texts.registered)],
      ticketId: registered.ticketId,
      ticketNumber: registered.ticketNumber,
    });
    return registered;
  }

  /**
   * The message's file as recorded by an earlier attempt, or fetched, checked, stored and recorded now.
   * Throws (to retry) when the fetch may pass later and attempts remain.
   */
  private async attachment(
    tx: EntityManager,
    message: ClaimedWhatsappMessage & { media: MessageMedia },
    requester: RequesterV1,
    config: NotificationsConfig,
    whatsapp: WhatsappConfig,
    stored: string[],
  ): Promise<WhatsappAttachmentRecord> {
    const recorded = await this.repository.attachmentOf(tx, message.id);
    if (recorded) return recorded;
    const receipt = await receiveMedia(whatsapp, message, config.inbound.maxAttachmentBytes);
    const lastAttempt = message.attempts + 1 >= whatsapp.maxAttempts;
    if (receipt.kind === 'retry' && !lastAttempt) throw new Error(`media not received yet: ${receipt.error}`);
    let record: WhatsappAttachmentRecord;
    if (receipt.kind === 'retry') {
      record = {
        fileName: mediaFileName(message),
        declaredType: message.media.mimeType,
        sizeBytes: 0,
        storageKey: null,
        sha256: null,
        detectedType: null,
        refusal: 'unavailable',
        reason: `out of attempts: ${receipt.error}`,
      };
    } else {
      const { content, ...media } = receipt.media;
      let storageKey: string | null = null;
      if (content !== null) {
        storageKey = await this.store.current.put(Readable.from([content]));
        stored.push(storageKey);
      }
      record = { ...media, storageKey };
    }
    await this.repository.recordAttachment(tx, message.id, record, requester);
    return record;
  }

  private contactOf(
    message: ClaimedWhatsappMessage,
    requester: RequesterV1,
  ): { phone: string; requesterEmail: string; requesterName: string } {
    return { phone: message.sender, requesterEmail: requester.email, requesterName: requester.name };
  }

  private async requesterOf(phone: string, whatsapp: WhatsappConfig): Promise<RequesterV1 | null> {
    const { requester } = await this.rpc.request(IntakeRpc.RequesterByPhone, {
      phone,
      countryCode: whatsapp.countryCode,
    });
    return requester;
  }

  private async replyUnknown(
    tx: EntityManager,
    message: ClaimedWhatsappMessage,
    whatsapp: WhatsappConfig,
  ): Promise<boolean> {
    if (await this.repository.answeredUnknownRecently(tx, message.sender)) return false;
    return this.repository.insertPending(tx, {
      eventId: uuidOf(`whatsapp-unknown:${message.waMessageId}`),
      recipient: message.sender,
      kind: WhatsappKind.UnknownNumber,
      template: whatsapp.templates.unknownNumber,
      language: whatsapp.templates.language,
      parameters: [],
      ticketId: null,
      ticketNumber: null,
    });
  }

  /** The comment on ticket `number`, or null when the ticket is gone or takes no comment (closed): a new one opens. */
  private async comment(
    message: ClaimedWhatsappMessage,
    requester: RequesterV1,
    number: number,
    body: string,
  ): Promise<{ outcome: 'comment'; ticketId: string; ticketNumber: number } | null> {
    const actor: ActorV1 = {
      accountId: requesterActorId(requester.email),
      role: Role.Requester,
      email: requester.email,
      name: fitText(requester.name, Limits.name),
    };
    let located: LocatedTicketV1;
    try {
      located = await this.rpc.request(RoutingRpc.Locate, { actor, number });
    } catch (error) {
      if (isRefusal(error, ErrorCode.NotFound, ErrorCode.Forbidden)) return null;
      throw permanentIfRefused(error, `ticket ${number}`);
    }
    const command: CommentCommandV1 = {
      actor,
      number,
      body: {
        text: fitText(body, Limits.description),
        commentId: uuidOf(`whatsapp:${message.waMessageId}`),
        channel: Channel.Whatsapp,
      },
    };
    try {
      await this.rpc.request(forArea(ResolutionRpc.Comment, located.area), command);
    } catch (error) {
      if (isRefusal(error, ErrorCode.Conflict, ErrorCode.NotFound)) return null;
      throw permanentIfRefused(error, `comment on ticket ${number}`);
    }
    return { outcome: 'comment', ticketId: located.ticketId, ticketNumber: number };
  }

  /** The ticket's title is the first line of the text or caption, or a fixed one when there is neither. */
  private async register(
    message: ClaimedWhatsappMessage,
    requester: RequesterV1,
    body: string,
    caption: string,
    config: NotificationsConfig,
    whatsapp: WhatsappConfig,
  ): Promise<{ outcome: 'ticket'; ticketId: string; ticketNumber: number }> {
    const texts = whatsappTexts(config.language);
    const firstLine =
      caption
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? '';
    const title = firstLine || texts.titleFallback;
    const command: RegisterTicketCommandV1 = {
      actor: {
        accountId: WHATSAPP_CHANNEL_ACCOUNT_ID,
        role: Role.Operator,
        email: config.from.address,
        name: WHATSAPP_CHANNEL_NAME,
      },
      idempotencyKey: `whatsapp:${createHash('sha256').update(message.waMessageId).digest('hex')}`,
      payload: {
        channel: Channel.Whatsapp,
        requester: {
          email: requester.email,
          name: fitText(requester.name, Limits.name),
          ...(requester.phone ? {} : { phone: `+${message.sender}` }),
        },
        jurisdiction: requester.jurisdiction ?? jurisdictionOf(requester.email, config.inbound),
        title: fitText(title.length > TITLE_LENGTH ? `${title.slice(0, TITLE_LENGTH - 1)}…` : title, Limits.title),
        description: fitText(body, Limits.description),
        type: TicketType.Solicitud,
        category: whatsapp.category,
        impact: Impact.Medio,
        urgency: Urgency.Media,
      },
    };
    let result: RegisterTicketResultV1;
    try {
      result = await this.rpc.request(IntakeRpc.RegisterTicket, command);
    } catch (error) {
      throw permanentIfRefused(error, 'ticket registration');
    }
    return { outcome: 'ticket', ticketId: result.ticketId, ticketNumber: result.number };
  }
}

function isRefusal(error: unknown, ...codes: string[]): boolean {
  return error instanceof ServiceError && codes.includes(error.payload.code);
}

function permanentIfRefused(error: unknown, what: string): Error {
  if (error instanceof ServiceError) {
    const { code, params, fields } = error.payload;
    const detail = [params ? JSON.stringify(params) : '', fields ? JSON.stringify(fields) : '']
      .filter(Boolean)
      .join(' ');
    return new PermanentInboundError(`${what} refused: ${code}${detail ? ` ${detail}` : ''}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
