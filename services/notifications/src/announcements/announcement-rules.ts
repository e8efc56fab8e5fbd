import {
  AnnouncementAudience,
  STAFF_ROLES,
  type AnnouncementInputV1,
  type AnnouncementV1,
  type FieldProblem,
  type Role,
} from '@cau/contracts';
import type { AnnouncementState } from './announcement.repository.js';

/**
 * What is stored from what an administrator wrote, or the problems, each naming its field under
 * `prefix`: codes not in intake's active catalogue, an end not after the start. Jurisdiction codes are
 * kept once each, in the order given; an announcement for everyone has none.
 */
export function announcementState(
  input: AnnouncementInputV1,
  activeJurisdictions: ReadonlySet<string>,
  prefix = 'announcement',
): { ok: true; state: AnnouncementState } | { ok: false; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const forEveryone = input.audience === AnnouncementAudience.Everyone;
  const jurisdictions = forEveryone ? [] : [...new Set(input.jurisdictions ?? [])];
  if (!forEveryone) {
    (input.jurisdictions ?? []).forEach((code, index) => {
      if (!activeJurisdictions.has(code)) {
        problems.push({
          field: `${prefix}.jurisdictions.${index}`,
          constraint: 'inactiveCatalogueValue',
          params: ['jurisdiction', code],
        });
      }
    });
  }
  const validFrom = new Date(input.validFrom);
  const validUntil = input.validUntil ? new Date(input.validUntil) : null;
  if (validUntil && validUntil.getTime() <= validFrom.getTime()) {
    problems.push({ field: `${prefix}.validUntil`, constraint: 'dateRange', params: ['validFrom'] });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    state: {
      kind: input.kind,
      title: input.title.trim(),
      body: input.body.replace(/\r\n?/g, '\n').trim(),
      language: input.language,
      audience: input.audience,
      jurisdictions,
      validFrom: validFrom.toISOString(),
      validUntil: validUntil ? validUntil.toISOString() : null,
    },
  };
}

/** Inside its validity window at `now`: from `validFrom` (included) until `validUntil` (excluded). */
export function isValidAt(announcement: Pick<AnnouncementV1, 'validFrom' | 'validUntil'>, now: Date): boolean {
  const t = now.getTime();
  if (new Date(announcement.validFrom).getTime() > t) return false;
  return announcement.validUntil === null || new Date(announcement.validUntil).getTime() > t;
}

/**
 * Whether a signed-in person is in the audience. Everyone is; for some jurisdictions, the people of
 * those jurisdictions (a referente's own, a requester's latest ticket's) and the desk's staff, who answer
 * those people's calls and must know what they were told.
 */
export function isInAudience(
  announcement: Pick<AnnouncementV1, 'audience' | 'jurisdictions'>,
  person: { role: Role; jurisdiction: string | null },
): boolean {
  if (announcement.audience === AnnouncementAudience.Everyone) return true;
  if (STAFF_ROLES.includes(person.role)) return true;
  return person.jurisdiction !== null && announcement.jurisdictions.includes(person.jurisdiction);
}
