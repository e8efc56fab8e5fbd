import path from 'node:path';
import { positiveInt } from '@cau/messaging';

export type StoreSettings =
  | { kind: 'local'; directory: string }
  | {
      kind: 's3';
      endpoint: string;
      bucket: string;
      region: string;
      accessKeyId: string;
      secretAccessKey: string;
      forcePathStyle: boolean;
    };

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
  const store = attempt((): StoreSettings => storeFromEnv(env, cwd), { kind: 'local', directory: '' });
  if (problems.length > 0) throw new Error(`invalid gateway configuration: ${problems.join('; ')}`);
  return new AttachmentsConfig(maxFile, maxTicket, maxFiles, ttl, purge, store);
}

function storeFromEnv(env: NodeJS.ProcessEnv, cwd: string): StoreSettings {
  const endpoint = env.ATTACHMENTS_S3_ENDPOINT?.trim() ?? '';
  if (endpoint === '') {
    const directory = env.ATTACHMENTS_DIR?.trim() || 'var/attachments';
    return { kind: 'local', directory: path.resolve(cwd, directory) };
  }
  let url: URL | null = null;
  try {
    url = new URL(endpoint);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol)) {
    throw new Error(`ATTACHMENTS_S3_ENDPOINT must be an http(s) URL, got "${endpoint}"`);
  }
  const missing = ['ATTACHMENTS_S3_BUCKET', 'ATTACHMENTS_S3_ACCESS_KEY', 'ATTACHMENTS_S3_SECRET_KEY'].filter(
    (name) => (env[name]?.trim() ?? '') === '',
  );
  if (missing.length > 0) throw new Error(`${missing.join(', ')} must be set with ATTACHMENTS_S3_ENDPOINT`);
  const bucket = env.ATTACHMENTS_S3_BUCKET!.trim();
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new Error(`ATTACHMENTS_S3_BUCKET is not a valid bucket name: "${bucket}"`);
  }
  const pathStyle = (env.ATTACHMENTS_S3_FORCE_PATH_STYLE ?? 'true').trim().toLowerCase();
  if (!['true', 'false'].includes(pathStyle)) {
    throw new Error(`ATTACHMENTS_S3_FORCE_PATH_STYLE must be true or false, got "${pathStyle}"`);
  }
  return {
    kind: 's3',
    endpoint,
    bucket,
    region: env.ATTACHMENTS_S3_REGION?.trim() || 'us-east-1',
    accessKeyId: env.ATTACHMENTS_S3_ACCESS_KEY!.trim(),
    secretAccessKey: env.ATTACHMENTS_S3_SECRET_KEY!,
    forcePathStyle: pathStyle === 'true',
  };
}
