import { HttpException } from '@nestjs/common';
import {
  ErrorCode,
  HTTP_STATUS_BY_CODE,
  Language,
  errorMessage,
  fieldMessage,
  type ServiceErrorPayload,
} from '@cau/contracts';
import { ServiceError, ServiceUnavailableError } from '@cau/messaging';
import { isDatabaseUnavailable } from '@cau/persistence';
import { RoleRequiredError } from './role-required.error.js';
import type { ErrorResponse } from './error-response.js';

export interface RequestFacts {
  method: string;
  url: string;
  language: Language;
  correlationId: string;
  bodyLimitBytes: number;
  /** First token of NATS subjects, stripped to name the service that did not answer. */
  subjectPrefix: string;
}

/** Fastify's own refusals, raised before a handler runs. */
const FASTIFY_CODES = new Map<string, ErrorCode>([
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', ErrorCode.UnsupportedMediaType],
  ['FST_ERR_CTP_BODY_TOO_LARGE', ErrorCode.PayloadTooLarge],
  ['FST_ERR_CTP_INVALID_JSON_BODY', ErrorCode.MalformedJson],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', ErrorCode.MalformedJson],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', ErrorCode.MalformedJson],
]);

/** For HTTP errors that carry only a status (Nest's, or Fastify's not listed above). */
const CODE_BY_STATUS = new Map<number, ErrorCode>([
  [400, ErrorCode.Validation],
  [401, ErrorCode.Unauthorized],
  [403, ErrorCode.Forbidden],
  [404, ErrorCode.RouteNotFound],
  [409, ErrorCode.Conflict],
  [413, ErrorCode.PayloadTooLarge],
  [415, ErrorCode.UnsupportedMediaType],
]);

/** Turns whatever was thrown into the error payload the client gets, in its language. */
export function toErrorPayload(exception: unknown, facts: RequestFacts): ServiceErrorPayload {
  if (exception instanceof ServiceError) return exception.payload;
  if (exception instanceof RoleRequiredError) {
    return {
      code: ErrorCode.Forbidden,
      refusal: { code: 'gateway.roles-required', params: { roles: exception.roles } },
    };
  }
  if (exception instanceof ServiceUnavailableError) {
    return {
      code: ErrorCode.ServiceUnavailable,
      params: { service: serviceOf(exception.subject, facts.subjectPrefix) },
    };
  }
  // The gateway's own tables (accounts, sessions, attachments) unreachable: nothing was done, retry later.
  if (isDatabaseUnavailable(exception)) return { code: ErrorCode.ServiceUnavailable, params: { service: 'gateway' } };
  const fastifyCode = FASTIFY_CODES.get(
    codeOf(exception) ?? codeOf((exception as { cause?: unknown } | null)?.cause) ?? '',
  );
  if (fastifyCode === ErrorCode.PayloadTooLarge) return { code: fastifyCode, params: { limit: facts.bodyLimitBytes } };
  if (fastifyCode) return { code: fastifyCode };
  if (exception instanceof HttpException) {
    const code = CODE_BY_STATUS.get(exception.getStatus()) ?? ErrorCode.Internal;
    if (code === ErrorCode.RouteNotFound) return { code, params: { method: facts.method, url: facts.url } };
    return { code };
  }
  return { code: ErrorCode.Internal };
}

export function toErrorResponse(payload: ServiceErrorPayload, facts: RequestFacts): ErrorResponse {
  return {
    statusCode: HTTP_STATUS_BY_CODE[payload.code],
    code: payload.code,
    message: errorMessage(payload, facts.language),
    ...(payload.fields && payload.fields.length > 0
      ? { fields: payload.fields.map((f) => ({ field: f.field, message: fieldMessage(f, facts.language) })) }
      : {}),
    correlationId: facts.correlationId,
  };
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Contract subjects start with the owning service: `<prefix>.intake.ticket.register.v1` → intake. */
function serviceOf(subject: string, prefix: string): string {
  const name = subject.startsWith(`${prefix}.`) ? subject.slice(prefix.length + 1) : subject;
  return name.split('.')[0] ?? name;
}
