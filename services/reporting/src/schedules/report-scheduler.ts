import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { SendScheduledReportsUseCase } from './send-scheduled-reports.use-case.js';

/** Looks for due scheduled reports every `intervalMs` (a minute unless configured), from the start on. */
@Injectable()
export class ReportScheduler implements OnModuleDestroy {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly reports: SendScheduledReportsUseCase,
    private readonly runtime: ServiceRuntime,
  ) {}

  start(intervalMs: number): void {
    const tick = () => {
      // One look at a time: a slow one is not overlapped by the next.
      this.running = this.running.then(() =>
        this.reports.sendDue(new Date()).then(
          (sent) => {
            if (sent > 0) this.runtime.logger.info({ sent }, 'scheduled reports written');
          },
          (error: unknown) => this.runtime.logger.error({ err: error }, 'scheduled reports failed; next look retries'),
        ),
      );
    };
    tick();
    this.timer = setInterval(tick, intervalMs);
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
