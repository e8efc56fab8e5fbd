import {
  DiscardPolicy,
  JetStreamApiError,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { Subjects, advisoryStreamName, type MessagingConfig } from '../config.js';

const DAY_MS = 24 * 3_600_000;

/**
 * Creates (or updates) the domain-event stream, its dead-letter stream and the stream of JetStream's
 * max-deliveries advisories about it. Events are kept for a long
 * time so read models can be rebuilt; dead letters are kept until someone replays or deletes them.
 */
export async function ensureStreams(jsm: JetStreamManager, config: MessagingConfig): Promise<void> {
  const subjects = new Subjects(config);
  await upsertStream(jsm, {
    name: config.eventsStream,
    subjects: [subjects.allEvents()],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(365 * DAY_MS),
    duplicate_window: nanos(config.duplicateWindowMs),
    num_replicas: config.streamReplicas,
  });
  await upsertStream(jsm, {
    name: config.deadLetterStream,
    subjects: [subjects.allDeadLetters()],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: 0,
    num_replicas: config.streamReplicas,
  });
  // JetStream publishes an advisory, on core NATS only, when a consumer reaches max_deliver and stops
  // delivering a message. Kept in a stream, none is missed while the consumer's service is down; each
  // durable consumer reads its own and dead-letters the message it names.
  await upsertStream(jsm, {
    name: advisoryStreamName(config),
    subjects: [subjects.allMaxDeliveriesAdvisories(config.eventsStream)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(90 * DAY_MS),
    num_replicas: config.streamReplicas,
  });
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }): Promise<void> {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if (isNotFound(error)) {
      try {
        await jsm.streams.add(config);
      } catch (addError) {
        // Another instance created it first: fine, the configuration is the same.
        if (!String(addError).includes('already in use')) throw addError;
      }
      return;
    }
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof JetStreamApiError) return error.code === 404 || /not found/i.test(error.message);
  return /not found/i.test(String(error));
}
