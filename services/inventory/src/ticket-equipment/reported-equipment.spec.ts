import type { ActorV1 } from '@cau/contracts';
import { reportedEquipmentProblems } from './reported-equipment.js';

const person = (role: ActorV1['role'], email: string): ActorV1 => ({
  accountId: '00000000-0000-4000-8000-000000000001',
  role,
  email,
  name: 'Ana',
});
const PC = '11111111-1111-4111-8111-111111111111';
const MONITOR = '22222222-2222-4222-8222-222222222222';

describe('reportedEquipmentProblems', () => {
  it('accepts what the requester holds, whatever the case of the address', () => {
    expect(reportedEquipmentProblems(person('requester', 'Ana@X.gob'), 'ana@x.gob', [PC], new Set([PC]))).toEqual([]);
  });

  it('names each piece the requester does not hold by its position', () => {
    expect(
      reportedEquipmentProblems(person('requester', 'ana@x.gob'), 'ana@x.gob', [PC, MONITOR], new Set([PC])),
    ).toEqual([{ field: 'equipmentIds.1', constraint: 'notHeldEquipment', params: [MONITOR] }]);
  });

  it("refuses a requester naming another person's equipment even when that person holds it", () => {
    expect(reportedEquipmentProblems(person('referente', 'ref@x.gob'), 'ana@x.gob', [PC], new Set([PC]))).toEqual([
      { field: 'equipmentIds.0', constraint: 'notHeldEquipment', params: [PC] },
    ]);
  });

  it('lets staff name the equipment of the person they register for', () => {
    expect(reportedEquipmentProblems(person('operator', 'op@x.gob'), 'ana@x.gob', [PC], new Set([PC]))).toEqual([]);
  });

  it('matches an id written in capitals', () => {
    expect(
      reportedEquipmentProblems(person('requester', 'ana@x.gob'), 'ana@x.gob', [PC.toUpperCase()], new Set([PC])),
    ).toEqual([]);
  });
});
