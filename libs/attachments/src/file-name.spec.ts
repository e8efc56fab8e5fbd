import { FILE_NAME_MAX_LENGTH, contentDisposition, sanitizeFileName } from './file-name.js';

describe('sanitizeFileName', () => {
  it.each([
    ['informe.pdf', 'informe.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['..\\x', 'x'],
    ['C:\\Users\\ana\\Escritorio\\captura.png', 'captura.png'],
    ['.bashrc', 'bashrc'],
    ['...', null],
    ['..', null],
    ['', null],
    ['   ', null],
    ['dir/', null],
    ['año\u0000 2024\n.txt', 'año 2024.txt'],
    ['foto\u202Egnp.exe', 'fotognp.exe'],
    ['Informe   final .pdf', 'Informe final .pdf'],
    ['résumé – ñandú 漢字.docx', 'résumé – ñandú 漢字.docx'],
    ['a<b>c:d"e|f?g*h.txt', 'a_b_c_d_e_f_g_h.txt'],
    ['nombre. ', 'nombre'],
  ])('%j → %j', (raw, expected) => {
    expect(sanitizeFileName(raw)).toBe(expected);
  });

  it('caps the length and keeps the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.pdf`)!;
    expect(Array.from(name)).toHaveLength(FILE_NAME_MAX_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('counts characters, not UTF-16 units, and never splits a surrogate pair', () => {
    const name = sanitizeFileName('😀'.repeat(200))!;
    expect(Array.from(name)).toHaveLength(FILE_NAME_MAX_LENGTH);
    expect(name).toBe('😀'.repeat(FILE_NAME_MAX_LENGTH));
  });
});

describe('contentDisposition', () => {
  it('gives an ASCII fallback and the exact name per RFC 5987', () => {
    expect(contentDisposition('informe año "final".pdf')).toBe(
      `attachment; filename="informe a_o _final_.pdf"; filename*=UTF-8''informe%20a%C3%B1o%20%22final%22.pdf`,
    );
    expect(contentDisposition("it's (1).txt")).toBe(
      `attachment; filename="it's (1).txt"; filename*=UTF-8''it%27s%20%281%29.txt`,
    );
  });
});
