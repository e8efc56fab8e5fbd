import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Letterhead } from './letterhead.js';

/**
 * pdfmake's document content (https://pdfmake.github.io/docs/0.3/document-definition-object/): a text, a
 * list of contents, or an object such as `{ text, style }`, `{ table }`, `{ columns }`, `{ stack }`, `{ image }`.
 */
export type Content = string | Content[] | { [property: string]: unknown };

/** One of the procedure's printable forms (F01, F03, the custody document…). */
export interface FormDocument {
  /** The form's code as MX-PR15 names it (docs/domain.md § Field service), printed beside the title (e.g. 'F03'). */
  code: string;
  title: string;
  body: Content[];
  /** The signature lines printed at the end, side by side: a caption, or a caption with who signed and how. */
  signatures?: SignatureLine[];
  /** Wide tables (the F02 log) print across the page. */
  orientation?: 'portrait' | 'landscape';
}

/** A caption ('Usuario'), or one with the signer's recorded name and drawn signature (a PNG data URL). */
export type SignatureLine = string | { caption: string; name: string | null; drawing: string | null };

type Pdfmake = (typeof import('pdfmake'))['default'];
let pdfmakeLoading: Promise<Pdfmake> | null = null;

/**
 * pdfmake (with pdfkit and fontkit beneath it) is loaded by the first document, not at start: it was a large
 * part of the inventory's start-up, which issue 10 wants ≤ 3 s, and most starts print nothing.
 */
function pdfmakeReady(): Promise<Pdfmake> {
  pdfmakeLoading ??= loadPdfmake().catch((error: unknown) => {
    pdfmakeLoading = null;
    throw error;
  });
  return pdfmakeLoading;
}

/**
 * pdfmake's server build is a singleton, configured once here for every document: the bundled Roboto
 * (it has every Spanish accent) is loaded into its in-memory file system, and it may read nothing else,
 * neither a URL nor a local file, since documents are built from our own data only.
 */
async function loadPdfmake(): Promise<Pdfmake> {
  const [{ default: pdfmake }, { default: robotoFonts }] = await Promise.all([
    import('pdfmake'),
    import('pdfmake/fonts/Roboto.js'),
  ]);
  const fonts: Record<string, Record<string, string>> = {};
  for (const [family, styles] of Object.entries(robotoFonts)) {
    const files: Record<string, string> = {};
    for (const [style, path] of Object.entries(styles)) {
      pdfmake.virtualfs.writeFileSync(basename(path), await readFile(path));
      files[style] = basename(path);
    }
    fonts[family] = files;
  }
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  pdfmake.setLocalAccessPolicy(() => false);
  return pdfmake;
}

const MARGIN = 40;

/** Renders a form on A4 with the office's letterhead, its code and title, and page numbers. */
export async function renderForm(form: FormDocument, letterhead: Letterhead): Promise<Buffer> {
  const definition = {
    pageSize: 'A4',
    pageOrientation: form.orientation ?? 'portrait',
    pageMargins: [MARGIN, MARGIN + 50, MARGIN, MARGIN + 10],
    info: { title: `${form.code} — ${form.title}`, creator: letterhead.officeName },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    styles: {
      office: { fontSize: 11, bold: true },
      title: { fontSize: 14, bold: true, margin: [0, 0, 0, 12] },
      label: { bold: true, color: '#333333' },
      signature: { fontSize: 9, alignment: 'center' },
    },
    images: letterhead.logo ? { logo: dataUrl(letterhead.logo) } : undefined,
    header: () => letterheadBlock(letterhead, form.code),
    footer: (currentPage: number, pageCount: number) => ({
      text: `${currentPage} / ${pageCount}`,
      alignment: 'right',
      fontSize: 8,
      margin: [MARGIN, 10, MARGIN, 0],
    }),
    content: [
      { text: form.title, style: 'title' },
      ...form.body,
      ...(form.signatures?.length ? [signatureLines(form.signatures)] : []),
    ],
  };
  const pdfmake = await pdfmakeReady();
  const document = pdfmake.createPdf(definition);
  return Buffer.from(await document.getBuffer());
}

/** A two-column label/value table; an empty value prints as a dash so a blank is visibly blank. */
export function fieldTable(rows: readonly (readonly [label: string, value: string | null])[]): Content {
  return {
    table: {
      widths: [150, '*'],
      body: rows.map(([label, value]) => [
        { text: label, style: 'label' },
        { text: value === null || value === '' ? '—' : value },
      ]),
    },
    layout: 'lightHorizontalLines',
    margin: [0, 0, 0, 12],
  };
}

export function paragraph(text: string): Content {
  return { text, margin: [0, 0, 0, 8] };
}

function letterheadBlock(letterhead: Letterhead, code: string): Content {
  const columns: Content[] = [];
  if (letterhead.logo) columns.push({ width: 'auto', stack: [{ image: 'logo', fit: [120, 36] }] });
  columns.push({ text: letterhead.officeName, style: 'office', width: '*', margin: [0, 8, 0, 0] });
  columns.push({ text: code, width: 'auto', alignment: 'right', fontSize: 9, margin: [0, 8, 0, 0] });
  return { margin: [MARGIN, 20, MARGIN, 0], columns, columnGap: 12 };
}

const SIGNATURE_HEIGHT = 48;

function signatureLines(lines: readonly SignatureLine[]): Content {
  return {
    margin: [0, 24, 0, 0],
    unbreakable: true,
    columns: lines.map((line) => {
      const { caption, name, drawing } = typeof line === 'string' ? { caption: line, name: null, drawing: null } : line;
      // The drawing sits on the line as a hand signature would; without one, the same blank space is left to sign.
      const above: Content = drawing
        ? { image: drawing, fit: [140, SIGNATURE_HEIGHT], alignment: 'center' }
        : { text: '', margin: [0, SIGNATURE_HEIGHT, 0, 0] };
      return {
        width: '*',
        stack: [
          above,
          { canvas: [{ type: 'line', x1: 10, y1: 0, x2: 150, y2: 0, lineWidth: 0.5 }] },
          ...(name ? [{ text: name, style: 'signature', bold: true, margin: [0, 4, 0, 0] }] : []),
          { text: caption, style: 'signature', margin: [0, name ? 0 : 4, 0, 0] },
        ],
      };
    }),
    columnGap: 16,
  };
}

function dataUrl(image: Buffer): string {
  const type = image[0] === 0x89 ? 'image/png' : 'image/jpeg';
  return `data:${type};base64,${image.toString('base64')}`;
}
