import { createHash } from 'node:crypto';

/** The headers the rules look at, lower-case names, each with its raw (unfolded) values. */
export type HeaderLines = ReadonlyMap<string, readonly string[]>;

export interface OwnMail {
  /** Our own sender addresses (MAIL_FROM), lower case. */
  addresses: readonly string[];
  /** Right-hand side of the Message-IDs we send. */
  messageIdDomain: string;
}

/**
 * Why a mail must not open a ticket or add a comment, or null when a person wrote it. Robots answering
 * robots is how mail loops start (RFC 3834), so anything that says it was sent automatically, by a list,
 * or that is our own mail coming back is kept but ignored.
 */
export function ignoreReason(headers: HeaderLines, from: string | null, own: OwnMail): string | null {
  const first = (name: string): string | undefined => headers.get(name)?.[0]?.trim().toLowerCase();
  const autoSubmitted = first('auto-submitted');
  if (autoSubmitted !== undefined && autoSubmitted.split(';')[0]?.trim() !== 'no') {
    return `auto-submitted: ${autoSubmitted}`;
  }
  const precedence = first('precedence');
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return `precedence: ${precedence}`;
  // Not X-Auto-Response-Suppress: Outlook puts it on ordinary mails too.
  for (const name of ['x-autoreply', 'x-autorespond']) {
    if (headers.has(name)) return `${name} present`;
  }
  if (from !== null && own.addresses.includes(from.toLowerCase())) return 'sent by our own address';
  const messageId = first('message-id');
  if (messageId !== undefined && isOurMessageId(messageId, own.messageIdDomain)) return 'message id of our own mail';
  return null;
}

/**
 * Whether a Message-ID has the shape of ours (`<kind.event-id.recipient-hash@domain>`, see
 * deliveryMessageId). The domain alone is not enough: the organisation's own mail server often uses
 * the same domain for its users' mails.
 */
function isOurMessageId(messageId: string, domain: string): boolean {
  const at = messageId.lastIndexOf('@');
  if (at === -1 || messageId.slice(at + 1) !== `${domain.toLowerCase()}>`) return false;
  return /^<[a-z-]+\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.[0-9a-f]{12}$/.test(
    messageId.slice(0, at),
  );
}

const TICKET_TAG = /\[CAU\s*#\s*(\d{1,15})\]/i;

/** The ticket number of a `[CAU #1234]` tag in the subject (as every mail we send carries), if any. */
export function ticketNumberInSubject(subject: string | null | undefined): number | null {
  const match = subject ? TICKET_TAG.exec(subject) : null;
  if (!match?.[1]) return null;
  const number = Number(match[1]);
  return Number.isSafeInteger(number) && number > 0 ? number : null;
}

const MESSAGE_ID = /<[^<>\s]+>/g;

/** The Message-IDs a mail answers: In-Reply-To first, then References from the newest back. */
export function referencedMessageIds(headers: HeaderLines): string[] {
  const inReplyTo = (headers.get('in-reply-to') ?? []).flatMap((line) => line.match(MESSAGE_ID) ?? []);
  const references = (headers.get('references') ?? []).flatMap((line) => line.match(MESSAGE_ID) ?? []).reverse();
  return [...new Set([...inReplyTo, ...references])];
}

/**
 * What identifies a mail across fetches, restarts and both receiving paths: its Message-ID, or, for
 * a mail without one, a hash of its header block (the same bytes every time it is fetched; Received
 * lines are left out because each relay adds its own and a forwarded copy would differ only there).
 */
export function messageKey(raw: Buffer): string {
  const headerBlock = headerBlockOf(raw);
  const headers = parseHeaderLines(headerBlock);
  const messageId = headers.get('message-id')?.[0]?.match(/<[^<>\s]+>/)?.[0];
  if (messageId) return `mid:${messageId.toLowerCase()}`;
  const stable = unfold(headerBlock)
    .filter((line) => !/^(received|return-path|delivered-to|x-original-to)\s*:/i.test(line))
    .join('\n');
  return `sha256:${createHash('sha256').update(stable).digest('hex')}`;
}

/** The header lines of a raw message, unfolded, by lower-case name. Never throws on malformed input. */
export function parseHeaderLines(headerBlock: string): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of unfold(headerBlock)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(name) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(name, values);
  }
  return headers;
}

/** Everything before the first empty line, as text (headers are ASCII; latin1 keeps any stray byte as one character). */
export function headerBlockOf(raw: Buffer): string {
  const text = raw.subarray(0, Math.min(raw.length, MAX_HEADER_BYTES)).toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  return end === -1 ? text : text.slice(0, end);
}

const MAX_HEADER_BYTES = 256 * 1024;

function unfold(headerBlock: string): string[] {
  return headerBlock.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

const QUOTE_HEADER =
  /^(?:(?:El|On)\s.+(?:escribió|wrote)\s*:|-{2,}\s*(?:Mensaje original|Original Message|Forwarded message|Mensaje reenviado)\s*-{2,}|(?:De|From):\s.+)$/i;

/**
 * What the person wrote in a reply, without the quoted mail under it: lines quoted with `>` and
 * everything from the usual "El … escribió:" / "On … wrote:" / "-----Original Message-----" line on.
 * When nothing is left (a reply that is all quote), the whole text is kept rather than nothing.
 */
export function replyText(text: string): string {
  const kept: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (QUOTE_HEADER.test(line.trim())) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  const reply = kept.join('\n').trim();
  return reply === '' ? text.trim() : reply;
}

/** Cuts text to `max` characters, marking the cut, so a long mail still fits a field instead of being refused. */
export function fitText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
