import { connect, type Msg, type NatsConnection } from '@nats-io/transport-node';
import { NotificationsRpc } from '@cau/contracts';
import { messagingConfigFromEnv } from '@cau/messaging';
import { signature, webhookMessage, webhookStatus } from '../../notifications/test/whatsapp-fixtures.js';
import { startGateway, type GatewayFixture } from './gateway-fixture.js';

const APP_SECRET = 'app-secret-de-prueba-0123456789';
const VERIFY_TOKEN = 'token-de-verificacion';

interface Sent {
  name: string;
  data: Record<string, unknown>;
}

describe('gateway: WhatsApp Cloud API webhook', () => {
  let f: GatewayFixture;
  let nc: NatsConnection;
  const sent: Sent[] = [];

  beforeAll(async () => {
    f = await startGateway('gwwhatsapp', {
      env: { WHATSAPP_APP_SECRET: APP_SECRET, WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN },
    });
    nc = await connect({ servers: f.infra.env.NATS_URL });
    const prefix = messagingConfigFromEnv(f.infra.env).subjectPrefix;
    // Answers like the notifications service's handler would.
    nc.subscribe(`${prefix}.notifications.whatsapp.>`, {
      callback: (_error: unknown, msg: Msg) => {
        const { id, data } = msg.json<{ id: string; data: Record<string, unknown> }>();
        sent.push({ name: msg.subject.slice(prefix.length + 1), data });
        msg.respond(JSON.stringify({ id, isDisposed: true, response: { stored: 1, duplicates: 0, statuses: 0 } }));
      },
    });
    await nc.flush();
  });

  beforeEach(() => {
    sent.length = 0;
  });

  afterAll(async () => {
    await nc?.close();
    await f?.stop();
  });

  const post = (body: string, headers: Record<string, string> = {}): Promise<Response> =>
    fetch(`${f.gateway.url}/api/v1/whatsapp/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it('answers the verification handshake with the challenge, and refuses a wrong token or mode', async () => {
    const url = (query: string): string => `${f.gateway.url}/api/v1/whatsapp/webhook?${query}`;
    const ok = await fetch(url(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');

    const wrong = await fetch(url('hub.mode=subscribe&hub.verify_token=otro&hub.challenge=1'));
    expect(wrong.status).toBe(403);
    const mode = await fetch(url(`hub.mode=unsubscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1`));
    expect(mode.status).toBe(400);
    expect(await mode.json()).toMatchObject({ fields: [expect.objectContaining({ field: 'hub.mode' })] });
    const missing = await fetch(url(`hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}`));
    expect(missing.status).toBe(400);
    expect(await missing.json()).toMatchObject({
      fields: [expect.objectContaining({ field: 'hub.challenge' })],
    });
  });

  it('forwards the messages of a body signed over its exact bytes', async () => {
    // Spacing and key order as Meta sends them: re-serialising the parsed JSON would change the bytes.
    const body = JSON.stringify(
      webhookMessage({ id: 'wamid.HBgLNTkxNzEyMzQ1NjcVAgASGBQzQTdCQzE', from: '59171234567', text: 'Hola  ñandú' }),
      null,
      1,
    );
    const answer = await post(body, { 'x-hub-signature-256': signature(body, APP_SECRET) });
    expect(answer.status).toBe(200);
    expect(sent).toEqual([
      {
        name: NotificationsRpc.ReceiveWhatsapp.subject,
        data: {
          messages: [
            {
              id: 'wamid.HBgLNTkxNzEyMzQ1NjcVAgASGBQzQTdCQzE',
              from: '59171234567',
              profileName: 'Carla Ruiz',
              timestamp: '1764923400',
              type: 'text',
              text: 'Hola  ñandú',
            },
          ],
          statuses: [],
        },
      },
    ]);

    const statuses = JSON.stringify(webhookStatus('wamid.out.1', 'delivered', '59171234567'));
    expect((await post(statuses, { 'x-hub-signature-256': signature(statuses, APP_SECRET) })).status).toBe(200);
    expect(sent[1]!.data).toEqual({ messages: [], statuses: [{ id: 'wamid.out.1', status: 'delivered' }] });
  });

  it('refuses a missing or wrong signature with 401 and forwards nothing', async () => {
    const body = JSON.stringify(webhookMessage({ id: 'wamid.falso', from: '59171234567' }));
    expect((await post(body)).status).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': signature(body, 'otro-secreto') })).status).toBe(401);
    // Signed, then changed by one byte on the way.
    const tampered = body.replace('Hola', 'HOLA');
    expect((await post(tampered, { 'x-hub-signature-256': signature(body, APP_SECRET) })).status).toBe(401);
    expect((await post(body, { 'x-hub-signature-256': 'sha256=zz' })).status).toBe(401);
    expect(sent).toEqual([]);
  });

  it('answers a signed but malformed body with 400 naming the field', async () => {
    const payload = webhookMessage({ id: 'wamid.x', from: '59171234567' }) as {
      entry: Array<{ changes: Array<{ value: { messages: Array<Record<string, unknown>> } }> }>;
    };
    delete payload.entry[0]!.changes[0]!.value.messages[0]!.from;
    const body = JSON.stringify(payload);
    const answer = await post(body, { 'x-hub-signature-256': signature(body, APP_SECRET) });
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({
      code: 'VALIDATION',
      fields: [expect.objectContaining({ field: 'entry[0].changes[0].value.messages[0].from' })],
    });
    expect(sent).toEqual([]);
  });
});

describe('gateway: without a WhatsApp account', () => {
  let f: GatewayFixture;

  beforeAll(async () => {
    f = await startGateway('gwnowhatsapp');
  });

  afterAll(async () => {
    await f?.stop();
  });

  it('answers the webhook with 404', async () => {
    const verify = await fetch(
      `${f.gateway.url}/api/v1/whatsapp/webhook?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`,
    );
    expect(verify.status).toBe(404);
    const body = JSON.stringify(webhookMessage({ id: 'wamid.y', from: '59171234567' }));
    const post = await fetch(`${f.gateway.url}/api/v1/whatsapp/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature(body, 'x') },
      body,
    });
    expect(post.status).toBe(404);
  });
});
