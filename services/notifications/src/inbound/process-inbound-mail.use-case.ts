import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
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
} from '@cau/contracts';
import { RpcClient, ServiceError } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { DeliveryRepository } from '../delivery/delivery.repository.js';
import { jurisdictionOf } from './inbound-config.js';
import type { ClaimedInboundMessage, InboundOutcome } from './inbound-message.repository.js';
import { attachmentLine, inspectMailAttachment, type InboundAttachment } from './mail-attachment.js';
import {
  fitText,
  headerBlockOf,
  ignoreReason,
  parseHeaderLines,
  referencedMessageIds,
  replyText,
  ticketNumberInSubject,
} from './mail-rules.js';

/** What to do with a stored mail, decided before anything is sent to another service. */
export type InboundDecision =
  | { kind: 'ignore'; reason: string; sender: string | null; subject: string | null }
  | { kind: 'fail'; reason: string; sender: string | null; subject: string | null }
  | {
      kind: 'deliver';
      sender: string;
      senderName: string;
      subject: string | null;
      text: string;
      attachments: InboundAttachment[];
      /** The ticket the mail answers, when its references name one of our mails. */
      repliesTo: number | null;
      /** The `[CAU #n]` tag of the subject. */
      taggedNumber: number | null;
      /** What was not kept of the mail, recorded with the outcome. */
      note: string | null;
    };

/**
 * The mail channel's identity towards intake: the account tickets opened by mail are "registered by".
 * Fixed, so every instance and every retry registers as the same account (intake scopes idempotency
 * keys by account).
 */
export const MAIL_CHANNEL_ACCOUNT_ID = '6d61696c-0000-4000-8000-6361752d6d61';
const MAIL_CHANNEL_NAME = 'Canal de correo electrónico';

/** Category of a ticket opened by mail: the operator classifies it when they take it. */
const MAIL_CATEGORY = 'correo-electronico';

const OVERSIZED_TEXT =
  '(El correo superaba el tamaño máximo admitido y solo se guardaron sus encabezados; el mensaje completo ' +
  'sigue en el buzón de entrada.)';

/** A refusal that will not change on a retry (as opposed to a service not answering now). */
export class PermanentInboundError extends Error {}

/**
 * Turns one stored mail into a ticket (a new mail) or a requester comment (a reply to one of our mails,
 * or a mail tagged `[CAU #n]`), through intake's and resolution's commands. Both commands are
 * idempotent for the same mail: registration carries an Idempotency-Key derived from the mail's key,
 * the comment a comment id derived from it, so processing a mail again after a crash (the other
 * service committed, our mark did not) never makes a second ticket or comment.
 */
@Injectable()
export class ProcessInboundMailUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly deliveries: DeliveryRepository,
  ) {}

  /** Reads the mail; never throws on what the mail contains. */
  async decide(
    tx: EntityManager,
    message: ClaimedInboundMessage,
    config: NotificationsConfig,
  ): Promise<InboundDecision> {
    const headers = parseHeaderLines(headerBlockOf(message.raw));
    let parsed: ParsedMail;
    try {
      parsed = await simpleParser(message.raw, { skipImageLinks: true, skipTextLinks: true });
    } catch (error) {
      return { kind: 'fail', reason: `unreadable MIME: ${describe(error)}`, sender: null, subject: null };
    }
    const from = firstAddress(parsed.from);
    const subject = parsed.subject?.trim() || null;
    const ownAddresses = [config.from.address.toLowerCase()];
    const ignored = ignoreReason(headers, from?.address ?? null, {
      addresses: ownAddresses,
      messageIdDomain: config.messageIdDomain,
    });
    if (ignored) return { kind: 'ignore', reason: ignored, sender: from?.address ?? null, subject };
    if (!from) return { kind: 'ignore', reason: 'no sender address', sender: null, subject };
    const replied = await this.deliveries.ticketOfMessageIds(tx, referencedMessageIds(headers));
    const whole = message.rawComplete;
    return {
      kind: 'deliver',
      sender: from.address,
      senderName: from.name,
      subject,
      // An oversized mail still gives its sender a ticket (or their comment): the operator finds the
      // whole message in the mailbox, where it stays.
      text: whole ? (parsed.text ?? '').trim() : OVERSIZED_TEXT,
      attachments: whole ? attachmentsOf(parsed, config.inbound.maxAttachmentBytes) : [],
      repliesTo: replied?.ticketNumber ?? null,
      taggedNumber: ticketNumberInSubject(subject),
      note: whole
        ? null
        : `headers only: ${message.rawSize} bytes is over INBOUND_MAX_MESSAGE_BYTES (${config.inbound.maxMessageBytes})`,
    };
  }

  /** Sends the mail where it belongs. Throws PermanentInboundError for a refusal, anything else to retry. */
  async deliver(
    message: ClaimedInboundMessage,
    decision: Extract<InboundDecision, { kind: 'deliver' }>,
    config: NotificationsConfig,
  ): Promise<InboundOutcome> {
    const number = decision.repliesTo ?? decision.taggedNumber;
    if (number !== null) {
      const commented = await this.comment(message, decision, number);
      if (commented) return commented;
    }
    return this.register(message, decision, config);
  }

  /**
   * The sender's comment on ticket `number`, or null when there is no such ticket, so that a mail
   * whose tag names a ticket that does not exist opens one instead of being lost.
   */
  private async comment(
    message: ClaimedInboundMessage,
    decision: Extract<InboundDecision, { kind: 'deliver' }>,
    number: number,
  ): Promise<InboundOutcome | null> {
    const actor = requesterActor(decision.sender, decision.senderName);
    let located: LocatedTicketV1;
    try {
      located = await this.rpc.request(RoutingRpc.Locate, { actor, number });
    } catch (error) {
      if (error instanceof ServiceError && error.payload.code === ErrorCode.NotFound) return null;
      throw permanentIfRefused(error, `ticket ${number}`);
    }
    const text = withAttachmentList(replyText(decision.text) || '(respuesta sin texto)', decision.attachments);
    const command: CommentCommandV1 = {
      actor,
      number,
      body: { text: fitText(text, Limits.description), commentId: uuidOf(message.messageKey), channel: Channel.Email },
    };
    try {
      await this.rpc.request(forArea(ResolutionRpc.Comment, located.area), command);
    } catch (error) {
      throw permanentIfRefused(error, `comment on ticket ${number}`);
    }
    return { outcome: 'comment', ticketId: located.ticketId, ticketNumber: number };
  }

  private async register(
    message: ClaimedInboundMessage,
    decision: Extract<InboundDecision, { kind: 'deliver' }>,
    config: NotificationsConfig,
  ): Promise<InboundOutcome> {
    const description = withAttachmentList(decision.text || '(correo sin texto)', decision.attachments);
    const command: RegisterTicketCommandV1 = {
      actor: {
        accountId: MAIL_CHANNEL_ACCOUNT_ID,
        role: Role.Operator,
        email: config.from.address,
        name: MAIL_CHANNEL_NAME,
      },
      idempotencyKey: `mail:${createHash('sha256').update(message.messageKey).digest('hex')}`,
      payload: {
        channel: Channel.Email,
        requester: { email: decision.sender, name: fitText(decision.senderName, Limits.name) },
        jurisdiction: jurisdictionOf(decision.sender, config.inbound),
        title: fitText(oneLine(decision.subject ?? '') || '(sin asunto)', Limits.title),
        description: fitText(description, Limits.description),
        type: TicketType.Solicitud,
        category: MAIL_CATEGORY,
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

/** A mail's sender as the requester they claim to be: mail has no accounts, so the address is the identity. */
function requesterActor(email: string, name: string): ActorV1 {
  return { accountId: requesterActorId(email), role: Role.Requester, email, name: fitText(name, Limits.name) };
}

/** The id a sender acts under: stable per address, so all their mails are the same requester. */
export function requesterActorId(email: string): string {
  return uuidOf(`requester:${email}`);
}

/** A stable UUID (v5 layout over SHA-1) for a text: the same mail always gives the same comment id. */
export function uuidOf(text: string): string {
  const hash = createHash('sha1').update(text).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** A refusal (validation, forbidden, conflict…) is final; a service that did not answer is retried. */
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

function firstAddress(from: AddressObject | undefined): { address: string; name: string } | null {
  const first = from?.value.find((entry) => entry.address && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(entry.address));
  if (!first?.address) return null;
  const address = first.address.trim().toLowerCase();
  return { address, name: oneLine(first.name ?? '') || address.slice(0, address.indexOf('@')) };
}

/** Attachments of the mail, each checked as an upload is; those refused are recorded but not kept. */
function attachmentsOf(parsed: ParsedMail, maxBytes: number): InboundAttachment[] {
  return parsed.attachments.map((attachment, position) => inspectMailAttachment(attachment, position, maxBytes));
}

/** The ticket lists what came attached, so the operator knows to look for it (and what could not be kept). */
function withAttachmentList(text: string, attachments: InboundAttachment[]): string {
  if (attachments.length === 0) return text;
  return `${text}\n\nAdjuntos:\n${attachments.map(attachmentLine).join('\n')}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function describe(error: unknown): string {
  return fitText(error instanceof Error ? error.message : String(error), 500);
}
