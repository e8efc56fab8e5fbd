import { IANAZone } from 'luxon';
import { AREA_CODE_PATTERN, DefaultArea } from '@cau/contracts';
import { positiveIntFromEnv } from '@cau/persistence';

/**
 * The areas whose commands this instance serves: `CAU_AREAS` (comma-separated) or `CAU_AREA` (one);
 * every default area when neither is set. A deployment that names its own areas lists them here.
 */
export function servedAreasFromEnv(env: NodeJS.ProcessEnv): string[] {
  const list = env.CAU_AREAS?.trim();
  const one = env.CAU_AREA?.trim();
  if (list && one) throw new Error('set CAU_AREAS or CAU_AREA, not both');
  const source = list ? 'CAU_AREAS' : 'CAU_AREA';
  const raw = list || one;
  if (!raw) return Object.values(DefaultArea);
  const areas = raw.split(',').map((area) => area.trim());
  const invalid = areas.filter((area) => !AREA_CODE_PATTERN.test(area));
  if (invalid.length > 0) {
    throw new Error(
      `${source} must list area codes (upper-case letters, digits and _, starting with a letter), got ${invalid
        .map((a) => `"${a}"`)
        .join(', ')}`,
    );
  }
  return [...new Set(areas)];
}

/**
 * An instance started without an area list serves every area, including those an administrator adds
 * while it runs (they are not in `DefaultArea`): see `PrefixedNatsServer`'s other areas.
 */
export function servesEveryAreaFromEnv(env: NodeJS.ProcessEnv): boolean {
  return !env.CAU_AREAS?.trim() && !env.CAU_AREA?.trim();
}

/** Resolution's own settings, read once at start; a bad value stops the start with its variable named. */
export class ResolutionSettings {
  constructor(
    /** Zone of the default business calendar. */
    readonly timeZone: string,
    readonly reopenWindowDays: number,
    readonly slaSweepIntervalMs: number,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): ResolutionSettings {
    const timeZone = env.CAU_TIME_ZONE?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!IANAZone.isValidZone(timeZone)) {
      throw new Error(
        `CAU_TIME_ZONE must be an IANA time zone such as America/Argentina/Buenos_Aires, got "${timeZone}"`,
      );
    }
    return new ResolutionSettings(
      timeZone,
      positiveIntFromEnv(env, 'RESOLUTION_REOPEN_WINDOW_DAYS', 10),
      positiveIntFromEnv(env, 'SLA_SWEEP_INTERVAL_MS', 30_000),
    );
  }
}
