import { ContentInspector, HEAD_BYTES, detectContentType } from './content-type.js';

/** A ZIP local file header with its (stored) data, enough for detection. */
function zipEntry(name: string, data = ''): Buffer {
  const nameBytes = Buffer.from(name);
  const dataBytes = Buffer.from(data);
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt32LE(dataBytes.length, 18);
  header.writeUInt32LE(dataBytes.length, 22);
  header.writeUInt16LE(nameBytes.length, 26);
  return Buffer.concat([header, nameBytes, dataBytes]);
}

const text = (s: string): Buffer => Buffer.from(s, 'utf8');
const detect = (bytes: Buffer, name = 'archivo'): ReturnType<typeof detectContentType> => {
  const inspector = new ContentInspector(name);
  const early = inspector.push(bytes);
  return early ?? inspector.end();
};

describe('detectContentType (by content, never by the declared type)', () => {
  it.each([
    ['PDF', text('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'application/pdf'],
    ['PNG', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), 'image/png'],
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), 'image/jpeg'],
    ['GIF', text('GIF89a\x01\x00'), 'image/gif'],
    ['WebP', Buffer.concat([text('RIFF'), Buffer.from([1, 2, 3, 4]), text('WEBPVP8 ')]), 'image/webp'],
    [
      'docx',
      Buffer.concat([
        zipEntry('[Content_Types].xml', '<Types/>'),
        zipEntry('_rels/.rels'),
        zipEntry('word/document.xml'),
      ]),
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    ],
    [
      'xlsx',
      Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('xl/workbook.xml')]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ],
    [
      'pptx',
      Buffer.concat([zipEntry('[Content_Types].xml'), zipEntry('ppt/presentation.xml')]),
      'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    ],
    [
      'odt',
      Buffer.concat([zipEntry('mimetype', 'application/vnd.oasis.opendocument.text'), zipEntry('content.xml')]),
      'application/vnd.oasis.opendocument.text',
    ],
    [
      'ods',
      zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'),
      'application/vnd.oasis.opendocument.spreadsheet',
    ],
  ])('%s is allowed as %s', (_label, bytes, mediaType) => {
    expect(detect(bytes)).toEqual({ allowed: true, mediaType, text: false });
  });

  it('accepts UTF-8 text, as CSV when so named', () => {
    expect(detect(text('Hola, ñandú\r\n\tlínea 2\n'), 'notas.txt')).toEqual({
      allowed: true,
      mediaType: 'text/plain; charset=utf-8',
      text: true,
    });
    expect(detect(text('a;b\n1;2\n'), 'datos.csv')).toMatchObject({ mediaType: 'text/csv; charset=utf-8' });
    expect(detect(text('sin extensión'), 'LEEME')).toMatchObject({ allowed: true });
  });

  it.each([
    ['an .exe', Buffer.concat([text('MZ'), Buffer.alloc(64)]), 'programa.exe', 'application/x-msdownload'],
    [
      'an .exe renamed .pdf',
      Buffer.concat([text('MZ\x90\x00'), Buffer.alloc(64)]),
      'a.pdf',
      'application/x-msdownload',
    ],
    ['HTML renamed .pdf', text('<!DOCTYPE html><html><script>alert(1)</script>'), 'factura.pdf', 'text/html'],
    ['HTML named .txt', text('  <html><body>hola'), 'x.txt', 'text/html'],
    ['SVG', text('<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>'), 'x.txt', 'application/xml'],
    ['text named .pdf', text('no soy un PDF'), 'x.pdf', 'text/plain (.pdf)'],
    ['a plain ZIP', Buffer.concat([zipEntry('a.txt', 'hola')]), 'a.zip', 'application/zip'],
    ['an ELF binary', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]), 'x', 'application/x-executable'],
    ['binary noise', Buffer.from([1, 2, 3, 0, 255, 254]), 'x.txt', 'application/octet-stream'],
    ['Latin-1 text', Buffer.from([0x61, 0xf1, 0x6f]), 'x.txt', 'application/octet-stream'],
  ])('%s is refused (%s)', (_label, bytes, name, detected) => {
    expect(detect(bytes, name)).toEqual({ allowed: false, detected });
  });
});

describe('ContentInspector (streaming)', () => {
  it('refuses as soon as the head shows a forbidden type, before the rest arrives', () => {
    const inspector = new ContentInspector('x.pdf');
    const exe = Buffer.concat([text('MZ'), Buffer.alloc(HEAD_BYTES)]);
    expect(inspector.push(exe)).toEqual({ allowed: false, detected: 'application/x-msdownload' });
  });

  it('checks text to its last byte: a NUL after the head makes it binary', () => {
    const inspector = new ContentInspector('log.txt');
    expect(inspector.push(Buffer.alloc(HEAD_BYTES + 10, 'a'))).toBeNull();
    expect(inspector.push(Buffer.from([0x61, 0x00]))).toEqual({ allowed: false, detected: 'application/octet-stream' });
  });

  it('accepts a multi-byte character split between chunks, refuses one cut at the end', () => {
    const bytes = text('año');
    const split = new ContentInspector('a.txt');
    split.push(bytes.subarray(0, 2));
    split.push(bytes.subarray(2));
    expect(split.end()).toMatchObject({ allowed: true });
    const cut = new ContentInspector('a.txt');
    cut.push(bytes.subarray(0, 2));
    expect(cut.end()).toEqual({ allowed: false, detected: 'application/octet-stream' });
  });
});
