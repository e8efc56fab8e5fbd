import { createHash } from 'node:crypto';
import { attachmentLine, inspectMailAttachment } from './mail-attachment.js';

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(500, 'x')]);

describe('inspectMailAttachment', () => {
  it('keeps an allowed file with its detected type, SHA-256 and sanitised name', () => {
    const kept = inspectMailAttachment(
      { filename: '../informe\u202e.pdf', contentType: 'text/html', content: pdf },
      0,
      10_000,
    );
    expect(kept).toMatchObject({
      filename: 'informe.pdf',
      contentType: 'text/html',
      detectedType: 'application/pdf',
      sha256: createHash('sha256').update(pdf).digest('hex'),
      refusal: null,
      reason: null,
    });
    expect(kept.content).toBe(pdf);
  });

  it('records a forbidden type without its bytes, saying why', () => {
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(100, 1)]);
    const refused = inspectMailAttachment({ filename: 'factura.pdf.exe', content: exe }, 1, 10_000);
    expect(refused).toMatchObject({
      content: null,
      sha256: null,
      refusal: 'type',
      detectedType: 'application/x-msdownload',
      reason: 'type not allowed: application/x-msdownload',
    });
    expect(attachmentLine(refused)).toBe('- factura.pdf.exe (1 KB, no guardado: tipo de archivo no admitido)');
  });

  it('refuses files over the limit and empty ones, and names a nameless one by its position', () => {
    expect(inspectMailAttachment({ filename: 'a.pdf', content: pdf }, 0, 100)).toMatchObject({
      content: null,
      refusal: 'size',
      reason: 'over INBOUND_MAX_ATTACHMENT_BYTES (100)',
    });
    expect(inspectMailAttachment({ content: Buffer.alloc(0) }, 2, 100)).toMatchObject({
      filename: 'adjunto-3',
      refusal: 'empty',
    });
  });
});
