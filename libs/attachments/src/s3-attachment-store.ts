import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { AttachmentBytesMissing, AttachmentStore } from './attachment-store.js';
import type { StoreSettings } from './store-settings.js';

/** The S3 minimum; lib-storage holds at most QUEUE_SIZE parts of this size per upload. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

/**
 * An S3-compatible bucket (MinIO, Ceph, AWS). Uploads are multipart uploads, which S3 shows only once
 * completed; a failed body aborts the upload, so nothing half-written is ever visible. Incomplete
 * uploads of a crashed gateway are removed by the bucket's lifecycle rule
 * (AbortIncompleteMultipartUpload), see deploy/README.md.
 */
export class S3AttachmentStore extends AttachmentStore {
  readonly description: string;
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(settings: Extract<StoreSettings, { kind: 's3' }>) {
    super();
    this.bucket = settings.bucket;
    this.description = `bucket ${settings.bucket} at ${settings.endpoint}`;
    this.client = new S3Client({
      endpoint: settings.endpoint,
      region: settings.region,
      forcePathStyle: settings.forcePathStyle,
      credentials: { accessKeyId: settings.accessKeyId, secretAccessKey: settings.secretAccessKey },
    });
  }

  async put(body: Readable): Promise<string> {
    const key = `attachments/${randomUUID()}`;
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: QUEUE_SIZE,
      leavePartsOnError: false,
    });
    // The body's own failure must reach the upload even when lib-storage is waiting for a part.
    const failed = new Promise<never>((_resolve, reject) => body.once('error', reject));
    failed.catch(() => undefined); // observed through the race below; never an unhandled rejection
    try {
      await Promise.race([upload.done(), failed]);
      return key;
    } catch (error) {
      await upload.abort().catch(() => undefined);
      // A single-part upload may have completed as a plain PutObject before the body failed.
      await this.delete(key).catch(() => undefined);
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(answer.Body instanceof Readable)) throw new Error(`S3 answered ${key} without a stream`);
      return answer.Body;
    } catch (error) {
      if (error instanceof NoSuchKey) throw new AttachmentBytesMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  removeAbandoned(): Promise<number> {
    return Promise.resolve(0);
  }

  destroy(): void {
    this.client.destroy();
  }
}
