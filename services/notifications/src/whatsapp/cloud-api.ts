import type { WhatsappConfig } from './whatsapp-config.js';

/** A template message as the send endpoint takes it: body parameters in order ({{1}}, {{2}}…). */
export interface TemplateMessage {
  /** E.164 digits. */
  to: string;
  template: string;
  language: string;
  parameters: string[];
}

/**
 * What became of one POST {graph}/{phone-number-id}/messages:
 * - `sent`: WhatsApp accepted it and gave its id;
 * - `retry`: it was not accepted and may be next time (429, 5xx, the server not reached at all);
 * - `failed`: refused for good (any other 4xx: bad template, number not on WhatsApp, token refused…);
 * - `unknown`: the request may have reached WhatsApp but no answer came (a time-out, a connection cut
 *   mid-answer). The API has no idempotency key, so sending again could make a duplicate.
 */
export type SendOutcome =
  | { kind: 'sent'; waMessageId: string }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string }
  | { kind: 'unknown'; error: string };

/** Connection errors that mean the request never left this machine or never reached a server. */
const NOT_REACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The body of the send request, as the Cloud API documents it for `type: template`. */
export function templateRequestBody(message: TemplateMessage): object {
  return {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    to: message.to,
    type: 'template',
    template: {
      name: message.template,
      language: { code: message.language },
      components:
        message.parameters.length > 0
          ? [{ type: 'body', parameters: message.parameters.map((text) => ({ type: 'text', text })) }]
          : [],
    },
  };
}

export async function sendTemplate(
  config: Pick<WhatsappConfig, 'graphUrl' | 'phoneNumberId' | 'token' | 'timeoutMs'>,
  message: TemplateMessage,
): Promise<SendOutcome> {
  let response: Response;
  try {
    response = await fetch(`${config.graphUrl}/${config.phoneNumberId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(templateRequestBody(message)),
      signal: AbortSignal.timeout(config.timeoutMs),
    });
  } catch (error) {
    const code = causeCode(error);
    if (code && NOT_REACHED.has(code)) return { kind: 'retry', error: `${code}: WhatsApp not reached` };
    return { kind: 'unknown', error: `no answer from WhatsApp: ${describe(error)}` };
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    return response.ok
      ? { kind: 'unknown', error: `answer cut: ${describe(error)}` }
      : classifyStatus(response.status, `answer cut: ${describe(error)}`);
  }
  if (response.ok) {
    const id = messageIdOf(text);
    // Accepted (2xx) but without the id we keep: sent, with nothing to match its statuses to.
    return id ? { kind: 'sent', waMessageId: id } : { kind: 'sent', waMessageId: '' };
  }
  return classifyStatus(response.status, `HTTP ${response.status}: ${graphError(text)}`);
}

/**
 * What became of fetching a media file (`GET {graph}/{media-id}` for its URL, then `GET` that URL, both
 * with the token): reading is idempotent, so anything that may pass next time is `retry` (429, 5xx, no
 * answer, a cut download); `failed` is for good (another 4xx, an answer without a URL); `tooBig` when the
 * declared or downloaded size passes `maxBytes`, found without keeping more than that in memory.
 */
export type MediaFetch =
  | { kind: 'fetched'; content: Buffer; mimeType: string | null; sha256: string | null }
  | { kind: 'tooBig'; sizeBytes: number; mimeType: string | null }
  | { kind: 'retry'; error: string }
  | { kind: 'failed'; error: string };

export async function fetchMedia(
  config: Pick<WhatsappConfig, 'graphUrl' | 'token' | 'timeoutMs'>,
  mediaId: string,
  maxBytes: number,
): Promise<MediaFetch> {
  const described = await getWithToken(config, `${config.graphUrl}/${encodeURIComponent(mediaId)}`);
  if ('kind' in described) return described;
  let text: string;
  try {
    text = await described.response.text();
  } catch (error) {
    return { kind: 'retry', error: `media ${mediaId}: answer cut: ${describe(error)}` };
  }
  if (!described.response.ok) {
    return mediaStatus(
      described.response.status,
      `media ${mediaId}: HTTP ${described.response.status}: ${graphError(text)}`,
    );
  }
  const media = mediaDescription(text);
  if (!media) return { kind: 'failed', error: `media ${mediaId}: the answer gives no URL: ${clip(text)}` };
  if (media.fileSize !== null && media.fileSize > maxBytes) {
    return { kind: 'tooBig', sizeBytes: media.fileSize, mimeType: media.mimeType };
  }
  const download = await getWithToken(config, media.url);
  if ('kind' in download) return download;
  const { response } = download;
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    return mediaStatus(response.status, `media ${mediaId} download: HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { kind: 'tooBig', sizeBytes: declared, mimeType: media.mimeType };
  }
  try {
    const content = await readAtMost(response, maxBytes);
    if (content === null) return { kind: 'tooBig', sizeBytes: maxBytes + 1, mimeType: media.mimeType };
    return { kind: 'fetched', content, mimeType: media.mimeType, sha256: media.sha256 };
  } catch (error) {
    return { kind: 'retry', error: `media ${mediaId} download cut: ${describe(error)}` };
  }
}

async function getWithToken(
  config: Pick<WhatsappConfig, 'token' | 'timeoutMs'>,
  url: string,
): Promise<{ response: Response } | { kind: 'retry'; error: string }> {
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${config.token}` },
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    return { response };
  } catch (error) {
    return { kind: 'retry', error: `WhatsApp not reached or did not answer: ${describe(error)}` };
  }
}

function mediaStatus(status: number, error: string): MediaFetch {
  return status === 429 || status >= 500 ? { kind: 'retry', error } : { kind: 'failed', error };
}

/** `{messaging_product, url, mime_type, sha256, file_size, id}`; file_size comes as a number or a string. */
function mediaDescription(
  text: string,
): { url: string; mimeType: string | null; sha256: string | null; fileSize: number | null } | null {
  try {
    const body = JSON.parse(text) as { url?: unknown; mime_type?: unknown; sha256?: unknown; file_size?: unknown };
    if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) return null;
    const size = Number(body.file_size);
    return {
      url: body.url,
      mimeType: typeof body.mime_type === 'string' ? body.mime_type : null,
      sha256: typeof body.sha256 === 'string' ? body.sha256 : null,
      fileSize: Number.isFinite(size) && size >= 0 ? size : null,
    };
  } catch {
    return null;
  }
}

/** The body, or null as soon as it passes `maxBytes` (the rest is not read). */
async function readAtMost(response: Response, maxBytes: number): Promise<Buffer | null> {
  if (!response.body) return Buffer.alloc(0);
  const reader: ReadableStreamDefaultReader<Uint8Array> = response.body.getReader();
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, total);
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(Buffer.from(value));
  }
}

function classifyStatus(status: number, error: string): SendOutcome {
  return status === 429 || status >= 500 ? { kind: 'retry', error } : { kind: 'failed', error };
}

function messageIdOf(text: string): string | null {
  try {
    const body = JSON.parse(text) as { messages?: Array<{ id?: unknown }> };
    const id = body.messages?.[0]?.id;
    return typeof id === 'string' ? id : null;
  } catch {
    return null;
  }
}

/** `{"error":{"message","type","code","error_subcode","fbtrace_id"}}` → "(#131030) Recipient phone number not in allowed list". */
export function graphError(text: string): string {
  try {
    const body = JSON.parse(text) as {
      error?: { message?: unknown; code?: unknown; error_data?: { details?: unknown } };
    };
    const error = body.error;
    if (error && typeof error.message === 'string') {
      // Meta often puts the code in the message already ("(#132001) Template name…").
      const code =
        (typeof error.code === 'number' || typeof error.code === 'string') && !error.message.startsWith('(#')
          ? `(#${error.code}) `
          : '';
      const details = typeof error.error_data?.details === 'string' ? `: ${error.error_data.details}` : '';
      return clip(`${code}${error.message}${details}`);
    }
  } catch {
    // not JSON: the text itself
  }
  return clip(text || '(empty answer)');
}

function causeCode(error: unknown): string | null {
  const cause = (error as { cause?: { code?: unknown } } | null)?.cause;
  return typeof cause?.code === 'string' ? cause.code : null;
}

function describe(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const message = error instanceof Error ? error.message : String(error);
  return clip(cause instanceof Error ? `${message} (${cause.message})` : message);
}

function clip(text: string): string {
  return text.length > 500 ? `${text.slice(0, 499)}…` : text;
}
