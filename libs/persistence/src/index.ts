export * from './config.js';
export * from './env.js';
export * from './data-source.js';
export * from './database-errors.js';
export * from './directory-search.js';
export * from './rows.js';
export * from './prepared-statements.js';
