import type { CallHandler, ExecutionContext, NestInterceptor } from '@nestjs/common';
import type { NatsContext } from '@nestjs/microservices';
import { tap, type Observable } from 'rxjs';
import { ServiceError } from '../rpc/service-error.js';
import type { ServiceRuntime } from '../service/runtime.js';

/**
 * Counts the requests this instance answered, by subject (area included) and outcome, in
 * `cau_rpc_handled_total`: with one instance per area, it shows which instance carries which area's work.
 * Installed globally by `startService`; HTTP requests pass through untouched.
 */
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(private readonly runtime: ServiceRuntime) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const prefix = `${this.runtime.messaging.subjectPrefix}.`;
    const full = context.switchToRpc().getContext<NatsContext>().getSubject();
    const subject = full.startsWith(prefix) ? full.slice(prefix.length) : full;
    const count = (outcome: string) => this.runtime.metrics.rpcHandled.inc({ subject, outcome });
    return next.handle().pipe(
      tap({
        complete: () => count('ok'),
        error: (error: unknown) => count(error instanceof ServiceError ? error.payload.code : 'INTERNAL'),
      }),
    );
  }
}
