import type { EquipmentState, Refusal } from '@cau/contracts';

export type CustodyChange = 'assigned' | 'transferred';
export type CustodyDecision = { allowed: true; change: CustodyChange } | { allowed: false; refusal: Refusal };

/**
 * Whether equipment may go to a person now (docs/domain.md § Field service: the resguardo follows the equipment). Equipment out
 * for repair is not at the office to hand over; retired equipment is nobody's.
 */
export function custodyDecision(
  state: EquipmentState,
  currentHolder: string | null,
  requesterId: string,
): CustodyDecision {
  if (state === 'en_reparacion') {
    return {
      allowed: false,
      refusal: { code: 'inventory.in-repair-no-custody', params: { held: currentHolder ? 'yes' : 'no' } },
    };
  }
  if (state === 'dado_de_baja') return { allowed: false, refusal: { code: 'inventory.decommissioned-no-custody' } };
  if (currentHolder === requesterId) return { allowed: false, refusal: { code: 'inventory.already-held' } };
  return { allowed: true, change: currentHolder ? 'transferred' : 'assigned' };
}

/**
 * The equipment's state once its custody changes: handed to a person, equipment in stock is in use;
 * given back, equipment in use goes to stock. Other states (out for repair, retired) are not the
 * custody's to change.
 */
export function stateAfterCustody(state: EquipmentState, change: CustodyChange | 'returned'): EquipmentState {
  if (change === 'returned') return state === 'en_uso' ? 'en_stock' : state;
  return state === 'en_stock' ? 'en_uso' : state;
}
