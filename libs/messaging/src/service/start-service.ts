import 'reflect-metadata';
import { Global, Module, type DynamicModule, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import type { Logger } from 'pino';
import type { MigrationInterface } from 'typeorm';
import { DataSource } from 'typeorm';
import {
  createServiceDataSource,
  databaseConfigFromEnv,
  initializeDataSource,
  migrateSchema,
  positiveIntFromEnv,
  type DatabaseConfig,
} from '@cau/persistence';
import { messagingConfigFromEnv, type MessagingConfig } from '../config.js';
import { MESSAGING_MIGRATIONS } from '../events/messaging-tables.migration.js';
import { ensureStreams } from '../events/streams.js';
import { OutboxRelay } from '../events/outbox-relay.js';
import { DurableConsumer, type EventHandler } from '../events/consumer.js';
import { createLogger, PinoNestLogger } from '../observability/logger.js';
import { MessagingMetrics } from '../observability/metrics.js';
import { DatabaseUnavailableInterceptor } from '../rpc/database-unavailable.interceptor.js';
import { RpcMetricsInterceptor } from '../observability/rpc-metrics.interceptor.js';
import { Outbox } from '../events/outbox.js';
import { EventPositions } from '../events/event-positions.js';
import { RpcClient } from '../rpc/rpc-client.js';
import { PrefixedNatsServer } from '../rpc/nats-server.js';
import { HealthController } from './health.controller.js';
import { applyProcessPriority } from './process-priority.js';
import { ServiceRuntime } from './runtime.js';

export interface ConsumerDefinition {
  /** Durable consumer name; never rename in place (its position in the stream is kept under it). */
  durable: string;
  handlers: EventHandler<object>[];
  /**
   * Events applied per transaction (default 200). Smaller batches hold row locks for less time, for
   * consumers whose handlers lock rows that request handlers also lock.
   */
  batchSize?: number;
}

export interface ServiceDefinition {
  name: string;
  schema: string;
  /** The service's feature module; it can inject ServiceRuntime, DataSource, Outbox, RpcClient. */
  module: Type<unknown> | DynamicModule;
  migrations: Array<new () => MigrationInterface>;
  /** Environment variable and default for the HTTP port (health, metrics; the API for the gateway). */
  portVariable: string;
  defaultPort: number;
  /** Queue group for request/reply handlers; omitted for services that answer no requests. */
  queueGroup?: string;
  /** Areas whose `{area}` subjects this instance serves (each in its own queue group). */
  servedAreas?: (env: NodeJS.ProcessEnv) => string[];
  /**
   * Whether this instance also serves the areas not in `servedAreas` (areas added while it runs): their
   * `{area}` subjects are subscribed with a wildcard, in one queue group of their own.
   */
  servesOtherAreas?: (env: NodeJS.ProcessEnv) => boolean;
  /** Durable event consumers, resolved from the Nest container after the app is built. */
  consumers?: (app: INestApplication) => ConsumerDefinition[];
  /**
   * Whether the service's work is mostly in the background (mail, suggestions), not what people wait for:
   * the gateway and intake take in calls, mail and alerts, routing and resolution answer every action, and
   * reporting's read model is what the console shows. Its process lowers its CPU priority at start
   * (`applyProcessPriority`), so on a machine it shares the others come first.
   */
  backgroundWork?: boolean;
  /** Extra HTTP setup (the gateway's validation, errors and OpenAPI). */
  configureHttp?: (app: NestFastifyApplication, runtime: ServiceRuntime) => Promise<void> | void;
  /**
   * Work once the schema is migrated and the app built, before events are consumed and HTTP is served
   * (e.g. create the first administrator, apply configured data). A throw stops the start.
   */
  afterStart?: (app: INestApplication, runtime: ServiceRuntime, env: NodeJS.ProcessEnv) => Promise<void>;
  bodyLimitBytes?: number;
  /** Longest path parameter Fastify routes (its default is 100 characters; longer answers 414). */
  maxParamLength?: number;
}

export interface RunningService {
  app: NestFastifyApplication;
  runtime: ServiceRuntime;
  url: string;
  stop(): Promise<void>;
}

@Global()
@Module({})
class RuntimeModule {
  static forRoot(runtime: ServiceRuntime): DynamicModule {
    return {
      module: RuntimeModule,
      controllers: [HealthController],
      providers: [
        { provide: ServiceRuntime, useValue: runtime },
        { provide: DataSource, useValue: runtime.dataSource },
        { provide: Outbox, useValue: runtime.outbox },
        { provide: EventPositions, useValue: runtime.positions },
        { provide: RpcClient, useValue: runtime.rpc },
      ],
      exports: [ServiceRuntime, DataSource, Outbox, EventPositions, RpcClient],
    };
  }
}

/**
 * Boots one service: validated configuration, its schema migrated, NATS and JetStream connected, the
 * outbox relay and durable consumers running, request handlers subscribed in the service's queue group,
 * health and metrics over HTTP, and a graceful stop on SIGTERM/SIGINT.
 */
export async function startService(definition: ServiceDefinition, env = process.env): Promise<RunningService> {
  // Where start-up time goes, logged with "started": restarts must be quick (issue 10 asks ≤ 3 s).
  const phases = new StartupPhases();
  const logger = createLogger(definition.name, env.LOG_LEVEL ?? 'info');
  const messaging = messagingConfigFromEnv(env);
  const database = databaseConfigFromEnv(env);
  const http = httpAddressFromEnv(definition, env);

  const dataSource = await openMigratedDatabase(definition, database, logger);
  phases.mark('database');
  const nats = await connectNats(definition, messaging);
  phases.mark('nats');
  const runtime = createRuntime(definition, env, { messaging, database, dataSource, logger, ...nats });
  const app = await createApp(definition, runtime, messaging);
  await definition.afterStart?.(app, runtime, env);
  phases.mark('app');
  const { relay, consumers } = await startEventFlow(definition, runtime, app);
  phases.mark('consumers');
  const url = await listen(app, http);
  phases.mark('listen');
  logger.info({ url, startupMs: phases.report() }, `${definition.name} started`);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => (stopping ??= stopInOrder(definition.name, { consumers, app, relay, runtime }));
  return { app, runtime, url, stop };
}

async function openMigratedDatabase(
  definition: ServiceDefinition,
  database: DatabaseConfig,
  logger: Logger,
): Promise<DataSource> {
  const dataSource = createServiceDataSource({
    database,
    schema: definition.schema,
    migrations: [...MESSAGING_MIGRATIONS, ...definition.migrations],
  });
  await initializeDataSource(dataSource, database.url);
  const applied = await migrateSchema(dataSource);
  if (applied.length > 0) logger.info({ migrations: applied }, 'schema migrated');
  return dataSource;
}

async function connectNats(
  definition: ServiceDefinition,
  messaging: MessagingConfig,
): Promise<{ nc: NatsConnection; js: JetStreamClient; jsm: JetStreamManager }> {
  const nc = await connect({
    servers: messaging.natsUrl,
    name: `cau-${definition.name}`,
    maxReconnectAttempts: -1,
    // A restarted NATS is back within a second or two; the default wait (2 s between attempts) added up to
    // as much again to every service's outage.
    reconnectTimeWait: 250,
    // Otherwise every request captures two stack traces up front for errors we translate anyway
    // (RpcClient names the subject and the reason): a tenth of the gateway's CPU per forwarded request.
    noAsyncTraces: true,
  });
  const jsm = await jetstreamManager(nc);
  await ensureStreams(jsm, messaging);
  return { nc, js: jetstream(nc), jsm };
}

function createRuntime(
  definition: ServiceDefinition,
  env: NodeJS.ProcessEnv,
  parts: {
    messaging: MessagingConfig;
    database: DatabaseConfig;
    dataSource: DataSource;
    logger: Logger;
    nc: NatsConnection;
    js: JetStreamClient;
    jsm: JetStreamManager;
  },
): ServiceRuntime {
  const runtime = new ServiceRuntime(
    definition.name,
    definition.schema,
    parts.messaging,
    parts.database,
    parts.dataSource,
    parts.nc,
    parts.js,
    parts.jsm,
    parts.logger,
    new MessagingMetrics(definition.name),
  );
  runtime.servedAreas = definition.servedAreas?.(env) ?? [];
  runtime.servesOtherAreas = definition.servesOtherAreas?.(env) ?? false;
  void followNatsConnection(runtime);
  return runtime;
}

/** Keeps the runtime's view of the connection current (health) and has consumers resume after a reconnect. */
async function followNatsConnection(runtime: ServiceRuntime): Promise<void> {
  for await (const status of runtime.nc.status()) {
    if (status.type === 'disconnect') {
      runtime.natsConnected = false;
      runtime.logger.warn('NATS connection lost; reconnecting');
    } else if (status.type === 'reconnect') {
      runtime.natsConnected = true;
      runtime.logger.info('NATS connection restored');
      runtime.relay?.reconnected();
      for (const consumer of runtime.consumers) consumer.reconnected();
    }
  }
}

/** The Nest application: the service's module over the runtime, HTTP set up, request handlers subscribed. */
async function createApp(
  definition: ServiceDefinition,
  runtime: ServiceRuntime,
  messaging: MessagingConfig,
): Promise<NestFastifyApplication> {
  @Module({ imports: [RuntimeModule.forRoot(runtime), definition.module] })
  class ServiceRootModule {}

  const app = await NestFactory.create<NestFastifyApplication>(
    ServiceRootModule,
    new FastifyAdapter({
      bodyLimit: definition.bodyLimitBytes ?? 1_048_576,
      ...(definition.maxParamLength ? { maxParamLength: definition.maxParamLength } : {}),
    }),
    { logger: new PinoNestLogger(runtime.logger), bufferLogs: false, abortOnError: false },
  );
  // Metrics outermost, so they count what the caller gets after the database-trouble translation.
  app.useGlobalInterceptors(new RpcMetricsInterceptor(runtime), new DatabaseUnavailableInterceptor(definition.name));
  await definition.configureHttp?.(app, runtime);

  if (definition.queueGroup) {
    app.connectMicroservice(
      {
        strategy: new PrefixedNatsServer(
          {
            servers: messaging.natsUrl,
            queue: definition.queueGroup,
            name: `cau-${definition.name}-rpc`,
            gracefulShutdown: true,
            gracePeriod: 1_000,
            maxReconnectAttempts: -1,
            reconnectTimeWait: 250,
          },
          messaging.subjectPrefix,
          runtime.servedAreas,
          runtime.servesOtherAreas,
        ),
      },
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  return app;
}

/** The outbox relay and the durable consumers, started once the app is ready to handle what they bring. */
async function startEventFlow(
  definition: ServiceDefinition,
  runtime: ServiceRuntime,
  app: NestFastifyApplication,
): Promise<{ relay: OutboxRelay; consumers: DurableConsumer[] }> {
  const { dataSource, database, js, jsm, nc, logger, metrics, messaging } = runtime;
  const relay = new OutboxRelay({
    dataSource,
    databaseUrl: database.url,
    schema: definition.schema,
    js,
    logger,
    metrics,
    service: definition.name,
  });
  runtime.relay = relay;
  await relay.start();

  const consumers = (definition.consumers?.(app) ?? []).map(
    (c) =>
      new DurableConsumer({
        durable: c.durable,
        handlers: c.handlers,
        ...(c.batchSize ? { batchSize: c.batchSize } : {}),
        schema: definition.schema,
        dataSource,
        nc,
        js,
        jsm,
        config: messaging,
        logger,
        metrics,
      }),
  );
  runtime.consumers = consumers;
  for (const consumer of consumers) await consumer.start();
  return { relay, consumers };
}

/** Stop taking new work first, finish what is in flight, then close connections. */
async function stopInOrder(
  name: string,
  parts: { consumers: DurableConsumer[]; app: NestFastifyApplication; relay: OutboxRelay; runtime: ServiceRuntime },
): Promise<void> {
  const { logger, nc, dataSource } = parts.runtime;
  logger.info(`${name} stopping`);
  for (const consumer of parts.consumers) await consumer.stop();
  await parts.app.close();
  await parts.relay.stop();
  await nc.drain().catch(() => undefined);
  await dataSource.destroy();
  logger.info(`${name} stopped`);
}

/** Read before anything is opened, so a bad value stops the start at once. */
function httpAddressFromEnv(definition: ServiceDefinition, env: NodeJS.ProcessEnv): { port: number; host: string } {
  const port =
    env[definition.portVariable] === '0' ? 0 : positiveIntFromEnv(env, definition.portVariable, definition.defaultPort);
  return { port, host: env.HTTP_HOST ?? '127.0.0.1' };
}

/** Serves HTTP (port 0: any free one) and returns the address it got. */
async function listen(app: NestFastifyApplication, { port, host }: { port: number; host: string }): Promise<string> {
  await app.listen({ port, host });
  const address = app.getHttpServer().address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return `http://${host}:${actualPort}`;
}

/** Entry point helper for `main.ts`: start, log fatal errors clearly, stop on SIGTERM/SIGINT. */
export function runServiceMain(definition: ServiceDefinition): void {
  const logger = createLogger(definition.name);
  try {
    const nice = applyProcessPriority(definition.backgroundWork ?? false, process.env, (message) =>
      logger.warn(message),
    );
    if (nice !== null) logger.info({ nice }, 'CPU priority set');
  } catch (error) {
    logger.fatal({ err: error }, `${definition.name} failed to start: ${(error as Error).message}`);
    process.exit(1);
  }
  startService(definition).then(
    (service) => {
      const shutdown = (signal: string): void => {
        logger.info({ signal }, 'shutdown requested');
        service.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    },
    (error: unknown) => {
      logger.fatal({ err: error }, `${definition.name} failed to start: ${(error as Error)?.message ?? error}`);
      process.exit(1);
    },
  );
}

/**
 * Milliseconds spent in each phase of a start; `beforeStart` is from the process's start to `startService`
 * (for a service in its own process: starting Node and loading the modules).
 */
class StartupPhases {
  private readonly durations: Record<string, number> = { beforeStart: Math.round(process.uptime() * 1_000) };
  private last = performance.now();

  mark(phase: string): void {
    const now = performance.now();
    this.durations[phase] = Math.round(now - this.last);
    this.last = now;
  }

  report(): Record<string, number> {
    const total = Object.values(this.durations).reduce((sum, ms) => sum + ms, 0);
    return { ...this.durations, total };
  }
}
