import 'reflect-metadata';

export * from './enums.js';
export * from './limits.js';
export * from './errors.js';
export * from './validation.js';
export * from './common.js';
export * from './subjects.js';
export * from './commands/register-ticket.js';
export * from './events/envelope.js';
export * from './events/ticket-events.js';
export * from './queries/tickets.js';
export * from './procedures/commands.js';
export * from './procedures/events.js';
export * from './procedures/subjects.js';
export * from './knowledge.js';
export * from './reports.js';
export * from './notifications.js';
export * from './inbound-mail.js';
