/** The one media file the fake Cloud API of the e2e platform serves (`GET /{id}`, then its URL). */
export const WHATSAPP_E2E_PHOTO = {
  id: '1003383421387256',
  mimeType: 'image/png',
  content: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(3_000, 7)]),
};
