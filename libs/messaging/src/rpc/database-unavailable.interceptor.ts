import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { catchError, throwError, type Observable } from 'rxjs';
import { ErrorCode } from '@cau/contracts';
import { isDatabaseUnavailable } from '@cau/persistence';
import { ServiceError } from './service-error.js';

/**
 * A request that failed because the database could not be reached did nothing and may be retried: it is
 * answered SERVICE_UNAVAILABLE (503 with Retry-After at the gateway), not an internal error.
 */
@Injectable()
export class DatabaseUnavailableInterceptor implements NestInterceptor {
  constructor(private readonly service: string) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            isDatabaseUnavailable(error)
              ? new ServiceError({ code: ErrorCode.ServiceUnavailable, params: { service: this.service } })
              : error,
          ),
        ),
      );
  }
}
