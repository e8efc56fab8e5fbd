import type { FieldVisitV1, RepairV1 } from '@cau/contracts';
import { technicalSupport } from './f01-form.js';

const visit = (visitor: Partial<FieldVisitV1['visitor']>): FieldVisitV1 =>
  ({
    visitor: {
      kind: 'staff',
      accountId: null,
      name: null,
      company: null,
      technician: null,
      reportNumber: null,
      ...visitor,
    },
  }) as FieldVisitV1;
const repair = (reportNumber: string | null): RepairV1 => ({ reportNumber }) as RepairV1;

describe('technicalSupport (docs/domain.md § Field service, activity 04)', () => {
  it('was not needed when only the office staff went', () => {
    expect(technicalSupport([visit({ kind: 'staff', name: 'Raúl' })], [])).toEqual({
      needed: false,
      reportNumbers: [],
      companies: [],
    });
  });

  it("was needed for a company's visit or a repair, with each report number once", () => {
    expect(
      technicalSupport(
        [visit({ kind: 'contractor', company: 'Soporte SA', reportNumber: 'UTIC-1' })],
        [repair('UTIC-1'), repair('UTIC-2'), repair(null)],
      ),
    ).toEqual({ needed: true, reportNumbers: ['UTIC-1', 'UTIC-2'], companies: ['Soporte SA'] });
    expect(technicalSupport([], [repair(null)]).needed).toBe(true);
  });
});
