import { storeSettingsFromEnv, type StoreSettings } from '@cau/attachments';
import { positiveInt } from '@cau/messaging';

/** Attachment limits and where the bytes go, read once at boot. Injected by class. */
export class AttachmentsConfig {
  constructor(
    readonly maxFileBytes: number,
    readonly maxTicketBytes: number,
    /** Files in one upload request. */
    readonly maxFilesPerRequest: number,
    /** A staged file never attached to a ticket is deleted this long after its upload. */
    readonly stagedTtlSeconds: number,
    readonly purgeIntervalSeconds: number,
    readonly store: StoreSettings,
  ) {}
}

const MiB = 1024 * 1024;

/** Every problem at once, each naming its variable, so a bad deployment is fixed in one round. */
export function attachmentsConfigFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): AttachmentsConfig {
  const problems: string[] = [];
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return fallback;
    }
  };
  const maxFile = attempt(() => positiveInt(env.ATTACHMENT_MAX_FILE_BYTES, 10 * MiB, 'ATTACHMENT_MAX_FILE_BYTES'), 0);
  const maxTicket = attempt(
    () => positiveInt(env.ATTACHMENT_MAX_TICKET_BYTES, 50 * MiB, 'ATTACHMENT_MAX_TICKET_BYTES'),
    0,
  );
  const maxFiles = attempt(() => positiveInt(env.ATTACHMENT_MAX_FILES, 10, 'ATTACHMENT_MAX_FILES'), 0);
  const ttl = attempt(
    () => positiveInt(env.ATTACHMENT_STAGED_TTL_SECONDS, 24 * 3600, 'ATTACHMENT_STAGED_TTL_SECONDS'),
    0,
  );
  const purge = attempt(
    () => positiveInt(env.ATTACHMENT_PURGE_INTERVAL_SECONDS, 3600, 'ATTACHMENT_PURGE_INTERVAL_SECONDS'),
    0,
  );
  if (maxFile > 0 && maxTicket > 0 && maxFile > maxTicket) {
    problems.push(`ATTACHMENT_MAX_FILE_BYTES (${maxFile}) must not exceed ATTACHMENT_MAX_TICKET_BYTES (${maxTicket})`);
  }
  const store = attempt((): StoreSettings => storeSettingsFromEnv(env, cwd), { kind: 'local', directory: '' });
  if (problems.length > 0) throw new Error(`invalid gateway configuration: ${problems.join('; ')}`);
  return new AttachmentsConfig(maxFile, maxTicket, maxFiles, ttl, purge, store);
}
