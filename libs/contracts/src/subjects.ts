/*
 * Request/reply subjects are declared in rpc/<service>/ (defineCommand, defineQuery). NEVER rename a subject
 * in place: running instances of older versions still listen on it. Add a new subject and retire the old one
 * after a release. The deployment prefix (`NATS_SUBJECT_PREFIX`, default `cau`) is prepended by the messaging
 * library.
 */

/** Queue groups: one per service, so replicas share the load. */
export const QueueGroups = {
  intake: 'intake',
  routing: 'routing',
  resolution: 'resolution',
  knowledge: 'knowledge',
  notifications: 'notifications',
  reporting: 'reporting',
  inventory: 'inventory',
} as const;
