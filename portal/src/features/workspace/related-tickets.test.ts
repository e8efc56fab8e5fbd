import { describe, expect, it } from 'vitest';
import { mayOfferMerge } from './RelatedTickets';

describe('mayOfferMerge (resolution’s mayMerge, as far as the workspace can tell)', () => {
  const open = { status: 'en_curso' as const, area: 'UIT' };

  it('offers the desk, supervisors and administrators the merge of any ticket not closed or merged', () => {
    for (const role of ['operator', 'supervisor', 'admin']) {
      expect(mayOfferMerge({ role, area: null }, open)).toBe(true);
      expect(mayOfferMerge({ role, area: null }, { ...open, status: 'cerrado' })).toBe(false);
      expect(mayOfferMerge({ role, area: null }, { ...open, status: 'fusionado' })).toBe(false);
    }
  });

  it('offers agents only the tickets of their own area', () => {
    expect(mayOfferMerge({ role: 'agent', area: 'UIT' }, open)).toBe(true);
    expect(mayOfferMerge({ role: 'agent', area: 'ADT' }, open)).toBe(false);
    expect(mayOfferMerge({ role: 'requester', area: null }, open)).toBe(false);
  });
});
