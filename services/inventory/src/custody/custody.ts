import type { EquipmentState } from '@cau/contracts';

export type CustodyChange = 'assigned' | 'transferred';
export type CustodyDecision = { allowed: true; change: CustodyChange } | { allowed: false; reason: string };

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
      reason: currentHolder
        ? 'el equipo está en reparación: se transfiere cuando vuelva y se registre su estado'
        : 'el equipo está en reparación: se asigna cuando vuelva y se registre su estado',
    };
  }
  if (state === 'dado_de_baja') return { allowed: false, reason: 'el equipo está dado de baja: no se asigna a nadie' };
  if (currentHolder === requesterId) return { allowed: false, reason: 'esa persona ya tiene el equipo en resguardo' };
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
