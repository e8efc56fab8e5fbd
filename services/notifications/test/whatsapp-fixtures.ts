import { createHash, createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Webhook bodies in the shape the WhatsApp Business Cloud API posts them (recorded from Meta's
 * documentation and a test number): one entry per business account, one change per field.
 */
export function webhookMessage(options: {
  id: string;
  from: string;
  text?: string;
  type?: string;
  name?: string;
  timestamp?: string;
  /** The media object of an `image`, `document`… message, as the webhook carries it. */
  media?: WebhookMedia;
}): Record<string, unknown> {
  const type = options.type ?? 'text';
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              contacts: [{ profile: { name: options.name ?? 'Carla Ruiz' }, wa_id: options.from }],
              messages: [
                {
                  from: options.from,
                  id: options.id,
                  timestamp: options.timestamp ?? '1764923400',
                  type,
                  ...(type === 'text'
                    ? { text: { body: options.text ?? 'Hola' } }
                    : {
                        [type]: options.media ?? {
                          mime_type: 'image/jpeg',
                          sha256: 'hsRh6UqlY4oR7NQWIu/ve3ntWdc0lfNdoPqQ9bGxl/w=',
                          id: '1003383421387256',
                        },
                      }),
                },
              ],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

/** `image: {caption, mime_type, sha256, id}`, `document: {caption, filename, mime_type, sha256, id}`… */
export interface WebhookMedia {
  id: string;
  mime_type: string;
  /** Base64, as webhooks give it. */
  sha256: string;
  caption?: string;
  filename?: string;
  voice?: boolean;
  animated?: boolean;
}

/** The media object a webhook gives for a file served by FakeGraphApi (`media`). */
export function webhookMedia(
  file: { id: string; mimeType: string; content: Buffer },
  extra: { caption?: string; filename?: string } = {},
): WebhookMedia {
  return {
    ...extra,
    mime_type: file.mimeType,
    sha256: createHash('sha256').update(file.content).digest('base64'),
    id: file.id,
  };
}

export function webhookStatus(id: string, status: string, recipient: string): Record<string, unknown> {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: '102290129340398',
        changes: [
          {
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
              statuses: [
                {
                  id,
                  status,
                  timestamp: '1764923460',
                  recipient_id: recipient,
                  ...(status === 'failed'
                    ? { errors: [{ code: 131026, title: 'Message undeliverable', message: 'Message undeliverable' }] }
                    : {
                        conversation: { id: 'c0ffee', origin: { type: 'utility' } },
                        pricing: { billable: true, pricing_model: 'CBP', category: 'utility' },
                      }),
                },
              ],
            },
            field: 'messages',
          },
        ],
      },
    ],
  };
}

export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export interface GraphRequest {
  path: string;
  authorization: string | undefined;
  body: {
    messaging_product: string;
    to: string;
    type: string;
    template: { name: string; language: { code: string }; components: Array<{ parameters: Array<{ text: string }> }> };
  };
}

/** A media file the fake serves: its description may lie (`sha256`, `fileSize`) to test the checks. */
export interface FakeMedia {
  id: string;
  mimeType: string;
  content: Buffer;
  /** Hex, as the media endpoint gives it; the content's own by default. */
  sha256?: string;
  /** The declared size; the content's own by default. */
  fileSize?: number;
}

/**
 * A local server speaking the parts of the Cloud API we use:
 * - `POST /{phone-number-id}/messages` answers what Meta answers (success `{messaging_product, contacts,
 *   messages:[{id}]}`, errors `{error:{…}}`); scripted answers (`next`) are used first, in order;
 * - `GET /{media-id}` answers the media's description (`{messaging_product, url, mime_type, sha256,
 *   file_size, id}`, or Meta's error for an unknown id), scripted answers (`nextMedia`) first; the `url`
 *   serves the bytes, like Meta's lookaside host, to the same bearer token only.
 */
export class FakeGraphApi {
  readonly requests: GraphRequest[] = [];
  /** Every GET: media descriptions and downloads. */
  readonly mediaRequests: Array<{ path: string; authorization: string | undefined }> = [];
  private readonly script: Array<{ status: number; body: unknown }> = [];
  private readonly mediaScript: Array<{ status: number; body: unknown }> = [];
  private readonly files = new Map<string, FakeMedia>();
  private counter = 0;

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<FakeGraphApi> {
    let fake: FakeGraphApi | null = null;
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => fake!.answer(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    fake = new FakeGraphApi(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v21.0`;
  }

  next(status: number, body: unknown): void {
    this.script.push({ status, body });
  }

  nextMedia(status: number, body: unknown): void {
    this.mediaScript.push({ status, body });
  }

  media(file: FakeMedia): FakeMedia {
    this.files.set(file.id, file);
    return file;
  }

  /** GETs of one media's description (`description`) or bytes (`download`). */
  mediaGets(id: string, what: 'description' | 'download'): number {
    const matches =
      what === 'description'
        ? (path: string) => path === `/v21.0/${id}`
        : (path: string) => path.startsWith(`/whatsapp_business/attachments/?mid=${id}&`);
    return this.mediaRequests.filter((r) => matches(r.path)).length;
  }

  to(phone: string): GraphRequest[] {
    return this.requests.filter((r) => r.body.to === phone);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    if (req.method === 'GET') return this.answerMedia(req, res);
    const body = JSON.parse(text) as GraphRequest['body'];
    this.requests.push({ path: req.url ?? '', authorization: req.headers.authorization, body });
    const scripted = this.script.shift();
    if (scripted) {
      res.writeHead(scripted.status, { 'content-type': 'application/json' }).end(JSON.stringify(scripted.body));
      return;
    }
    this.counter += 1;
    res.writeHead(200, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        messaging_product: 'whatsapp',
        contacts: [{ input: body.to, wa_id: body.to }],
        messages: [{ id: `wamid.out.${this.counter}` }],
      }),
    );
  }

  private answerMedia(req: http.IncomingMessage, res: http.ServerResponse): void {
    const path = req.url ?? '';
    this.mediaRequests.push({ path, authorization: req.headers.authorization });
    const json = (status: number, body: unknown): void => {
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (req.headers.authorization !== 'Bearer token-de-prueba') return json(401, GRAPH_ERRORS.tokenInvalid);
    const download = /^\/whatsapp_business\/attachments\/\?mid=([^&]+)/.exec(path);
    if (download) {
      const file = this.files.get(decodeURIComponent(download[1]!));
      if (!file) return json(404, GRAPH_ERRORS.mediaNotFound);
      res.writeHead(200, { 'content-type': file.mimeType, 'content-length': file.content.length }).end(file.content);
      return;
    }
    const scripted = this.mediaScript.shift();
    if (scripted) return json(scripted.status, scripted.body);
    const id = decodeURIComponent(path.replace(/^\/v21\.0\//, '').split('?')[0]!);
    const file = this.files.get(id);
    if (!file) return json(400, GRAPH_ERRORS.mediaNotFound);
    const address = this.server.address() as AddressInfo;
    json(200, {
      messaging_product: 'whatsapp',
      url: `http://127.0.0.1:${address.port}/whatsapp_business/attachments/?mid=${encodeURIComponent(id)}&ext=1764923400&hash=ATuQ0n4Hk`,
      mime_type: file.mimeType,
      sha256: file.sha256 ?? createHash('sha256').update(file.content).digest('hex'),
      file_size: file.fileSize ?? file.content.length,
      id,
    });
  }
}

/** The error body the Graph API answers a throttled or failing send with. */
export const GRAPH_ERRORS = {
  serverError: {
    error: {
      message: 'An unknown error has occurred.',
      type: 'OAuthException',
      code: 1,
      error_subcode: 2494010,
      fbtrace_id: 'AbCdEfGh',
    },
  },
  /** What GET /{media-id} answers for an id that does not exist or expired (recorded). */
  mediaNotFound: {
    error: {
      message:
        "Unsupported get request. Object with ID '1003383421387256' does not exist, cannot be loaded due to missing permissions, or does not support this operation.",
      type: 'GraphMethodException',
      code: 100,
      error_subcode: 33,
      fbtrace_id: 'AbCdEfGj',
    },
  },
  tokenInvalid: {
    error: {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
      fbtrace_id: 'AbCdEfGk',
    },
  },
  templateMissing: {
    error: {
      message: '(#132001) Template name does not exist in the translation',
      type: 'OAuthException',
      code: 132001,
      error_data: { messaging_product: 'whatsapp', details: 'template name (cau_ticket_update) does not exist in es' },
      fbtrace_id: 'AbCdEfGi',
    },
  },
};
