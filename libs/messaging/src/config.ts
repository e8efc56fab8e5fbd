/**
 * Messaging settings, read once from the environment. Tests give each file its own subject prefix and
 * stream names so that files running against the same NATS server never see each other's messages.
 */
export interface MessagingConfig {
  natsUrl: string;
  /** First token of every subject of this deployment (`cau` by default). */
  subjectPrefix: string;
  eventsStream: string;
  deadLetterStream: string;
  /** How long a request/reply call waits before it is reported as a timeout. */
  requestTimeoutMs: number;
  /** JetStream server-side de-duplication window for `Nats-Msg-Id`. */
  duplicateWindowMs: number;
  /** Replicas of the event streams: 1 on a single server, 3 on a JetStream cluster. */
  streamReplicas: number;
}

const TOKEN = /^[A-Za-z0-9_-]+$/;

export function messagingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  const subjectPrefix = env.NATS_SUBJECT_PREFIX ?? 'cau';
  if (!TOKEN.test(subjectPrefix)) {
    throw new Error(`NATS_SUBJECT_PREFIX must be one subject token (letters, digits, _ or -), got "${subjectPrefix}"`);
  }
  const eventsStream = env.NATS_EVENTS_STREAM ?? 'CAU_EVENTS';
  if (!TOKEN.test(eventsStream)) throw new Error(`NATS_EVENTS_STREAM is not a valid stream name: "${eventsStream}"`);
  return {
    natsUrl: env.NATS_URL ?? 'nats://127.0.0.1:4222',
    subjectPrefix,
    eventsStream,
    deadLetterStream: env.NATS_DLQ_STREAM ?? `${eventsStream}_DLQ`,
    requestTimeoutMs: positiveInt(env.NATS_REQUEST_TIMEOUT_MS, 5_000, 'NATS_REQUEST_TIMEOUT_MS'),
    duplicateWindowMs: positiveInt(env.NATS_DUPLICATE_WINDOW_MS, 10 * 60_000, 'NATS_DUPLICATE_WINDOW_MS'),
    streamReplicas: positiveInt(env.NATS_STREAM_REPLICAS, 1, 'NATS_STREAM_REPLICAS'),
  };
}

export function positiveInt(raw: string | undefined, fallback: number, name: string): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer, got "${raw}"`);
  return value;
}

/**
 * The stream that keeps JetStream's MAX_DELIVERIES advisories about the events stream's consumers, so an
 * advisory published while no instance of the consumer runs is still handled (dead-lettered) later.
 */
export function advisoryStreamName(config: Pick<MessagingConfig, 'eventsStream'>): string {
  return `${config.eventsStream}_ADVISORIES`;
}

/** Subject layout of one deployment; the only place that knows how subjects are spelled. */
export class Subjects {
  constructor(private readonly config: Pick<MessagingConfig, 'subjectPrefix'>) {}

  command(name: string): string {
    return `${this.config.subjectPrefix}.${name}`;
  }

  event(type: string, area?: string): string {
    return area ? `${this.eventsRoot()}.${type}.${area}` : `${this.eventsRoot()}.${type}`;
  }

  eventsRoot(): string {
    return `${this.config.subjectPrefix}.events`;
  }

  allEvents(): string {
    return `${this.eventsRoot()}.>`;
  }

  /** The subjects an event type is published on: its own, or one per area when it is area-scoped. */
  eventsOfType(type: string, areaScoped: boolean): string {
    return areaScoped ? `${this.event(type)}.*` : this.event(type);
  }

  /** Replayed dead letters go to one durable consumer only, never to every subscriber of the type. */
  replay(durable: string): string {
    return `${this.eventsRoot()}._replay.${durable}`;
  }

  replayRoot(): string {
    return `${this.eventsRoot()}._replay.`;
  }

  deadLetter(durable: string): string {
    return `${this.config.subjectPrefix}.dlq.${durable}`;
  }

  allDeadLetters(): string {
    return `${this.config.subjectPrefix}.dlq.>`;
  }

  /** JetStream's advisory when it stops delivering a message to `durable` (max_deliver reached). */
  maxDeliveriesAdvisory(stream: string, durable: string): string {
    return `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.${durable}`;
  }

  allMaxDeliveriesAdvisories(stream: string): string {
    return `$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${stream}.>`;
  }
}
