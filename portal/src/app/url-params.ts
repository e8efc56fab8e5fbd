// What the URL may carry, read without trusting it: anything malformed is dropped, never thrown, so a
// mangled link still opens its page. (Hand-written rather than zod to keep the first page's bundle small.)

export function optionalText(value: unknown, maxLength: number): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= maxLength ? value : undefined;
}

export function optionalPositiveInteger(value: unknown): number | undefined {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number > 0 ? number : undefined;
}

export function optionalOneOf<T extends string>(values: readonly T[], value: unknown): T | undefined {
  return values.find((candidate) => candidate === value);
}

/** A path on this site to return to after signing in: never another origin (`//evil.example`, `/\\evil`). */
export function optionalLocalPath(value: unknown): string | undefined {
  const path = optionalText(value, 2000);
  return path && path.startsWith('/') && !path.startsWith('//') && !path.startsWith('/\\') ? path : undefined;
}

export function positiveIntegerParam(value: unknown, max = 2_147_483_647): number | null {
  if (typeof value !== 'string' || !/^[1-9][0-9]{0,9}$/.test(value)) return null;
  const number = Number(value);
  return number <= max ? number : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
