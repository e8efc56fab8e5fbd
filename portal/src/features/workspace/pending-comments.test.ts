import { describe, expect, it } from 'vitest';
import { withPendingComments, type TimelineEntry } from './workspace-api';

const entry = (type: string, details: Record<string, unknown>, at = '2026-12-05T10:00:00.000Z'): TimelineEntry => ({
  type,
  at,
  area: 'L1',
  by: { accountId: '7d0c2a3e-0000-4000-8000-000000000001', name: 'Olga', role: 'operator' },
  details,
  summary: { es: 'x', en: 'x' },
});

describe('withPendingComments', () => {
  const registered = entry('ticket.registered', {});
  const sent = entry('ticket.commented', { commentId: 'c-1', text: 'Hola' }, '2026-12-05T10:01:00.000Z');

  it('keeps the timeline as it is when nothing is pending', () => {
    const timeline = [registered];
    expect(withPendingComments(timeline, [])).toBe(timeline);
  });

  it('draws a sent comment after the timeline until the timeline has it', () => {
    expect(withPendingComments([registered], [sent])).toEqual([registered, sent]);
    const applied = entry('ticket.commented', { commentId: 'c-1', text: 'Hola', channel: 'web' });
    expect(withPendingComments([registered, applied], [sent])).toEqual([registered, applied]);
  });

  it('tells comments apart by their id, not their text', () => {
    const other = entry('ticket.commented', { commentId: 'c-2', text: 'Hola' });
    expect(withPendingComments([registered, other], [sent])).toEqual([registered, other, sent]);
  });
});
