/** Readers of environment values shared by the service's configuration parts; errors name the variable. */

/** An e-mail address as configuration gives it (no display name). */
export const ADDRESS = /^[^@\s,=<>]+@[^@\s,=<>]+\.[^@\s,=<>]+$/;

export function value(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const raw = env[name]?.trim();
  return raw === undefined || raw === '' ? undefined : raw;
}

export function positiveInteger(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = value(env, name);
  if (raw === undefined) return fallback;
  const parsed = Number(raw);
  if (!Number.isSafeInteger(parsed) || parsed <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return parsed;
}

/** `a@example.gob, b@example.gob`: comma-separated addresses, lower case, without repeats. */
export function addressList(env: NodeJS.ProcessEnv, name: string): string[] {
  const addresses = new Set<string>();
  for (const entry of (value(env, name) ?? '').split(',').map((part) => part.trim().toLowerCase())) {
    if (entry === '') continue;
    if (!ADDRESS.test(entry)) {
      throw new Error(`${name} must be comma-separated addresses such as a@example.gob, got "${entry}"`);
    }
    addresses.add(entry);
  }
  return [...addresses];
}
