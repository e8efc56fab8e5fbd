import type { EntityManager } from 'typeorm';
import { TransactionMemo } from './transaction-memo.js';

describe('a read remembered for one transaction', () => {
  const first = {} as EntityManager;
  const second = {} as EntityManager;

  it('reads once per transaction and key', async () => {
    const memo = new TransactionMemo<string>();
    let reads = 0;
    const read = (value: string) => () => Promise.resolve(`${value}${++reads}`);
    expect(await memo.get(first, 'a', read('a'))).toBe('a1');
    expect(await memo.get(first, 'a', read('a'))).toBe('a1');
    expect(await memo.get(first, 'b', read('b'))).toBe('b2');
    expect(await memo.get(second, 'a', read('a'))).toBe('a3');
    expect(reads).toBe(3);
  });
});
