import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import {
  AttachmentBytesMissing,
  LocalAttachmentStore,
  S3AttachmentStore,
  type AttachmentStore,
} from '@cau/attachments';

/**
 * The same contract for every AttachmentStore: put streams and returns a key, get streams back,
 * delete is idempotent, and a body that fails leaves nothing. The S3 store is tested only where
 * ATTACHMENTS_S3_TEST_ENDPOINT (and _BUCKET, _ACCESS_KEY, _SECRET_KEY) point to one, e.g. a MinIO.
 */
const s3 = process.env.ATTACHMENTS_S3_TEST_ENDPOINT;
if (!s3) {
  console.warn(
    'ATTACHMENTS_S3_TEST_ENDPOINT is not set: the S3 attachment store tests are SKIPPED (only the local directory store is tested).',
  );
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** A body that yields some bytes and then fails, as a refused or aborted upload does. */
function failingBody(bytes: number): Readable {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) {
        this.destroy(new Error('client went away'));
        return;
      }
      sent += 64 * 1024;
      this.push(Buffer.alloc(64 * 1024, 1));
    },
  });
}

interface Opened {
  store: AttachmentStore;
  leftovers: () => Promise<number>;
  cleanup: () => Promise<void>;
}
interface Case {
  name: string;
  create: () => Promise<Opened>;
}

const cases: Case[] = [
  {
    name: 'local directory',
    create: async () => {
      const dir = await mkdtemp(path.join(tmpdir(), 'cau-store-'));
      return {
        store: new LocalAttachmentStore(dir),
        leftovers: async () =>
          (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).length,
        cleanup: () => rm(dir, { recursive: true, force: true }),
      };
    },
  },
];
if (s3) {
  cases.push({
    name: 'S3-compatible bucket',
    create: async () => {
      const store = new S3AttachmentStore({
        kind: 's3',
        endpoint: s3,
        bucket: process.env.ATTACHMENTS_S3_TEST_BUCKET ?? 'cau-test',
        region: process.env.ATTACHMENTS_S3_TEST_REGION ?? 'us-east-1',
        accessKeyId: process.env.ATTACHMENTS_S3_TEST_ACCESS_KEY ?? 'minioadmin',
        secretAccessKey: process.env.ATTACHMENTS_S3_TEST_SECRET_KEY ?? 'minioadmin',
        forcePathStyle: true,
      });
      return { store, leftovers: () => Promise.resolve(0), cleanup: () => Promise.resolve(store.destroy()) };
    },
  });
}

describe.each(cases)('attachment store: $name', (storeCase) => {
  let opened: Opened;
  let store: AttachmentStore;
  const leftovers = (): Promise<number> => opened.leftovers();

  beforeAll(async () => {
    opened = await storeCase.create();
    store = opened.store;
  });
  afterAll(() => opened.cleanup());

  it('stores a stream and gives it back, byte for byte (also over several parts)', async () => {
    const data = Buffer.alloc(11 * 1024 * 1024 + 7);
    for (let i = 0; i < data.length; i += 4096) data[i] = i % 251;
    const key = await store.put(Readable.from([data.subarray(0, 3_000_000), data.subarray(3_000_000)]));
    expect((await readAll(await store.get(key))).equals(data)).toBe(true);
    await store.delete(key);
    await expect(store.get(key)).rejects.toBeInstanceOf(AttachmentBytesMissing);
    await store.delete(key);
  }, 60_000);

  it('a body that fails leaves nothing behind', async () => {
    const before = await leftovers();
    await expect(store.put(failingBody(6 * 1024 * 1024))).rejects.toThrow('client went away');
    expect(await leftovers()).toBe(before);
  }, 60_000);
});
