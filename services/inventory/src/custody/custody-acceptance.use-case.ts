import { Injectable } from '@nestjs/common';
import {
  ErrorCode,
  InventoryEvents,
  InventoryLimits,
  type AcceptCustodyCommandV1,
  type ActorEnvelopeBase,
  type CustodyPeriodV1,
  type EquipmentV1,
  type MyEquipmentV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { mayReadInventory } from '../access/access-policy.js';
import { EquipmentRepository, toView } from '../equipment/equipment.repository.js';
import { acceptanceDecision, checkSignature } from './custody-acceptance.js';
import { custodyDocumentText } from './custody-document.js';
import { CustodyRepository, periodView } from './custody.repository.js';
import { CustodySettings } from './custody-settings.js';

const sameAddress = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** The place as the register writes it: building · floor · office. */
export function placeOf(equipment: EquipmentV1): string | null {
  const { building, floor, office } = equipment.location;
  return [building, floor, office].filter(Boolean).join(' · ') || null;
}

/**
 * "Mi equipo" and the holder's acceptance of a custody document: the person reads the document's text,
 * accepts it explicitly (with a drawn signature where the office asks for one), and the acceptance is
 * stored on the period once, with the exact text, the moment and the account, never changed afterwards.
 */
@Injectable()
export class AcceptCustodyUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: CustodySettings,
    private readonly equipment: EquipmentRepository,
    private readonly custody: CustodyRepository,
  ) {}

  /** Anyone signed in reads what they hold: the address they sign in with is the requester's. */
  async mine({ actor }: ActorEnvelopeBase): Promise<MyEquipmentV1> {
    const periods = await this.custody.openFor(actor.email);
    const types = await this.equipment.types();
    const items = [];
    for (const period of periods) {
      const stored = await this.equipment.find(period.equipmentId);
      if (!stored) continue;
      const equipment = toView(stored);
      const type = types.find((candidate) => candidate.code === equipment.type);
      items.push({
        equipment,
        typeLabel: type?.label ?? { es: equipment.type, en: equipment.type },
        periodId: period.id,
        since: period.since,
        note: period.note,
        documentText: await this.documentText(equipment, period),
        acceptance: period.acceptance,
      });
    }
    return { items, signature: this.settings.signature };
  }

  async accept({ actor, id, periodId, acceptance }: AcceptCustodyCommandV1): Promise<CustodyPeriodV1> {
    const signature = checkSignature(acceptance.signature, this.settings.signature);
    if (!signature.ok) {
      throw ServiceError.validation([
        { field: 'signature', constraint: signature.constraint, params: [InventoryLimits.signatureBytes] },
      ]);
    }
    return this.runtime.transaction(async (tx) => {
      const stored = await this.equipment.find(id, tx);
      const period = stored ? await this.custody.find(id, periodId, tx, true) : null;
      if (!stored || !period) throw ServiceError.notFound('custody-period', periodId);
      const decision = acceptanceDecision({
        isHolder: sameAddress(period.holder.email, actor.email),
        isStaff: mayReadInventory(actor).allowed,
        open: period.until === null,
        accepted: period.acceptance !== null,
      });
      if (!decision.allowed) {
        if (decision.answer === 'not-found') throw ServiceError.notFound('custody-period', periodId);
        if (decision.answer === 'forbidden') throw ServiceError.forbidden(decision.refusal);
        throw ServiceError.conflict(decision.refusal);
      }
      const equipment = toView(stored);
      const text = await this.documentText(equipment, period);
      if (acceptance.text.replace(/\r\n/g, '\n') !== text) {
        throw new ServiceError({
          code: ErrorCode.Conflict,
          refusal: { code: 'inventory.custody-document-changed' },
          fields: [{ field: 'text', constraint: 'custodyTextChanged' }],
        });
      }
      const at = new Date();
      if (!(await this.custody.accept(tx, periodId, { by: actor, at, text, signature: signature.png }))) {
        throw ServiceError.conflict({ code: 'inventory.custody-accepted' });
      }
      await this.runtime.outbox.append(tx, {
        definition: InventoryEvents.CustodyAccepted,
        ticketId: null,
        data: {
          equipmentId: id,
          inventoryNumber: equipment.inventoryNumber,
          periodId,
          requesterId: period.holder.requesterId,
          acceptedBy: actor.accountId,
          signed: signature.png !== null,
        },
      });
      return periodView((await this.custody.find(id, periodId, tx))!);
    });
  }

  /** The period's document text as it stands now (the same facts always give the same text). */
  async documentText(equipment: EquipmentV1, period: CustodyPeriodV1): Promise<string> {
    const types = await this.equipment.types();
    return custodyDocumentText(
      {
        holderName: period.holder.name,
        holderEmail: period.holder.email,
        inventoryNumber: equipment.inventoryNumber,
        typeLabel: types.find((type) => type.code === equipment.type)?.label.es ?? equipment.type,
        serial: equipment.serial,
        brand: equipment.brand,
        model: equipment.model,
        location: placeOf(equipment),
        since: new Date(period.since),
        note: period.note,
      },
      this.settings.timeZone,
    );
  }
}
