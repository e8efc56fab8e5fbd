import { mediaFileName } from './whatsapp-media.js';

describe('mediaFileName', () => {
  const sentAt = new Date('2026-12-06T00:45:12.000Z');
  const media = { id: '1', mimeType: null, sha256: null, fileName: null };

  it('keeps a document’s own name, sanitised as an upload’s', () => {
    expect(mediaFileName({ type: 'document', sentAt, media: { ...media, fileName: '../informe\u202e.pdf' } })).toBe(
      'informe.pdf',
    );
  });

  it('names other media by type and time, with the extension of the declared type when known', () => {
    expect(mediaFileName({ type: 'image', sentAt, media: { ...media, mimeType: 'image/jpeg' } })).toBe(
      'whatsapp-image-20261206-004512.jpg',
    );
    expect(mediaFileName({ type: 'audio', sentAt, media: { ...media, mimeType: 'audio/ogg; codecs=opus' } })).toBe(
      'whatsapp-audio-20261206-004512.ogg',
    );
    expect(mediaFileName({ type: 'sticker', sentAt, media: { ...media, mimeType: 'application/x-unknown' } })).toBe(
      'whatsapp-sticker-20261206-004512',
    );
  });
});
