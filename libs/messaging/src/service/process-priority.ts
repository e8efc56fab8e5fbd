import { setPriority } from 'node:os';

/** The nice value a service whose work is in the background takes at start, unless `CAU_NICE` says another. */
export const BACKGROUND_NICE = 10;

/**
 * The nice value this process should run at: `CAU_NICE` when set (an integer from -20, the most CPU, to 19,
 * the least), else `BACKGROUND_NICE` for a service whose work is in the background, else none (the process
 * keeps the priority it was started with).
 */
export function processNice(background: boolean, env: NodeJS.ProcessEnv): number | null {
  const configured = env.CAU_NICE?.trim();
  if (configured === undefined || configured === '') return background ? BACKGROUND_NICE : null;
  const nice = Number(configured);
  if (!/^-?\d+$/.test(configured) || nice < -20 || nice > 19) {
    throw new Error(`CAU_NICE must be an integer from -20 to 19 (it is "${configured}")`);
  }
  return nice;
}

/**
 * Sets the process's CPU priority (`processNice`) before anything else runs. On Linux this is the main
 * thread's, which does nearly all of a service's work, and the threads it starts later (libuv's pool) inherit it.
 * A raise the process may not make (below its current nice, unprivileged) is reported, not fatal.
 */
export function applyProcessPriority(
  background: boolean,
  env: NodeJS.ProcessEnv,
  warn: (message: string) => void,
  set: (nice: number) => void = (nice) => setPriority(nice),
): number | null {
  const nice = processNice(background, env);
  if (nice === null) return null;
  try {
    set(nice);
    return nice;
  } catch (error) {
    warn(`could not set the CPU priority to nice ${nice}: ${(error as Error).message}`);
    return null;
  }
}
