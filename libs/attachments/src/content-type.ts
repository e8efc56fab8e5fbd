/**
 * What a file is, decided from its bytes: the type a client declares is never trusted. The allow-list
 * is deliberately short (documents and pictures people attach to a support ticket); archives,
 * executables, HTML and SVG (which browsers run) are refused.
 */

/** How much of the start of a file is kept to decide its type (ZIP-based documents name their parts there). */
export const HEAD_BYTES = 64 * 1024;

export type Detection = { allowed: true; mediaType: string; text: boolean } | { allowed: false; detected: string };

const allowed = (mediaType: string, text = false): Detection => ({ allowed: true, mediaType, text });
const refused = (detected: string): Detection => ({ allowed: false, detected });

const OOXML: Array<[prefix: string, mediaType: string]> = [
  ['word/', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  ['xl/', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  ['ppt/', 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
];
const OPEN_DOCUMENT = new Set([
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
]);
const TEXT_EXTENSIONS = new Set(['', 'txt', 'text', 'csv', 'tsv', 'log', 'md']);

const startsWith = (head: Uint8Array, bytes: readonly number[], at = 0): boolean =>
  head.length >= at + bytes.length && bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));

/**
 * The type of a file from its first bytes (`head`, up to HEAD_BYTES; the whole file when `complete`).
 * `textSoFar` says whether every byte seen so far was UTF-8 text without control characters (the
 * caller checks the whole stream, see ContentInspector).
 */
export function detectContentType(head: Uint8Array, textSoFar: boolean, fileName: string): Detection {
  if (startsWith(head, ascii('%PDF-'))) return allowed('application/pdf');
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return allowed('image/png');
  if (startsWith(head, [0xff, 0xd8, 0xff])) return allowed('image/jpeg');
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return allowed('image/gif');
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return allowed('image/webp');
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return zipDocument(head);
  if (startsWith(head, ascii('MZ'))) return refused('application/x-msdownload');
  if (startsWith(head, [0x7f, 0x45, 0x4c, 0x46])) return refused('application/x-executable');
  if (startsWith(head, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return refused('application/x-ole-storage');
  if (textSoFar) return plainText(head, fileName);
  return refused('application/octet-stream');
}

/** Office Open XML names its parts (`word/…`, `xl/…`); OpenDocument starts with a stored `mimetype` entry. */
function zipDocument(head: Uint8Array): Detection {
  const entries = zipEntries(head);
  const first = entries[0];
  if (first?.name === 'mimetype') {
    const mediaType = new TextDecoder().decode(first.data).trim();
    if (OPEN_DOCUMENT.has(mediaType)) return allowed(mediaType);
    return refused(mediaType || 'application/zip');
  }
  if (entries.some((e) => e.name === '[Content_Types].xml')) {
    for (const [prefix, mediaType] of OOXML) {
      if (entries.some((e) => e.name.startsWith(prefix))) return allowed(mediaType);
    }
  }
  return refused('application/zip');
}

/** Local file headers found in the head: their names, and for the first its stored bytes (up to 100). */
function zipEntries(head: Uint8Array): Array<{ name: string; data: Uint8Array }> {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  const decoder = new TextDecoder();
  const entries: Array<{ name: string; data: Uint8Array }> = [];
  for (let at = 0; at + 30 <= head.length; at++) {
    if (view.getUint32(at, true) !== 0x04034b50) continue;
    const nameLength = view.getUint16(at + 26, true);
    const extraLength = view.getUint16(at + 28, true);
    const nameStart = at + 30;
    if (nameStart + nameLength > head.length) break;
    const name = decoder.decode(head.subarray(nameStart, nameStart + nameLength));
    const dataStart = nameStart + nameLength + extraLength;
    const size = Math.min(view.getUint32(at + 18, true), 100);
    entries.push({ name, data: head.subarray(dataStart, Math.min(dataStart + size, head.length)) });
    at = nameStart + nameLength - 1;
  }
  return entries;
}

const MARKUP = /^<(!doctype\s+html|html|head|body|script|iframe|svg|\?xml|!--)/i;

/** UTF-8 text (CSV by its extension); markup is refused, and so is text named as another format. */
function plainText(head: Uint8Array, fileName: string): Detection {
  const start = new TextDecoder()
    .decode(head.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (MARKUP.test(start)) return refused(/^<(svg|\?xml)/i.test(start) ? 'application/xml' : 'text/html');
  const dot = fileName.lastIndexOf('.');
  const extension = dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
  if (!TEXT_EXTENSIONS.has(extension)) return refused(`text/plain (.${extension})`);
  if (extension === 'csv') return allowed('text/csv; charset=utf-8', true);
  return allowed('text/plain; charset=utf-8', true);
}

/** Bytes that never appear in text files: C0 controls other than tab, line feed, form feed, carriage return; DEL. */
function hasControlBytes(chunk: Uint8Array): boolean {
  for (const byte of chunk) {
    if ((byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) || byte === 0x7f) return true;
  }
  return false;
}

/**
 * Follows a file as it streams: keeps its first HEAD_BYTES, decides its type as soon as they are
 * there (so a refused file is stopped early), and checks that a text file stays valid UTF-8 to its
 * last byte. Holds at most HEAD_BYTES, whatever the file's size.
 */
export class ContentInspector {
  private readonly head = Buffer.alloc(HEAD_BYTES);
  private headLength = 0;
  private text = true;
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private decision: Detection | null = null;

  constructor(private readonly fileName: string) {}

  /** Returns a refusal as soon as one is certain, otherwise null. */
  push(chunk: Uint8Array): Detection | null {
    if (this.text) this.checkText(chunk, true);
    if (this.headLength < HEAD_BYTES) {
      const take = Math.min(chunk.length, HEAD_BYTES - this.headLength);
      this.head.set(chunk.subarray(0, take), this.headLength);
      this.headLength += take;
      if (this.headLength === HEAD_BYTES) this.decision = this.decide();
    }
    if (this.decision && !this.decision.allowed) return this.decision;
    if (this.decision?.allowed && this.decision.text && !this.text) return refused('application/octet-stream');
    return null;
  }

  /** The final decision, once every byte was pushed. */
  end(): Detection {
    if (this.text) this.checkText(new Uint8Array(0), false);
    const decision = this.decision ?? this.decide();
    if (decision.allowed && decision.text && !this.text) return refused('application/octet-stream');
    return decision;
  }

  private decide(): Detection {
    return detectContentType(this.head.subarray(0, this.headLength), this.text, this.fileName);
  }

  private checkText(chunk: Uint8Array, more: boolean): void {
    if (hasControlBytes(chunk)) {
      this.text = false;
      return;
    }
    try {
      this.decoder.decode(chunk, { stream: more });
    } catch {
      this.text = false;
    }
  }
}
