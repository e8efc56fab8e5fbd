import { Controller, Get, Header, HttpException, HttpStatus } from '@nestjs/common';
import { ServiceRuntime } from './runtime.js';

/** Liveness/readiness for orchestrators and `npm start`; metrics for Prometheus. */
@Controller()
export class HealthController {
  constructor(private readonly runtime: ServiceRuntime) {}

  @Get('health')
  async health(): Promise<{ status: 'ok'; service: string; checks: Record<string, 'up' | 'down'> }> {
    const checks: Record<string, 'up' | 'down'> = {
      database: (await this.databaseUp()) ? 'up' : 'down',
      nats: this.runtime.natsConnected && !this.runtime.nc.isClosed() ? 'up' : 'down',
    };
    if (Object.values(checks).includes('down')) {
      throw new HttpException({ status: 'down', service: this.runtime.name, checks }, HttpStatus.SERVICE_UNAVAILABLE);
    }
    return { status: 'ok', service: this.runtime.name, checks };
  }

  @Get('metrics')
  @Header('Content-Type', 'text/plain; version=0.0.4')
  async metrics(): Promise<string> {
    return this.runtime.metrics.registry.metrics();
  }

  private async databaseUp(): Promise<boolean> {
    try {
      await this.runtime.dataSource.query('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }
}
