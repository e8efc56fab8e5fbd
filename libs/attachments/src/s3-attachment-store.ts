import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
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
  private readonly bucket: string;
  /**
   * The AWS SDK is loaded, and the client made, by the first use: loading it took about a second of every
   * start of the services that hold a store, S3 configured or not, and restarts must be quick.
   */
  private sdk: Promise<Sdk> | null = null;
  private client: S3Client | null = null;

  constructor(private readonly settings: Extract<StoreSettings, { kind: 's3' }>) {
    super();
    this.bucket = settings.bucket;
    this.description = `bucket ${settings.bucket} at ${settings.endpoint}`;
  }

  private connected(): Promise<Sdk> {
    this.sdk ??= Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]).then(([s3, storage]) => {
      const { endpoint, region, forcePathStyle, accessKeyId, secretAccessKey } = this.settings;
      this.client = new s3.S3Client({
        endpoint,
        region,
        forcePathStyle,
        credentials: { accessKeyId, secretAccessKey },
      });
      return { s3, Upload: storage.Upload, client: this.client };
    });
    return this.sdk;
  }

  async put(body: Readable): Promise<string> {
    const key = `attachments/${randomUUID()}`;
    const { Upload, client } = await this.connected();
    const upload = new Upload({
      client,
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
    const { s3, client } = await this.connected();
    try {
      const answer = await client.send(new s3.GetObjectCommand({ Bucket: this.bucket, Key: key }));
      if (!(answer.Body instanceof Readable)) throw new Error(`S3 answered ${key} without a stream`);
      return answer.Body;
    } catch (error) {
      if (error instanceof s3.NoSuchKey) throw new AttachmentBytesMissing(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    const { s3, client } = await this.connected();
    await client.send(new s3.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  removeAbandoned(): Promise<number> {
    return Promise.resolve(0);
  }

  destroy(): void {
    this.client?.destroy();
  }
}

interface Sdk {
  s3: typeof import('@aws-sdk/client-s3');
  Upload: typeof import('@aws-sdk/lib-storage').Upload;
  client: S3Client;
}
