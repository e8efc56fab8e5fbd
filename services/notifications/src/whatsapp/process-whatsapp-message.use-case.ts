import { createHash } from 'node:crypto';
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
import { fitText } from '../inbound/mail-rules.js';
import { PermanentInboundError, requesterActorId, uuidOf } from '../inbound/process-inbound-mail.use-case.js';
import type { WhatsappConfig } from './whatsapp-config.js';
import { WhatsappKind, templateParameter, whatsappTexts } from './whatsapp-texts.js';
import { WhatsappRepository, type ClaimedWhatsappMessage } from './whatsapp.repository.js';

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
 */
@Injectable()
export class ProcessWhatsappMessageUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly repository: WhatsappRepository,
  ) {}

  /** Runs inside the claim's transaction; throws PermanentInboundError for a refusal, anything else to retry. */
  async process(
    tx: EntityManager,
    message: ClaimedWhatsappMessage,
    config: NotificationsConfig,
    whatsapp: WhatsappConfig,
  ): Promise<WhatsappOutcome> {
    const requester = await this.requesterOf(message.sender, whatsapp);
    if (!requester) {
      const replied = await this.replyUnknown(tx, message, whatsapp);
      return { outcome: 'unknown', replied };
    }
    const texts = whatsappTexts(config.language);
    const body =
      message.type === 'text' && message.body?.trim() ? message.body.trim() : texts.unsupported(message.type);
    const contact = await this.repository.contact(tx, message.sender);
    if (contact?.openTicketNumber && contact.openTicketId && contact.requesterEmail === requester.email) {
      const commented = await this.comment(message, requester, contact.openTicketNumber, body);
      if (commented) {
        await this.repository.linkContact(tx, this.contactOf(message, requester), commented);
        return commented;
      }
    }
    const registered = await this.register(message, requester, body, config, whatsapp);
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

  private async register(
    message: ClaimedWhatsappMessage,
    requester: RequesterV1,
    body: string,
    config: NotificationsConfig,
    whatsapp: WhatsappConfig,
  ): Promise<{ outcome: 'ticket'; ticketId: string; ticketNumber: number }> {
    const texts = whatsappTexts(config.language);
    const firstLine =
      body
        .split('\n')
        .find((line) => line.trim() !== '')
        ?.trim() ?? '';
    const title = message.type === 'text' && firstLine ? firstLine : texts.titleFallback;
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
