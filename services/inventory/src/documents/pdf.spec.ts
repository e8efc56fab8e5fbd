import { pdfText } from '@cau/testing';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { letterheadFromEnv, MAX_LOGO_BYTES } from './letterhead.js';
import { fieldTable, paragraph, renderForm } from './pdf.js';

describe('renderForm', () => {
  it('prints the letterhead, the code, the title, the fields with their accents and the signature captions', async () => {
    const pdf = await renderForm(
      {
        code: 'F03',
        title: 'Salida de Equipo de Cómputo',
        body: [
          fieldTable([
            ['Número de inventario', 'INV-0042'],
            ['Ubicación', 'Edificio Güemes, piso 3, oficina 12'],
            ['Proveedor', null],
          ]),
          paragraph('El equipo sale para reparación de la fuente de alimentación.'),
        ],
        signatures: ['Usuario', 'Jefe del área', 'Técnico'],
      },
      { officeName: 'CAU Ministerio de Salud — Área de Soporte Técnico' },
    );

    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    for (const expected of [
      'CAU Ministerio de Salud — Área de Soporte Técnico',
      'F03',
      'Salida de Equipo de Cómputo',
      'Número de inventario',
      'INV-0042',
      'Edificio Güemes, piso 3, oficina 12',
      'El equipo sale para reparación de la fuente de alimentación.',
      'Jefe del área',
      'Técnico',
      '1 / 1',
    ]) {
      expect(text).toContain(expected);
    }
  });

  it('prints a configured logo', async () => {
    const withLogo = await renderForm(
      { code: 'X', title: 'Con logo', body: [] },
      { officeName: 'CAU', logo: tinyPng() },
    );
    const without = await renderForm({ code: 'X', title: 'Con logo', body: [] }, { officeName: 'CAU' });
    expect(withLogo.toString('latin1')).toContain('/Subtype /Image');
    expect(without.toString('latin1')).not.toContain('/Subtype /Image');
  });
});

describe('letterheadFromEnv', () => {
  const directory = mkdtempSync(join(tmpdir(), 'cau-letterhead-'));

  it('defaults to the generic office name and no logo', () => {
    expect(letterheadFromEnv({})).toEqual({ officeName: 'Centro de Atención a Usuarios' });
  });

  it('reads the office name and a PNG logo', () => {
    const path = join(directory, 'logo.png');
    writeFileSync(path, tinyPng());
    const letterhead = letterheadFromEnv({ CAU_OFFICE_NAME: ' CAU Salud ', CAU_OFFICE_LOGO: path });
    expect(letterhead.officeName).toBe('CAU Salud');
    expect(letterhead.logo?.equals(tinyPng())).toBe(true);
  });

  it('stops the start naming the variable for a missing, foreign or oversized logo', () => {
    expect(() => letterheadFromEnv({ CAU_OFFICE_LOGO: join(directory, 'absent.png') })).toThrow(/CAU_OFFICE_LOGO/);
    const text = join(directory, 'logo.txt');
    writeFileSync(text, 'not an image');
    expect(() => letterheadFromEnv({ CAU_OFFICE_LOGO: text })).toThrow(/CAU_OFFICE_LOGO must be a PNG or JPEG/);
    const large = join(directory, 'large.png');
    writeFileSync(large, Buffer.concat([tinyPng(), Buffer.alloc(MAX_LOGO_BYTES)]));
    expect(() => letterheadFromEnv({ CAU_OFFICE_LOGO: large })).toThrow(/at most 256 KiB/);
  });
});

/** A valid 1×1 PNG, built here so the test carries no binary fixture. */
function tinyPng(): Buffer {
  const chunk = (type: string, data: Buffer): Buffer => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x1e, 0x6e, 0xb4]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return (crc ^ 0xffffffff) >>> 0;
}
