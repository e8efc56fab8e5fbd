import type { Readable } from 'node:stream';

/**
 * Where attachment bytes live. `put` is all or nothing: it resolves with the key once every byte is
 * stored, and when the body fails (a refused file, a client that went away) it rejects and leaves
 * nothing behind. Keys are the store's own; the gateway's table keeps them.
 */
export abstract class AttachmentStore {
  abstract readonly description: string;

  abstract put(body: Readable): Promise<string>;

  /** The stored bytes; rejects with AttachmentBytesMissing when the key holds nothing. */
  abstract get(key: string): Promise<Readable>;

  /** Idempotent: deleting a missing key is not an error. */
  abstract delete(key: string): Promise<void>;

  /** Removes what failed writes of crashed processes left behind (older than `before`). */
  abstract removeAbandoned(before: Date): Promise<number>;
}

export class AttachmentBytesMissing extends Error {
  constructor(readonly key: string) {
    super(`attachment bytes missing for key ${key}`);
  }
}
