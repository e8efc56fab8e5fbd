import { createHmac } from 'node:crypto';
import {
  MalformedWebhookError,
  parseWebhook,
  sameSecret,
  signatureMatches,
  whatsappWebhookConfigFromEnv,
} from './whatsapp-webhook.js';

const change = (value: Record<string, unknown>, field = 'messages') => ({
  object: 'whatsapp_business_account',
  entry: [{ id: '1', changes: [{ field, value: { messaging_product: 'whatsapp', ...value } }] }],
});

function problems(body: unknown): string[] {
  try {
    parseWebhook(body);
  } catch (error) {
    if (error instanceof MalformedWebhookError) return error.problems.map((p) => p.field);
    throw error;
  }
  return [];
}

describe('WhatsApp webhook', () => {
  it('checks the signature over the exact bytes, in any hex case, and refuses other shapes', () => {
    const raw = Buffer.from('{"object":"whatsapp_business_account"}');
    const hex = createHmac('sha256', 'secreto').update(raw).digest('hex');
    expect(signatureMatches(raw, `sha256=${hex}`, 'secreto')).toBe(true);
    expect(signatureMatches(raw, `sha256=${hex.toUpperCase()}`, 'secreto')).toBe(true);
    expect(signatureMatches(Buffer.from(`${raw.toString()} `), `sha256=${hex}`, 'secreto')).toBe(false);
    expect(signatureMatches(raw, `sha256=${hex}`, 'otro')).toBe(false);
    expect(signatureMatches(raw, hex, 'secreto')).toBe(false);
    expect(signatureMatches(raw, undefined, 'secreto')).toBe(false);
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abcd')).toBe(false);
  });

  it('reads messages with the sender’s profile name, statuses, and skips other fields and types of status', () => {
    const parsed = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '1',
          changes: [
            {
              field: 'messages',
              value: {
                contacts: [{ profile: { name: 'Ana' }, wa_id: '59171234567' }],
                messages: [
                  { from: '59171234567', id: 'wamid.1', timestamp: '1764923400', type: 'text', text: { body: 'Hola' } },
                  { from: '59171234567', id: 'wamid.2', timestamp: '1764923401', type: 'image', image: { id: '9' } },
                  {
                    from: '59171234567',
                    id: 'wamid.3',
                    timestamp: '1764923402',
                    type: 'document',
                    document: {
                      caption: 'El informe',
                      filename: 'informe.pdf',
                      mime_type: 'application/pdf',
                      sha256: 'hsRh6UqlY4oR7NQWIu/ve3ntWdc0lfNdoPqQ9bGxl/w=',
                      id: '1003383421387256',
                    },
                  },
                  { from: '59171234567', id: 'wamid.4', timestamp: '1764923403', type: 'location', location: {} },
                ],
                statuses: [
                  { id: 'wamid.out', status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable' }] },
                  { id: 'wamid.out2', status: 'deleted' },
                ],
              },
            },
            { field: 'account_update', value: { event: 'VERIFIED_ACCOUNT' } },
          ],
        },
      ],
    });
    expect(parsed).toEqual({
      messages: [
        { id: 'wamid.1', from: '59171234567', profileName: 'Ana', timestamp: '1764923400', type: 'text', text: 'Hola' },
        {
          id: 'wamid.2',
          from: '59171234567',
          profileName: 'Ana',
          timestamp: '1764923401',
          type: 'image',
          media: { id: '9' },
        },
        {
          id: 'wamid.3',
          from: '59171234567',
          profileName: 'Ana',
          timestamp: '1764923402',
          type: 'document',
          text: 'El informe',
          media: {
            id: '1003383421387256',
            mimeType: 'application/pdf',
            sha256: 'hsRh6UqlY4oR7NQWIu/ve3ntWdc0lfNdoPqQ9bGxl/w=',
            fileName: 'informe.pdf',
          },
        },
        { id: 'wamid.4', from: '59171234567', profileName: 'Ana', timestamp: '1764923403', type: 'location' },
      ],
      statuses: [{ id: 'wamid.out', status: 'failed', error: '(#131026) Message undeliverable' }],
    });
  });

  it('names every malformed field by its path', () => {
    expect(problems([])).toEqual(['body']);
    expect(problems({ object: 'page', entry: [] })).toEqual(['object']);
    expect(problems({ object: 'whatsapp_business_account' })).toEqual(['entry']);
    expect(
      problems(change({ messages: [{ from: '+591 7', id: '', timestamp: 'ayer', type: 'text', text: {} }] })),
    ).toEqual([
      'entry[0].changes[0].value.messages[0].id',
      'entry[0].changes[0].value.messages[0].from',
      'entry[0].changes[0].value.messages[0].timestamp',
      'entry[0].changes[0].value.messages[0].text.body',
    ]);
    expect(
      problems(
        change({ messages: [{ from: '59171234567', id: 'wamid.5', timestamp: '1', type: 'audio', audio: {} }] }),
      ),
    ).toEqual(['entry[0].changes[0].value.messages[0].audio.id']);
    expect(problems(change({ statuses: 'x' }))).toEqual(['entry[0].changes[0].value.statuses']);
  });

  it('is off without settings and refuses half of them', () => {
    expect(whatsappWebhookConfigFromEnv({}).settings).toBeNull();
    expect(() => whatsappWebhookConfigFromEnv({ WHATSAPP_APP_SECRET: 'x' })).toThrow(/set together/);
    expect(whatsappWebhookConfigFromEnv({ WHATSAPP_APP_SECRET: 'x', WHATSAPP_VERIFY_TOKEN: 'y' }).settings).toEqual({
      appSecret: 'x',
      verifyToken: 'y',
    });
  });
});
