import { readFileSync } from 'node:fs';

/** What every printed form carries at its top: the office's name and, where configured, its logo. */
export interface Letterhead {
  officeName: string;
  /** PNG or JPEG bytes. */
  logo?: Buffer;
}

/** The Nest provider token of the service's letterhead. */
export const LETTERHEAD = Symbol('LETTERHEAD');

export const DEFAULT_OFFICE_NAME = 'Centro de Atención a Usuarios';
/** A logo prints at about 3 cm; a larger file only makes every PDF (and its NATS reply) heavier. */
export const MAX_LOGO_BYTES = 256 * 1024;

/** Reads CAU_OFFICE_NAME and CAU_OFFICE_LOGO once, at start; a bad value stops the start naming the variable. */
export function letterheadFromEnv(env: NodeJS.ProcessEnv): Letterhead {
  const officeName = env['CAU_OFFICE_NAME']?.trim() || DEFAULT_OFFICE_NAME;
  if (officeName.length > 200) throw new Error('CAU_OFFICE_NAME must be at most 200 characters');
  const logoPath = env['CAU_OFFICE_LOGO']?.trim();
  if (!logoPath) return { officeName };
  let logo: Buffer;
  try {
    logo = readFileSync(logoPath);
  } catch (error) {
    throw new Error(`CAU_OFFICE_LOGO must name a readable PNG or JPEG file, got "${logoPath}"`, { cause: error });
  }
  if (logo.length > MAX_LOGO_BYTES) {
    throw new Error(
      `CAU_OFFICE_LOGO must be at most ${MAX_LOGO_BYTES / 1024} KiB, "${logoPath}" has ${logo.length} bytes`,
    );
  }
  if (!isPng(logo) && !isJpeg(logo)) {
    throw new Error(`CAU_OFFICE_LOGO must be a PNG or JPEG file, "${logoPath}" is neither`);
  }
  return { officeName, logo };
}

function isPng(bytes: Buffer): boolean {
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

function isJpeg(bytes: Buffer): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}
