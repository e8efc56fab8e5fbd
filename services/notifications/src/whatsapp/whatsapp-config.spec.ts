import { whatsappConfigFromEnv } from './whatsapp-config.js';

describe('WhatsApp account settings', () => {
  it('is off without a token and phone number id', () => {
    expect(whatsappConfigFromEnv({})).toBeNull();
  });

  it('takes the defaults of the Graph API and the templates', () => {
    expect(whatsappConfigFromEnv({ WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '106540352242922' })).toMatchObject({
      graphUrl: 'https://graph.facebook.com/v21.0',
      phoneNumberId: '106540352242922',
      countryCode: '',
      category: 'correo-electronico',
      templates: { update: 'cau_ticket_update', unknownNumber: 'cau_unknown_number', language: 'es' },
    });
  });

  it('names the variable that is wrong', () => {
    const base = { WHATSAPP_TOKEN: 't', WHATSAPP_PHONE_NUMBER_ID: '1' };
    expect(() => whatsappConfigFromEnv({ WHATSAPP_TOKEN: 't' })).toThrow(/set together/);
    expect(() => whatsappConfigFromEnv({ ...base, WHATSAPP_PHONE_NUMBER_ID: '+591 7' })).toThrow(
      /WHATSAPP_PHONE_NUMBER_ID/,
    );
    expect(() => whatsappConfigFromEnv({ ...base, WHATSAPP_GRAPH_URL: 'ftp://x' })).toThrow(/WHATSAPP_GRAPH_URL/);
    expect(() => whatsappConfigFromEnv({ ...base, WHATSAPP_COUNTRY_CODE: '+591' })).toThrow(/WHATSAPP_COUNTRY_CODE/);
    expect(() => whatsappConfigFromEnv({ ...base, WHATSAPP_TEMPLATE_UPDATE: 'Plantilla X' })).toThrow(
      /WHATSAPP_TEMPLATE_UPDATE/,
    );
    expect(() => whatsappConfigFromEnv({ ...base, WHATSAPP_TEMPLATE_LANGUAGE: 'español' })).toThrow(
      /WHATSAPP_TEMPLATE_LANGUAGE/,
    );
  });
});
