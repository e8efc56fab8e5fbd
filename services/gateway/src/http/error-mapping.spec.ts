import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { ErrorCode } from '@cau/contracts';
import { ServiceError, ServiceUnavailableError } from '@cau/messaging';
import { RoleRequiredError } from './role-required.error.js';
import { toErrorPayload, toErrorResponse, type RequestFacts } from './error-mapping.js';

const facts: RequestFacts = {
  method: 'POST',
  url: '/api/v1/tickets',
  language: 'es',
  correlationId: 'c-1',
  bodyLimitBytes: 262_144,
  subjectPrefix: 'cau',
};
const fastifyError = (code: string, statusCode: number): HttpException =>
  new HttpException('fastify', statusCode, { cause: Object.assign(new Error('x'), { name: 'FastifyError', code }) });

describe('toErrorPayload', () => {
  it.each([
    ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 415, { code: ErrorCode.UnsupportedMediaType }],
    ['FST_ERR_CTP_BODY_TOO_LARGE', 413, { code: ErrorCode.PayloadTooLarge, params: { limit: 262_144 } }],
    ['FST_ERR_CTP_INVALID_JSON_BODY', 400, { code: ErrorCode.MalformedJson }],
    ['FST_ERR_CTP_EMPTY_JSON_BODY', 400, { code: ErrorCode.MalformedJson }],
  ])('maps Fastify %s', (code, status, expected) => {
    expect(toErrorPayload(fastifyError(code, status), facts)).toEqual(expected);
  });

  it('maps the router 404 to ROUTE_NOT_FOUND naming the route', () => {
    expect(toErrorPayload(new NotFoundException('Cannot GET /x'), facts)).toEqual({
      code: ErrorCode.RouteNotFound,
      params: { method: 'POST', url: '/api/v1/tickets' },
    });
  });

  it('maps other HTTP errors by status, unknown statuses and unknown errors to INTERNAL', () => {
    expect(toErrorPayload(new BadRequestException(), facts)).toEqual({ code: ErrorCode.Validation });
    expect(toErrorPayload(new HttpException('teapot', 418), facts)).toEqual({ code: ErrorCode.Internal });
    expect(toErrorPayload(new TypeError('undefined is not a function'), facts)).toEqual({ code: ErrorCode.Internal });
    expect(toErrorPayload(Object.assign(new Error('db'), { code: 'constructor' }), facts)).toEqual({
      code: ErrorCode.Internal,
    });
    expect(toErrorPayload(null, facts)).toEqual({ code: ErrorCode.Internal });
  });

  it('keeps a service refusal as sent', () => {
    const payload = { code: ErrorCode.Conflict, refusal: { code: 'ticket.survey-answered' as const } };
    expect(toErrorPayload(new ServiceError(payload), facts)).toBe(payload);
  });

  it('names the service that did not answer', () => {
    const error = new ServiceUnavailableError('cau.reporting.ticket.list.v1', 'timeout');
    expect(toErrorPayload(error, facts)).toEqual({
      code: ErrorCode.ServiceUnavailable,
      params: { service: 'reporting' },
    });
  });

  it('names the roles required, in the caller language', () => {
    const error = new RoleRequiredError(['supervisor', 'admin']);
    expect(toErrorResponse(toErrorPayload(error, facts), facts).message).toBe(
      'No tiene permiso para esta operación: se requiere uno de los roles supervisor, admin.',
    );
    const english = { ...facts, language: 'en' as const };
    expect(toErrorResponse(toErrorPayload(error, english), english).message).toBe(
      'You are not allowed to do this: one of the roles supervisor, admin is required.',
    );
  });
});

describe('toErrorResponse', () => {
  it('gives status, code, localized message and fields, and the correlation id', () => {
    const payload = {
      code: ErrorCode.Validation,
      fields: [{ field: 'title', constraint: 'maxLength', params: [200] }],
    };
    expect(toErrorResponse(payload, { ...facts, language: 'en' })).toEqual({
      statusCode: 400,
      code: 'VALIDATION',
      message: 'The request has invalid data.',
      fields: [{ field: 'title', message: "Field 'title' accepts at most 200 characters." }],
      correlationId: 'c-1',
    });
  });
});
