import { describe, expect, it } from 'vitest';
import { ApiError, unwrap } from './client';

const answer = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status });

describe('unwrap', () => {
  it('returns the data of a successful answer', async () => {
    await expect(
      unwrap(Promise.resolve({ data: { number: 7 }, response: answer(200, { number: 7 }) })),
    ).resolves.toEqual({ number: 7 });
  });

  it("throws the gateway's message, code and fields", async () => {
    const body = {
      statusCode: 400,
      code: 'VALIDATION',
      message: 'Datos no válidos',
      fields: [{ field: 'title', message: 'no puede estar vacío' }],
    };
    const error = await unwrap(Promise.resolve({ error: body, response: answer(400, body) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION', message: 'Datos no válidos', fields: body.fields });
  });

  it('turns a network failure into a readable error', async () => {
    const error = await unwrap(Promise.reject(new TypeError('fetch failed'))).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, code: 'NETWORK' });
  });
});
