export * from './infrastructure.js';
export * from './processes.js';
export * from './smtp.js';
