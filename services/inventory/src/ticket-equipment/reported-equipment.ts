import { STAFF_ROLES, type ActorV1, type FieldProblem } from '@cau/contracts';

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * The pieces a registration may not name: each one the ticket's requester does not hold now. Staff register
 * for anyone (the desk's registration names that person's equipment); a requester or a referente names only
 * what they hold themselves, so naming equipment for another person refuses every piece. Unknown equipment
 * and someone else's get the same answer, so the check tells a requester nothing about who holds what.
 */
export function reportedEquipmentProblems(
  actor: ActorV1,
  holderEmail: string,
  equipmentIds: readonly string[],
  held: ReadonlySet<string>,
): FieldProblem[] {
  const mayName = STAFF_ROLES.includes(actor.role) || sameAddress(actor.email, holderEmail);
  return equipmentIds.flatMap((id, index) =>
    mayName && held.has(id.toLowerCase())
      ? []
      : [{ field: `equipmentIds.${index}`, constraint: 'notHeldEquipment', params: [id] }],
  );
}
