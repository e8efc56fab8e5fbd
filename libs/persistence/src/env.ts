export function positiveIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 1, 'a positive integer');
}

export function nonNegativeIntFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  return intFromEnv(env, name, fallback, 0, 'a whole number (0 or more)');
}

function intFromEnv(env: NodeJS.ProcessEnv, name: string, fallback: number, least: number, wanted: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < least) throw new Error(`${name} must be ${wanted}, got "${raw}"`);
  return value;
}
