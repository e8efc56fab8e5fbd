/** The webhook WhatsApp calls (Fastify route pattern); its POST body is kept raw for the signature. */
export const WHATSAPP_WEBHOOK_ROUTE = '/api/v1/whatsapp/webhook';
/** A webhook call carries a few messages; Meta's own limit is far below this. */
export const WHATSAPP_WEBHOOK_MAX_BYTES = 1024 * 1024;
