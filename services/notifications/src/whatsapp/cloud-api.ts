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
