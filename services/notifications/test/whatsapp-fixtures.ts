import { createHmac } from 'node:crypto';
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
                    : { [type]: { mime_type: 'image/jpeg', sha256: 'abc', id: '1003383421387256' } }),
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

/**
 * A local server speaking the send endpoint of the Cloud API: `POST /{phone-number-id}/messages` answers
 * what Meta answers (success `{messaging_product, contacts, messages:[{id}]}`, errors `{error:{…}}`).
 * Scripted answers (`next`) are used first, in order.
 */
export class FakeGraphApi {
  readonly requests: GraphRequest[] = [];
  private readonly script: Array<{ status: number; body: unknown }> = [];
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

  to(phone: string): GraphRequest[] {
    return this.requests.filter((r) => r.body.to === phone);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private answer(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
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
