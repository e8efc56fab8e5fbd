export * from './infrastructure.js';
export * from './processes.js';
export * from './nats-server.js';
export * from './smtp.js';
export * from './platform.js';
export * from './api-client.js';
export * from './oidc-provider.js';
export * from './pdf-text.js';
