import { crc32 } from 'node:zlib';
import { InventoryLimits } from '@cau/contracts';
import { acceptanceDecision, checkSignature } from './custody-acceptance.js';
import { custodyDocumentText } from './custody-document.js';

/** A real 1×1 PNG, as a canvas exports one. */
const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('custody acceptance rules', () => {
  it('lets only the holder accept an open period once; staff are told why, others learn nothing', () => {
    const holder = { isHolder: true, isStaff: false, open: true, accepted: false };
    expect(acceptanceDecision(holder)).toEqual({ allowed: true });
    expect(acceptanceDecision({ ...holder, accepted: true })).toEqual({
      allowed: false,
      answer: 'conflict',
      refusal: { code: 'inventory.custody-accepted' },
    });
    expect(acceptanceDecision({ ...holder, open: false })).toEqual({
      allowed: false,
      answer: 'conflict',
      refusal: { code: 'inventory.custody-ended' },
    });
    expect(acceptanceDecision({ ...holder, isHolder: false })).toEqual({ allowed: false, answer: 'not-found' });
    expect(acceptanceDecision({ ...holder, isHolder: false, isStaff: true })).toEqual({
      allowed: false,
      answer: 'forbidden',
      refusal: { code: 'inventory.custody-holder-only' },
    });
  });

  it('takes a real PNG under the limit as the office asks for it', () => {
    expect(checkSignature(PNG_1X1, 'optional')).toMatchObject({ ok: true, png: expect.any(Buffer) });
    expect(checkSignature(undefined, 'optional')).toEqual({ ok: true, png: null });
    expect(checkSignature(undefined, 'required')).toEqual({ ok: false, constraint: 'signatureRequired' });
    expect(checkSignature(PNG_1X1, 'off')).toEqual({ ok: false, constraint: 'signatureOff' });
    expect(checkSignature(undefined, 'off')).toEqual({ ok: true, png: null });
    expect(checkSignature('bm90IGEgcG5n', 'optional')).toEqual({ ok: false, constraint: 'signaturePng' });
    expect(checkSignature('not base64!', 'optional')).toEqual({ ok: false, constraint: 'signaturePng' });
    const frame = Buffer.from(PNG_1X1, 'base64');
    const huge = Buffer.concat([
      frame.subarray(0, 33),
      Buffer.alloc(InventoryLimits.signatureBytes),
      frame.subarray(frame.length - 12),
    ]);
    expect(checkSignature(huge.toString('base64'), 'optional')).toEqual({ ok: false, constraint: 'signaturePng' });
  });

  it('refuses a file that only looks like a PNG: a broken checksum, or image data that does not inflate', () => {
    const png = Buffer.from(PNG_1X1, 'base64');
    const badCrc = Buffer.from(png);
    badCrc.writeUInt8(badCrc.readUInt8(29) ^ 0xff, 29); // IHDR's checksum
    expect(checkSignature(badCrc.toString('base64'), 'optional')).toEqual({ ok: false, constraint: 'signaturePng' });
    // The IDAT chunk (at 33: length, type, 13 bytes, CRC) with its data spoiled and its checksum recomputed.
    const corrupt = Buffer.from(png);
    corrupt.fill(0xee, 41, 41 + 13);
    corrupt.writeUInt32BE(crc32(corrupt.subarray(37, 41 + 13)), 41 + 13);
    expect(checkSignature(corrupt.toString('base64'), 'optional')).toEqual({ ok: false, constraint: 'signaturePng' });
  });

  it('writes the same text from the same facts, with the accents, the date on the office calendar and the note', () => {
    const facts = {
      holderName: 'Ana Pérez',
      holderEmail: 'ana@salud.gob',
      inventoryNumber: 'NB-1',
      typeLabel: 'Notebook',
      serial: 'SN-9',
      brand: 'Dell',
      model: null,
      location: 'Casa de Gobierno · 2 · 204',
      since: new Date('2026-12-05T02:00:00Z'),
      note: 'Con cargador y mochila',
    };
    const text = custodyDocumentText(facts, 'America/Argentina/Buenos_Aires');
    expect(text).toContain('Yo, Ana Pérez (ana@salud.gob), recibo en resguardo desde el 4 de diciembre de 2026');
    expect(text).toContain(
      'Notebook con número de inventario NB-1, serie SN-9, marca Dell, ubicado en Casa de Gobierno',
    );
    expect(text).toContain('Observaciones de la entrega: Con cargador y mochila');
    expect(custodyDocumentText(facts, 'America/Argentina/Buenos_Aires')).toBe(text);
    expect(custodyDocumentText({ ...facts, note: null }, 'UTC')).not.toContain('Observaciones');
  });
});
