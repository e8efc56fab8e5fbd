import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createTransport } from 'nodemailer';
import { pino } from 'pino';
import { startDevMailbox, type DevMailbox } from '../src/dev-mailbox.js';

describe('development mailbox', () => {
  let dir: string;
  let mailbox: DevMailbox;
  const lines: string[] = [];

  beforeAll(async () => {
    dir = path.join(await mkdtemp(path.join(tmpdir(), 'cau-mailbox-')), 'mail');
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    mailbox = await startDevMailbox({ port: 0, dir, logger: pino(sink) });
  });

  afterAll(async () => {
    await mailbox?.close();
    await rm(path.dirname(dir), { recursive: true, force: true });
  });

  it('accepts any mail, with or without credentials, and writes each to its own .eml file', async () => {
    const plain = createTransport({ host: '127.0.0.1', port: mailbox.port });
    const withLogin = createTransport({ host: '127.0.0.1', port: mailbox.port, auth: { user: 'any', pass: 'thing' } });
    await plain.sendMail({ from: 'cau@localhost', to: 'maria@salud.gob', subject: '[CAU #1] Hola', text: 'uno' });
    await withLogin.sendMail({ from: 'cau@localhost', to: 'jose@salud.gob', subject: '[CAU #2] Adiós', text: 'dos' });
    plain.close();
    withLogin.close();

    const files = (await readdir(dir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z-\d+\.eml$/);
    const contents = await Promise.all(files.map((file) => readFile(path.join(dir, file), 'utf8')));
    expect(contents.join('\n')).toContain('To: maria@salud.gob');
    expect(contents.join('\n')).toContain('To: jose@salud.gob');

    const logged = lines.map((line) => JSON.parse(line) as { to?: string[]; subject?: string; msg: string });
    expect(logged.filter((entry) => entry.msg === 'mail received')).toEqual([
      expect.objectContaining({ to: ['maria@salud.gob'], subject: '[CAU #1] Hola' }),
      expect.objectContaining({ to: ['jose@salud.gob'], subject: '[CAU #2] Adiós' }),
    ]);
  });
});
