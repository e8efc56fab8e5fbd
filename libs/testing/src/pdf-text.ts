import { execFile } from 'node:child_process';

// unpdf (PDF.js) is an ES module that loads its bundle with a dynamic import, which Jest's CommonJS
// sandbox refuses; a plain Node process reads the PDF instead, from the repository's node_modules.
const EXTRACT = `
import { extractText, getDocumentProxy } from 'unpdf';
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const document = await getDocumentProxy(new Uint8Array(Buffer.concat(chunks)));
const { text } = await extractText(document, { mergePages: true });
process.stdout.write(text);
`;

/** The text of every page of a PDF, in order, for tests that read back what we generated. */
export function pdfText(bytes: Uint8Array): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--input-type=module', '--eval', EXTRACT],
      { maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) =>
        error ? reject(new Error(`reading the PDF failed: ${stderr || error.message}`)) : resolve(stdout),
    );
    child.stdin?.end(Buffer.from(bytes));
  });
}
