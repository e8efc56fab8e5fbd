import { ApiError } from '../../api/client';

/** What the console does, in order, when the operator solved the call with an article (9.1 steps 1–8). */
export const FIRST_CONTACT_STEPS = ['register', 'take', 'solution', 'submit'] as const;
export type FirstContactStep = (typeof FIRST_CONTACT_STEPS)[number];

export type StepState =
  { state: 'pending' } | { state: 'running' } | { state: 'done' } | { state: 'refused'; reason: string };
export type StepStates = Record<FirstContactStep, StepState>;

export const pendingSteps = (): StepStates => ({
  register: { state: 'pending' },
  take: { state: 'pending' },
  solution: { state: 'pending' },
  submit: { state: 'pending' },
});

/** A step the service refused: which one, and the service's reason in the portal's language. */
export class StepRefused extends Error {
  constructor(
    readonly step: FirstContactStep,
    readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * A new ticket reaches resolution through events, a moment after intake numbered it: until then an
 * action on it is answered "not found". The call is repeated while that is the answer (and only that:
 * any other refusal is the service's word), up to `timeoutMs`.
 */
export async function untilKnown<T>(
  call: () => Promise<T>,
  { timeoutMs = 20_000, intervalMs = 300, sleep = defaultSleep } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const notYet = error instanceof ApiError && error.status === 404;
      if (!notYet || Date.now() + intervalMs > deadline) throw error;
      await sleep(intervalMs);
    }
  }
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
