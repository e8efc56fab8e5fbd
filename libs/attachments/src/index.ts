export * from './attachment-store.js';
export * from './content-type.js';
export * from './file-name.js';
export * from './local-attachment-store.js';
export * from './s3-attachment-store.js';
export * from './store-settings.js';
