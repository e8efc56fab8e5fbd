import path from 'node:path';
import type { AttachmentStore } from './attachment-store.js';
import { LocalAttachmentStore } from './local-attachment-store.js';
import { S3AttachmentStore } from './s3-attachment-store.js';

/** Where attachment bytes go: the same `ATTACHMENTS_*` settings in every service that writes or reads them. */
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

/**
 * `ATTACHMENTS_DIR` (default `var/attachments` under `cwd`), or an S3-compatible bucket when
 * `ATTACHMENTS_S3_ENDPOINT` is set. Throws one message naming the variable at fault.
 */
export function storeSettingsFromEnv(env: NodeJS.ProcessEnv, cwd = process.cwd()): StoreSettings {
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

export function createAttachmentStore(settings: StoreSettings): AttachmentStore {
  return settings.kind === 's3' ? new S3AttachmentStore(settings) : new LocalAttachmentStore(settings.directory);
}
