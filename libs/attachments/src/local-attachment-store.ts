import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AttachmentBytesMissing, AttachmentStore } from './attachment-store.js';

const KEY = /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f-]{36}$/;
const INCOMING = '.incoming';

/**
 * Files in a directory (the embedded default). A file is written to `.incoming/` and renamed into
 * place when complete, so a key never names a partial file; rename is atomic within one file system.
 */
export class LocalAttachmentStore extends AttachmentStore {
  readonly description: string;

  constructor(private readonly directory: string) {
    super();
    this.description = `directory ${directory}`;
  }

  async put(body: Readable): Promise<string> {
    const id = randomUUID();
    const key = `${id.slice(0, 2)}/${id.slice(2, 4)}/${id}`;
    const incoming = path.join(this.directory, INCOMING, `${id}.part`);
    await mkdir(path.dirname(incoming), { recursive: true });
    try {
      const out = createWriteStream(incoming, { flags: 'wx' });
      await pipeline(body, out);
      const target = this.pathOf(key);
      await mkdir(path.dirname(target), { recursive: true });
      await rename(incoming, target);
      return key;
    } catch (error) {
      await rm(incoming, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const handle = await open(this.pathOf(key), 'r');
      return handle.createReadStream();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new AttachmentBytesMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async removeAbandoned(before: Date): Promise<number> {
    const dir = path.join(this.directory, INCOMING);
    let removed = 0;
    const names = await readdir(dir).catch(() => [] as string[]);
    for (const name of names) {
      const file = path.join(dir, name);
      const info = await stat(file).catch(() => null);
      if (info && info.mtime < before) {
        await rm(file, { force: true });
        removed++;
      }
    }
    return removed;
  }

  private pathOf(key: string): string {
    if (!KEY.test(key)) throw new Error(`not a local attachment key: ${key}`);
    return path.join(this.directory, ...key.split('/'));
  }
}
