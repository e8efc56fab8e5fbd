import { graphError, templateRequestBody } from './cloud-api.js';
import { templateParameter } from './whatsapp-texts.js';

describe('WhatsApp Cloud API requests and answers', () => {
  it('builds a template message with its body parameters in order', () => {
    expect(
      templateRequestBody({
        to: '59171234567',
        template: 'cau_ticket_update',
        language: 'es',
        parameters: ['12', 'Hola'],
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '59171234567',
      type: 'template',
      template: {
        name: 'cau_ticket_update',
        language: { code: 'es' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: '12' },
              { type: 'text', text: 'Hola' },
            ],
          },
        ],
      },
    });
  });

  it('reads the Graph error body, without repeating a code the message already names', () => {
    expect(
      graphError(
        JSON.stringify({
          error: { message: '(#132001) Template name does not exist in the translation', code: 132001 },
        }),
      ),
    ).toBe('(#132001) Template name does not exist in the translation');
    expect(
      graphError(
        JSON.stringify({
          error: { message: 'Recipient not allowed', code: 131030, error_data: { details: 'not in allowed list' } },
        }),
      ),
    ).toBe('(#131030) Recipient not allowed: not in allowed list');
    expect(graphError('<html>Bad gateway</html>')).toBe('<html>Bad gateway</html>');
  });

  it('flattens a template parameter (no new lines, tabs or runs of spaces) and bounds it', () => {
    expect(templateParameter('Línea uno\n\n\tLínea    dos')).toBe('Línea uno Línea dos');
    expect(templateParameter('x'.repeat(2000))).toHaveLength(900);
    expect(templateParameter('   ')).toBe('-');
  });
});
