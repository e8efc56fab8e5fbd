import type { Logger } from 'pino';

export interface WorkerOptions {
  /** Names the worker in its logs. */
  name: string;
  logger: Logger;
  /** Rest between passes when a pass left nothing to do (the safety-net poll of a worker that is woken). */
  intervalMs: number;
  /**
   * One pass. Resolves true when more work is waiting, so the next pass starts at once. `stopping` is
   * aborted when the worker is asked to stop: a long pass checks it between items to end promptly.
   */
  run: (stopping: AbortSignal) => Promise<boolean | void>;
  /** Rest after the `failures`-th failed pass in a row (default: `intervalMs`). */
  backoffMs?: (failures: number) => number;
  /** Reports a failed pass (default: logged as an error); the worker goes on after its back-off. */
  onError?: (error: unknown, failures: number) => void;
  /** Rest one interval before the first pass (default: the first pass starts at once). */
  firstPassAfterInterval?: boolean;
  /** Passes running side by side, each resting and woken on its own (default 1). */
  concurrency?: number;
}

export interface Worker {
  /** New work is there: a resting pass starts now, and a running one is followed at once by another. */
  wake(): void;
  /** Lets the passes in progress finish, then resolves; no pass starts after it is called. */
  stop(): Promise<void>;
}

/**
 * The one background loop of the services (outbox relay, mail sender, IMAP poller, inbound processor,
 * report scheduler, SLA sweeper): passes never overlap within a loop, rest between passes unless woken,
 * back off after failures, and stop promptly.
 */
export function startWorker(options: WorkerOptions): Worker {
  const stopping = new AbortController();
  let wakeUp = newSignal();
  const wake = (): void => {
    const woken = wakeUp;
    wakeUp = newSignal();
    woken.resolve();
  };
  const backoffMs = options.backoffMs ?? (() => options.intervalMs);
  const onError =
    options.onError ??
    ((error: unknown, failures: number) =>
      options.logger.error({ err: error, failures, worker: options.name }, `${options.name} failed; will retry`));

  const loop = async (): Promise<void> => {
    let failures = 0;
    if (options.firstPassAfterInterval) await rest(wakeUp.promise, options.intervalMs);
    while (!stopping.signal.aborted) {
      // Taken before the pass: a wake-up during the pass means work that the pass may have missed.
      const wokenDuringPass = wakeUp.promise;
      try {
        const more = await options.run(stopping.signal);
        failures = 0;
        if (more === true || stopping.signal.aborted) continue;
        await rest(wokenDuringPass, options.intervalMs);
      } catch (error) {
        failures += 1;
        reportSafely(onError, error, failures, options);
        // Only a wake-up after the failure cuts the back-off short, so a failing pass is not retried in a hot loop.
        if (!stopping.signal.aborted) await rest(wakeUp.promise, backoffMs(failures));
      }
    }
  };
  const loops = Promise.all(Array.from({ length: options.concurrency ?? 1 }, loop));

  return {
    wake,
    async stop() {
      stopping.abort();
      wake();
      await loops;
    },
  };
}

function reportSafely(
  onError: (error: unknown, failures: number) => void,
  error: unknown,
  failures: number,
  options: WorkerOptions,
): void {
  try {
    onError(error, failures);
  } catch (reportError) {
    options.logger.error({ err: reportError, worker: options.name }, 'worker error report failed');
  }
}

/** Until `woken` resolves or `ms` pass, whichever comes first. */
async function rest(woken: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([woken, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]);
  clearTimeout(timer);
}

function newSignal(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
