import { attachmentsConfigFromEnv } from './attachments-config.js';

describe('attachmentsConfigFromEnv', () => {
  it('has defaults: 10 MiB per file, 50 MiB per ticket, a local directory under the working directory', () => {
    const config = attachmentsConfigFromEnv({}, '/srv/cau');
    expect(config).toMatchObject({
      maxFileBytes: 10 * 1024 * 1024,
      maxTicketBytes: 50 * 1024 * 1024,
      maxFilesPerRequest: 10,
      stagedTtlSeconds: 86_400,
      store: { kind: 'local', directory: '/srv/cau/var/attachments' },
    });
  });

  it('names every bad variable at once', () => {
    expect(() =>
      attachmentsConfigFromEnv({
        ATTACHMENT_MAX_FILE_BYTES: '10MB',
        ATTACHMENT_MAX_FILES: '0',
        ATTACHMENTS_S3_ENDPOINT: 'minio:9000',
      }),
    ).toThrow(
      /ATTACHMENT_MAX_FILE_BYTES must be a positive integer.*ATTACHMENT_MAX_FILES must be a positive integer.*ATTACHMENTS_S3_ENDPOINT must be an http\(s\) URL/,
    );
  });

  it('refuses a per-file limit above the per-ticket limit', () => {
    expect(() =>
      attachmentsConfigFromEnv({ ATTACHMENT_MAX_FILE_BYTES: '2000', ATTACHMENT_MAX_TICKET_BYTES: '1000' }),
    ).toThrow(/ATTACHMENT_MAX_FILE_BYTES \(2000\) must not exceed ATTACHMENT_MAX_TICKET_BYTES \(1000\)/);
  });

  it('needs bucket and keys with an S3 endpoint', () => {
    expect(() => attachmentsConfigFromEnv({ ATTACHMENTS_S3_ENDPOINT: 'http://minio:9000' })).toThrow(
      /ATTACHMENTS_S3_BUCKET, ATTACHMENTS_S3_ACCESS_KEY, ATTACHMENTS_S3_SECRET_KEY must be set/,
    );
    const config = attachmentsConfigFromEnv({
      ATTACHMENTS_S3_ENDPOINT: 'http://minio:9000',
      ATTACHMENTS_S3_BUCKET: 'cau-attachments',
      ATTACHMENTS_S3_ACCESS_KEY: 'cau',
      ATTACHMENTS_S3_SECRET_KEY: 'secret',
    });
    expect(config.store).toEqual({
      kind: 's3',
      endpoint: 'http://minio:9000',
      bucket: 'cau-attachments',
      region: 'us-east-1',
      accessKeyId: 'cau',
      secretAccessKey: 'secret',
      forcePathStyle: true,
    });
  });
});
