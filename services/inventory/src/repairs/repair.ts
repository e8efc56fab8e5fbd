import type { EquipmentState, FieldProblem } from '@cau/contracts';
import type { Decision } from '../access/access-policy.js';
import { isCalendarDate } from '../equipment/equipment.js';

/** Only equipment in use or in stock leaves for repair: it cannot leave twice, nor once retired. */
export function repairOutDecision(state: EquipmentState): Decision {
  if (state === 'en_reparacion') return { allowed: false, refusal: { code: 'inventory.in-repair' } };
  if (state === 'dado_de_baja') return { allowed: false, refusal: { code: 'inventory.decommissioned' } };
  return { allowed: true };
}

/** Back from repair: with the person who holds it in custody, or to the stock. */
export const stateAfterRepair = (hasHolder: boolean): EquipmentState => (hasHolder ? 'en_uso' : 'en_stock');

/** The expected return is a real day, not before the day it leaves (`today`, YYYY-MM-DD). */
export function repairOutProblems(expectedReturn: string, today: string): FieldProblem[] {
  if (!isCalendarDate(expectedReturn))
    return [{ field: 'expectedReturn', constraint: 'notADate', params: [expectedReturn] }];
  return expectedReturn < today ? [{ field: 'expectedReturn', constraint: 'dateRange', params: ['leftAt'] }] : [];
}

/** The return is a real day, not before the day it left. */
export function repairReturnProblems(returnedOn: string, leftOn: string): FieldProblem[] {
  if (!isCalendarDate(returnedOn)) return [{ field: 'returnedOn', constraint: 'notADate', params: [returnedOn] }];
  return returnedOn < leftOn ? [{ field: 'returnedOn', constraint: 'dateRange', params: ['leftAt'] }] : [];
}
