import { pino } from 'pino';
import { startWorker } from './worker.js';

const logger = pino({ level: 'silent' });
const HOUR = 3_600_000;

/** Resolves when `condition` holds, checking after every macrotask (the worker's passes are promise chains). */
async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('startWorker', () => {
  it('runs the first pass at once and rests a whole interval after a pass that left nothing to do', async () => {
    let passes = 0;
    const worker = startWorker({ name: 'test', logger, intervalMs: HOUR, run: async () => void passes++ });
    await until(() => passes === 1, 'the first pass');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(passes).toBe(1);
    await worker.stop();
  });

  it('starts the next pass at once while a pass says more is waiting', async () => {
    let left = 5;
    const worker = startWorker({ name: 'test', logger, intervalMs: HOUR, run: async () => --left > 0 });
    await until(() => left === 0, 'the backlog drained');
    await worker.stop();
  });

  it('cuts the rest short when woken, and does not rest when woken during a pass', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: HOUR,
      run: async () => {
        passes++;
        if (passes === 2) await new Promise<void>((resolve) => (release = resolve));
      },
    });
    await until(() => passes === 1, 'the first pass');
    worker.wake();
    await until(() => passes === 2, 'the woken pass');
    worker.wake();
    release();
    await until(() => passes === 3, 'the pass after a wake-up during a pass');
    await worker.stop();
  });

  it('never overlaps its own passes', async () => {
    let inPass = 0;
    let most = 0;
    let passes = 0;
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: 1,
      run: async () => {
        inPass++;
        most = Math.max(most, inPass);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inPass--;
        passes++;
      },
    });
    for (let i = 0; i < 20; i++) worker.wake();
    await until(() => passes >= 10, 'ten passes');
    await worker.stop();
    expect(most).toBe(1);
  });

  it('reports failures with their count and rests the back-off before the next pass', async () => {
    const failures: number[] = [];
    const backoffs: number[] = [];
    let passes = 0;
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: HOUR,
      run: async () => {
        if (++passes <= 3) throw new Error('database down');
        return passes < 5;
      },
      backoffMs: (count) => {
        backoffs.push(count);
        return 1;
      },
      onError: (_error, count) => failures.push(count),
    });
    await until(() => passes === 5, 'recovery');
    await worker.stop();
    expect(failures).toEqual([1, 2, 3]);
    expect(backoffs).toEqual([1, 2, 3]);
  });

  it('stops promptly: the pass in progress sees the abort and no rest is waited out', async () => {
    let sawAbort = false;
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: HOUR,
      run: async (stopping) => {
        await new Promise<void>((resolve) => stopping.addEventListener('abort', () => resolve()));
        sawAbort = stopping.aborted;
      },
    });
    await worker.stop();
    expect(sawAbort).toBe(true);
  });

  it('waits an interval before the first pass when asked to, and stops during that wait', async () => {
    let passes = 0;
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: HOUR,
      firstPassAfterInterval: true,
      run: async () => void passes++,
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    expect(passes).toBe(0);
  });

  it('runs `concurrency` passes side by side, all woken together', async () => {
    let inPass = 0;
    let most = 0;
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => (release = resolve));
    const worker = startWorker({
      name: 'test',
      logger,
      intervalMs: HOUR,
      concurrency: 3,
      run: async () => {
        inPass++;
        most = Math.max(most, inPass);
        await released;
        inPass--;
      },
    });
    await until(() => most === 3, 'three passes at once');
    release();
    await worker.stop();
  });
});
