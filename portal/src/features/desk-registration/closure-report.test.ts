import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/client';
import { articleIdOf, formatMinutes, stepDetail, type ClosureStep } from './closure-report';
import { untilKnown } from './first-contact';

const units = { day: 'd', hour: 'h', minute: 'min' };
const step = (overrides: Partial<ClosureStep>): ClosureStep => ({
  at: '2026-03-02T13:00:00.000Z',
  action: 'take',
  area: 'L1',
  by: null,
  minutes: null,
  notes: null,
  from: null,
  to: null,
  ...overrides,
});

describe('the closure report', () => {
  it('writes durations as people read them', () => {
    expect(formatMinutes(0, units)).toBe('0 min');
    expect(formatMinutes(45, units)).toBe('45 min');
    expect(formatMinutes(125, units)).toBe('2 h 05 min');
    expect(formatMinutes(1440 * 3 + 130, units)).toBe('3 d 2 h');
    expect(formatMinutes(1440, units)).toBe('1 d');
  });

  it("says what each step did, and never a comment's text", () => {
    const duration = (minutes: number) => formatMinutes(minutes, units);
    expect(stepDetail(step({ action: 'escalate', from: 'L1', to: 'UIT', notes: 'Servidor caído' }), duration)).toBe(
      'L1 → UIT · Servidor caído',
    );
    expect(stepDetail(step({ action: 'log-work', minutes: 90, notes: 'Cambio de cable' }), duration)).toBe(
      '1 h 30 min · Cambio de cable',
    );
    expect(stepDetail(step({ action: 'comment', notes: 'nota interna' }), duration)).toBe('');
  });

  it('links the article when the reference is an article id', () => {
    expect(articleIdOf('6F1C2B7A-1D2E-4F3A-8B9C-0D1E2F3A4B5C')).toBe('6f1c2b7a-1d2e-4f3a-8b9c-0d1e2f3a4b5c');
    expect(articleIdOf('KB-123')).toBeNull();
    expect(articleIdOf(null)).toBeNull();
  });
});

describe('acting on a ticket just registered', () => {
  const instant = () => Promise.resolve();

  it('waits while the ticket is not known yet, then acts', async () => {
    let calls = 0;
    const result = await untilKnown(
      () => {
        calls++;
        if (calls < 3) return Promise.reject(new ApiError(404, 'NOT_FOUND', 'no existe'));
        return Promise.resolve('tomado');
      },
      { sleep: instant },
    );
    expect(result).toBe('tomado');
    expect(calls).toBe(3);
  });

  it("takes any other refusal as the service's word, at once", async () => {
    let calls = 0;
    const refusal = new ApiError(409, 'CONFLICT', 'el ticket está en el área UIT');
    await expect(
      untilKnown(
        () => {
          calls++;
          return Promise.reject(refusal);
        },
        { sleep: instant },
      ),
    ).rejects.toBe(refusal);
    expect(calls).toBe(1);
  });
});
