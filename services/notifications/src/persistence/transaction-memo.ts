import type { EntityManager } from 'typeorm';

/**
 * Remembers a read for the rest of one transaction. The consumer applies a batch of up to a few
 * hundred events in one transaction, and reading the same rules or template for every one of them
 * was a database round trip per event; within a transaction they are read once. A change committed
 * meanwhile applies from the next batch on, as it would for events handled after it.
 */
export class TransactionMemo<T> {
  private readonly byTransaction = new WeakMap<EntityManager, Map<string, Promise<T>>>();

  get(tx: EntityManager, key: string, read: () => Promise<T>): Promise<T> {
    let reads = this.byTransaction.get(tx);
    if (!reads) {
      reads = new Map();
      this.byTransaction.set(tx, reads);
    }
    let value = reads.get(key);
    if (!value) {
      value = read();
      reads.set(key, value);
    }
    return value;
  }

  /** The next `get` of `key` in this transaction reads again: the transaction itself changed what was read. */
  forget(tx: EntityManager, key: string): void {
    this.byTransaction.get(tx)?.delete(key);
  }
}
