import { Controller, Get, Header, HttpStatus, Res } from '@nestjs/common';
import type { ConsumerLag } from '../events/consumer.js';
import { ServiceRuntime } from './runtime.js';

export interface HealthReport {
  status: 'ok' | 'down';
  service: string;
  checks: Record<string, 'up' | 'down'>;
  /**
   * Per durable consumer, what JetStream says it still has to do (read every few seconds): `pending`
   * events not yet delivered and `ackPending` delivered but not yet acknowledged. A growing lag is not
   * a failure of this instance (the status stays `ok`); it is alerted on from the metrics.
   */
  consumers: Record<string, ConsumerLag>;
}

const HEALTH_DATABASE_TIMEOUT_MS = 1_000;

/** Liveness/readiness for orchestrators and `npm start`; metrics for Prometheus. */
@Controller()
export class HealthController {
  constructor(private readonly runtime: ServiceRuntime) {}

  /**
   * A down report is answered with 503 and its body as it is — not thrown as an exception, which a
   * service's error filter (the gateway's) would turn into its own error format and status.
   */
  @Get('health')
  async health(@Res({ passthrough: true }) reply: { status(code: number): unknown }): Promise<HealthReport> {
    const checks: Record<string, 'up' | 'down'> = {
      database: (await this.databaseUp()) ? 'up' : 'down',
      nats: this.runtime.natsConnected && !this.runtime.nc.isClosed() ? 'up' : 'down',
    };
    const consumers: Record<string, ConsumerLag> = {};
    for (const consumer of this.runtime.consumers) consumers[consumer.durable] = consumer.lag();
    if (Object.values(checks).includes('down')) {
      reply.status(HttpStatus.SERVICE_UNAVAILABLE);
      return { status: 'down', service: this.runtime.name, checks, consumers };
    }
    return { status: 'ok', service: this.runtime.name, checks, consumers };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.runtime.metrics.registry.metrics();
  }

  /** Answers within a second: a database that does not answer is down, and the health check must not hang. */
  private async databaseUp(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), HEALTH_DATABASE_TIMEOUT_MS);
    });
    const probe = this.runtime.dataSource.query('SELECT 1').then(
      () => true,
      () => false,
    );
    try {
      return await Promise.race([probe, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
