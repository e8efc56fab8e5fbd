import { INBOUND_MAIL_CATEGORY } from '@cau/contracts';
import { positiveInteger, value } from '../config/env-values.js';

/** The WhatsApp Business account notifications sends with; null (the channel off) unless configured. */
export interface WhatsappConfig {
  /** Graph API base, without a trailing slash (WHATSAPP_GRAPH_URL). */
  graphUrl: string;
  token: string;
  phoneNumberId: string;
  /** Put before directory numbers stored without one when matching a sender (WHATSAPP_COUNTRY_CODE). */
  countryCode: string;
  templates: {
    /** A ticket update (registered, reply, resolved, closed, reopened): {{1}} ticket number, {{2}} text. */
    update: string;
    /** To a number that is no requester's: how to register or call the CAU. No parameters. */
    unknownNumber: string;
    /** The templates' language code as approved in Meta (`es`, `es_MX`, `en_US`…). */
    language: string;
  };
  /**
   * The category tickets opened by WhatsApp get (WHATSAPP_CATEGORY); by default the inbound mail's, which
   * the catalogue cannot retire. The operator classifies the ticket when they take it.
   */
  category: string;
  /** Each HTTP call to the Graph API is abandoned after this long. */
  timeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollIntervalMs: number;
}

const DEFAULT_GRAPH_URL = 'https://graph.facebook.com/v21.0';

/**
 * WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID together turn the channel on; one without the other is a
 * configuration error, so a half-configured deployment does not start believing it sends.
 */
export function whatsappConfigFromEnv(env: NodeJS.ProcessEnv): WhatsappConfig | null {
  const token = value(env, 'WHATSAPP_TOKEN');
  const phoneNumberId = value(env, 'WHATSAPP_PHONE_NUMBER_ID');
  if (!token && !phoneNumberId) return null;
  if (!token || !phoneNumberId) {
    throw new Error('WHATSAPP_TOKEN and WHATSAPP_PHONE_NUMBER_ID must be set together (or neither, without WhatsApp)');
  }
  if (!/^[0-9]{1,30}$/.test(phoneNumberId)) {
    throw new Error(
      `WHATSAPP_PHONE_NUMBER_ID must be the numeric id Meta shows for the number, got "${phoneNumberId}"`,
    );
  }
  const graphUrl = (value(env, 'WHATSAPP_GRAPH_URL') ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  let url: URL;
  try {
    url = new URL(graphUrl);
  } catch {
    throw new Error(`WHATSAPP_GRAPH_URL must be an http(s) URL, got "${graphUrl}"`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`WHATSAPP_GRAPH_URL must be an http(s) URL, got "${graphUrl}"`);
  }
  const countryCode = value(env, 'WHATSAPP_COUNTRY_CODE') ?? '';
  if (!/^[0-9]{0,4}$/.test(countryCode)) {
    throw new Error(`WHATSAPP_COUNTRY_CODE must be the digits of a country code such as 591, got "${countryCode}"`);
  }
  const template = (name: string, fallback: string): string => {
    const raw = value(env, name) ?? fallback;
    if (!/^[a-z0-9_]{1,512}$/.test(raw)) {
      throw new Error(`${name} must be a template name of lower-case letters, digits and _, got "${raw}"`);
    }
    return raw;
  };
  const language = value(env, 'WHATSAPP_TEMPLATE_LANGUAGE') ?? 'es';
  if (!/^[a-z]{2,3}(_[A-Z]{2})?$/.test(language)) {
    throw new Error(`WHATSAPP_TEMPLATE_LANGUAGE must be a code such as es or es_MX, got "${language}"`);
  }
  const retryBaseMs = positiveInteger(env, 'WHATSAPP_RETRY_BASE_MS', 5_000);
  const retryMaxMs = positiveInteger(env, 'WHATSAPP_RETRY_MAX_MS', 10 * 60_000);
  if (retryMaxMs < retryBaseMs) {
    throw new Error(
      `WHATSAPP_RETRY_MAX_MS (${retryMaxMs}) must not be smaller than WHATSAPP_RETRY_BASE_MS (${retryBaseMs})`,
    );
  }
  return {
    graphUrl,
    token,
    phoneNumberId,
    countryCode,
    templates: {
      update: template('WHATSAPP_TEMPLATE_UPDATE', 'cau_ticket_update'),
      unknownNumber: template('WHATSAPP_TEMPLATE_UNKNOWN_NUMBER', 'cau_unknown_number'),
      language,
    },
    category: value(env, 'WHATSAPP_CATEGORY') ?? INBOUND_MAIL_CATEGORY,
    timeoutMs: positiveInteger(env, 'WHATSAPP_TIMEOUT_MS', 15_000),
    maxAttempts: positiveInteger(env, 'WHATSAPP_MAX_ATTEMPTS', 10),
    retryBaseMs,
    retryMaxMs,
    pollIntervalMs: positiveInteger(env, 'WHATSAPP_POLL_INTERVAL_MS', 1_000),
  };
}
