import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process, with Node's default metrics and the messaging library's own. */
export class MessagingMetrics {
  readonly registry = new Registry();
  readonly outboxPublished: Counter<'service'>;
  readonly outboxRelayErrors: Counter<'service'>;
  readonly eventsHandled: Counter<'consumer' | 'outcome'>;
  readonly eventHandlingSeconds: Histogram<'consumer'>;
  readonly rpcHandled: Counter<'subject' | 'outcome'>;
  readonly eventsRedelivered: Counter<'consumer'>;
  readonly consumerPending: Gauge<'consumer'>;
  readonly consumerAckPending: Gauge<'consumer'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    this.outboxPublished = new Counter({
      name: 'cau_outbox_published_total',
      help: 'Events relayed from the outbox to JetStream',
      labelNames: ['service'],
      registers: [this.registry],
    });
    this.outboxRelayErrors = new Counter({
      name: 'cau_outbox_relay_errors_total',
      help: 'Failed outbox relay batches (retried)',
      labelNames: ['service'],
      registers: [this.registry],
    });
    this.eventsHandled = new Counter({
      name: 'cau_events_handled_total',
      help: 'Events taken from JetStream by outcome: applied, duplicate, skipped, retried, dead_lettered, gave_up (JetStream reached max_deliver; dead-lettered from its advisory)',
      labelNames: ['consumer', 'outcome'],
      registers: [this.registry],
    });
    this.eventHandlingSeconds = new Histogram({
      name: 'cau_event_batch_seconds',
      help: 'Time to apply one batch of events in one transaction',
      labelNames: ['consumer'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
      registers: [this.registry],
    });
    this.eventsRedelivered = new Counter({
      name: 'cau_events_redelivered_total',
      help: 'Events JetStream delivered again (after a failure, a stop, a crash or an expired ack wait)',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
    this.consumerPending = new Gauge({
      name: 'cau_consumer_pending_events',
      help: 'Events in the stream the durable consumer has not been delivered yet (JetStream num_pending)',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
    this.consumerAckPending = new Gauge({
      name: 'cau_consumer_ack_pending_events',
      help: 'Events delivered to the durable consumer and not acknowledged yet (JetStream num_ack_pending)',
      labelNames: ['consumer'],
      registers: [this.registry],
    });
    this.rpcHandled = new Counter({
      name: 'cau_rpc_handled_total',
      help: 'Request/reply calls answered, by outcome',
      labelNames: ['subject', 'outcome'],
      registers: [this.registry],
    });
  }
}
