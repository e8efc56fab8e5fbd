import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ServiceRuntime, startWorker, type Worker } from '@cau/messaging';
import { SendScheduledReportsUseCase } from './send-scheduled-reports.use-case.js';

/**
 * Looks for due scheduled reports from the start on, then `intervalMs` (a minute unless configured)
 * after each look ends; a slow look is never overlapped by the next.
 */
@Injectable()
export class ReportScheduler implements OnModuleDestroy {
  private worker: Worker | null = null;

  constructor(
    private readonly reports: SendScheduledReportsUseCase,
    private readonly runtime: ServiceRuntime,
  ) {}

  start(intervalMs: number): void {
    const { logger } = this.runtime;
    this.worker ??= startWorker({
      name: 'report scheduler',
      logger,
      intervalMs,
      run: async () => {
        const sent = await this.reports.sendDue(new Date());
        if (sent > 0) logger.info({ sent }, 'scheduled reports written');
      },
      onError: (error) => logger.error({ err: error }, 'scheduled reports failed; next look retries'),
    });
  }

  async onModuleDestroy(): Promise<void> {
    await this.worker?.stop();
    this.worker = null;
  }
}
