/**
 * The part of pdfmake's server API we use. @types/pdfmake is not used: it pulls the DOM library into the
 * whole program (`/// <reference lib="dom" />`), which changes Node's Buffer and fetch types everywhere.
 */
declare module 'pdfmake' {
  interface CreatedPdf {
    getBuffer(): Promise<Buffer>;
  }
  const pdfmake: {
    createPdf(definition: object): CreatedPdf;
    setFonts(fonts: Record<string, Record<string, string>>): void;
    setUrlAccessPolicy(policy: (url: string) => boolean): void;
    setLocalAccessPolicy(policy: (path: string) => boolean): void;
    /** The in-memory file system fonts are read from. */
    virtualfs: { writeFileSync(filename: string, content: Buffer): void };
  };
  export default pdfmake;
}

/** pdfmake's bundled font descriptor (CommonJS): absolute paths of the Roboto files per style. */
declare module 'pdfmake/fonts/Roboto.js' {
  const fonts: Record<string, Record<'normal' | 'bold' | 'italics' | 'bolditalics', string>>;
  export default fonts;
}
