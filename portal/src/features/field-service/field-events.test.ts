import { describe, expect, it } from 'vitest';
import { isFieldEvent } from './field-service-api';

describe('isFieldEvent', () => {
  it("knows inventory's field work on a ticket from the ticket's own steps", () => {
    for (const type of [
      'equipment.ticket-linked',
      'equipment.ticket-unlinked',
      'field-visit.planned',
      'field-visit.recorded',
      'equipment.repair-out',
      'equipment.repair-returned',
      'field.signed-off',
    ])
      expect(isFieldEvent(type)).toBe(true);
    for (const type of ['ticket.taken', 'ticket.closed', 'ticket.commented']) expect(isFieldEvent(type)).toBe(false);
  });
});
