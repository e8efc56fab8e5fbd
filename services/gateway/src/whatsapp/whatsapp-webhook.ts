import { createHmac, timingSafeEqual } from 'node:crypto';
import type {
  FieldProblem,
  ReceiveWhatsappCommandV1,
  WhatsappInboundMessageV1,
  WhatsappMediaV1,
  WhatsappStatusV1,
} from '@cau/contracts';
import {
  WHATSAPP_DELIVERY_STATES,
  WHATSAPP_MAX_ITEMS_PER_CALL,
  WHATSAPP_MAX_TEXT,
  WHATSAPP_MEDIA_TYPES,
} from '@cau/contracts';

/** WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN: the webhook exists only when both are set. */
export class WhatsappWebhookConfig {
  constructor(readonly settings: { appSecret: string; verifyToken: string } | null) {}
}

export function whatsappWebhookConfigFromEnv(env: NodeJS.ProcessEnv): WhatsappWebhookConfig {
  const appSecret = env.WHATSAPP_APP_SECRET?.trim() ?? '';
  const verifyToken = env.WHATSAPP_VERIFY_TOKEN?.trim() ?? '';
  if (!appSecret && !verifyToken) return new WhatsappWebhookConfig(null);
  if (!appSecret || !verifyToken) {
    throw new Error(
      'WHATSAPP_APP_SECRET and WHATSAPP_VERIFY_TOKEN must be set together (or neither, without WhatsApp)',
    );
  }
  return new WhatsappWebhookConfig({ appSecret, verifyToken });
}

/**
 * `X-Hub-Signature-256: sha256=<hex>` is the HMAC-SHA256 of the raw body with the app secret. Compared in
 * constant time over the digest bytes; a header of the wrong shape is simply a mismatch.
 */
export function signatureMatches(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  const match = /^sha256=([0-9a-fA-F]{64})$/.exec(header?.trim() ?? '');
  if (!match) return false;
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, 'hex'));
}

/** Equal strings in constant time (for the verify token): both are hashed first, so lengths leak nothing. */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHmac('sha256', 'cau-verify-token').update(given).digest();
  const b = createHmac('sha256', 'cau-verify-token').update(expected).digest();
  return timingSafeEqual(a, b);
}

/** A webhook body that is not what the Cloud API sends: the problems, each naming its field. */
export class MalformedWebhookError extends Error {
  constructor(readonly problems: FieldProblem[]) {
    super(`malformed WhatsApp webhook: ${problems.map((p) => p.field).join(', ')}`);
  }
}

type Json = Record<string, unknown>;

/**
 * The messages and statuses of a webhook body (`object: whatsapp_business_account`,
 * `entry[].changes[].value.{contacts,messages,statuses}`). Changes of other fields (account updates,
 * template reviews) carry nothing for us and are skipped; what we read is checked and named by path.
 */
export function parseWebhook(body: unknown): ReceiveWhatsappCommandV1 {
  const problems: FieldProblem[] = [];
  const problem = (field: string, constraint: string): void => {
    problems.push({ field, constraint });
  };
  const messages: WhatsappInboundMessageV1[] = [];
  const statuses: WhatsappStatusV1[] = [];
  if (!isObject(body)) throw new MalformedWebhookError([{ field: 'body', constraint: 'isObject' }]);
  if (body.object !== 'whatsapp_business_account') problem('object', 'equals');
  if (!Array.isArray(body.entry)) problem('entry', 'isArray');
  const entries = Array.isArray(body.entry) ? body.entry : [];
  entries.forEach((entry: unknown, e) => {
    const at = `entry[${e}]`;
    if (!isObject(entry) || !Array.isArray(entry.changes)) {
      problem(`${at}.changes`, 'isArray');
      return;
    }
    entry.changes.forEach((change: unknown, c) => {
      const path = `${at}.changes[${c}]`;
      if (!isObject(change)) return problem(path, 'isObject');
      if (change.field !== 'messages') return;
      if (!isObject(change.value)) return problem(`${path}.value`, 'isObject');
      const value = change.value;
      const names = profileNames(value.contacts);
      optionalArray(value.messages, `${path}.value.messages`, problem).forEach((raw, m) => {
        const message = readMessage(raw, `${path}.value.messages[${m}]`, problem);
        if (message)
          messages.push({ ...message, ...(names.get(message.from) ? { profileName: names.get(message.from)! } : {}) });
      });
      optionalArray(value.statuses, `${path}.value.statuses`, problem).forEach((raw, s) => {
        const status = readStatus(raw, `${path}.value.statuses[${s}]`, problem);
        if (status) statuses.push(status);
      });
    });
  });
  if (messages.length > WHATSAPP_MAX_ITEMS_PER_CALL) problem('entry', 'arrayMaxSize');
  if (statuses.length > WHATSAPP_MAX_ITEMS_PER_CALL) problem('entry', 'arrayMaxSize');
  if (problems.length > 0) throw new MalformedWebhookError(problems);
  return { messages, statuses };
}

function readMessage(
  raw: unknown,
  path: string,
  problem: (field: string, constraint: string) => void,
): WhatsappInboundMessageV1 | null {
  if (!isObject(raw)) {
    problem(path, 'isObject');
    return null;
  }
  let bad = false;
  const fail = (field: string, constraint: string): void => {
    bad = true;
    problem(field, constraint);
  };
  if (typeof raw.id !== 'string' || raw.id.trim() === '' || raw.id.length > 200) fail(`${path}.id`, 'isString');
  if (typeof raw.from !== 'string' || !/^[0-9]{6,20}$/.test(raw.from)) fail(`${path}.from`, 'matches');
  if (typeof raw.timestamp !== 'string' || !/^[0-9]{1,12}$/.test(raw.timestamp)) {
    fail(`${path}.timestamp`, 'matches');
  }
  if (typeof raw.type !== 'string' || raw.type === '' || raw.type.length > 40) fail(`${path}.type`, 'isString');
  let text: string | undefined;
  let media: WhatsappMediaV1 | undefined;
  if (raw.type === 'text') {
    const body = isObject(raw.text) ? raw.text.body : undefined;
    if (typeof body !== 'string') fail(`${path}.text.body`, 'isString');
    else text = clipText(body);
  } else if (isMediaType(raw.type)) {
    const described = raw[raw.type];
    const at = `${path}.${raw.type}`;
    if (!isObject(described)) fail(at, 'isObject');
    else if (typeof described.id !== 'string' || described.id.trim() === '' || described.id.length > 200) {
      fail(`${at}.id`, 'isString');
    } else {
      media = {
        id: described.id,
        ...optionalString('mimeType', described.mime_type, 200),
        ...optionalString('sha256', described.sha256, 200),
        ...optionalString('fileName', described.filename, 500),
      };
      if (typeof described.caption === 'string' && described.caption.trim()) text = clipText(described.caption);
    }
  }
  if (bad) return null;
  return {
    id: raw.id as string,
    from: raw.from as string,
    timestamp: raw.timestamp as string,
    type: raw.type as string,
    ...(text !== undefined ? { text } : {}),
    ...(media ? { media } : {}),
  };
}

function isMediaType(type: unknown): type is (typeof WHATSAPP_MEDIA_TYPES)[number] {
  return (WHATSAPP_MEDIA_TYPES as readonly unknown[]).includes(type);
}

function clipText(text: string): string {
  return text.length > WHATSAPP_MAX_TEXT ? text.slice(0, WHATSAPP_MAX_TEXT) : text;
}

/** A descriptive field of the media object: kept when it is a usable string, else left out (never an error). */
function optionalString<K extends string>(key: K, value: unknown, max: number): Partial<Record<K, string>> {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) return {};
  return { [key]: value } as Partial<Record<K, string>>;
}

function readStatus(
  raw: unknown,
  path: string,
  problem: (field: string, constraint: string) => void,
): WhatsappStatusV1 | null {
  if (!isObject(raw)) {
    problem(path, 'isObject');
    return null;
  }
  if (typeof raw.id !== 'string' || raw.id.trim() === '' || raw.id.length > 200) {
    problem(`${path}.id`, 'isString');
    return null;
  }
  // Statuses WhatsApp may add later (`deleted`, `warning`) are not errors: skipped.
  if (typeof raw.status !== 'string') {
    problem(`${path}.status`, 'isString');
    return null;
  }
  if (!(WHATSAPP_DELIVERY_STATES as readonly string[]).includes(raw.status)) return null;
  const first = Array.isArray(raw.errors) && isObject(raw.errors[0]) ? raw.errors[0] : null;
  const error =
    first && (typeof first.title === 'string' || typeof first.message === 'string')
      ? `(#${typeof first.code === 'number' || typeof first.code === 'string' ? first.code : '?'}) ${
          typeof first.title === 'string' ? first.title : String(first.message)
        }`.slice(0, 500)
      : undefined;
  return {
    id: raw.id,
    status: raw.status as WhatsappStatusV1['status'],
    ...(error ? { error } : {}),
  };
}

function profileNames(contacts: unknown): Map<string, string> {
  const names = new Map<string, string>();
  if (!Array.isArray(contacts)) return names;
  for (const contact of contacts) {
    if (!isObject(contact) || typeof contact.wa_id !== 'string') continue;
    const name = isObject(contact.profile) ? contact.profile.name : undefined;
    if (typeof name === 'string' && name.trim()) names.set(contact.wa_id, name.trim().slice(0, 200));
  }
  return names;
}

function optionalArray(value: unknown, path: string, problem: (field: string, constraint: string) => void): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem(path, 'isArray');
    return [];
  }
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
