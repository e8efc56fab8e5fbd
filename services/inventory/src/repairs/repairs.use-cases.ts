import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  FieldServiceEvents,
  InventoryEvents,
  type EquipmentRefV1,
  type FieldTicketV1,
  type FormPdfV1,
  type RepairOutCommandV1,
  type RepairRefV1,
  type RepairReturnCommandV1,
  type RepairV1,
  type TicketEquipmentQueryV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import type { EntityManager } from 'typeorm';
import { mayChangeInventory, mayReadInventory } from '../access/access-policy.js';
import { LETTERHEAD, type Letterhead } from '../documents/letterhead.js';
import { renderForm } from '../documents/pdf.js';
import { EquipmentRepository } from '../equipment/equipment.repository.js';
import { mustBe, recordOf } from '../equipment/equipment.use-cases.js';
import { repairForm } from './repair-form.js';
import { repairOutDecision, repairOutProblems, repairReturnProblems, stateAfterRepair } from './repair.js';
import { RepairsRepository } from './repairs.repository.js';

/** The office's zone for the printed times (`CAU_TIME_ZONE`, as reporting reads it). */
function officeTimeZone(env: NodeJS.ProcessEnv): string {
  const zone = env['CAU_TIME_ZONE']?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone;
  try {
    new Intl.DateTimeFormat('es', { timeZone: zone });
  } catch {
    throw new Error(`CAU_TIME_ZONE must be an IANA time zone such as America/Argentina/Buenos_Aires, got "${zone}"`);
  }
  return zone;
}

/**
 * Equipment out for repair (docs/domain.md § Field service, activity 08, form F03) and back. Leaving puts the machine in
 * `en_reparacion` (custody cannot be assigned or transferred meanwhile, `custodyDecision`); coming back
 * puts it in use with its holder, or in stock. Each is a history entry, `equipment.changed` and a repair
 * event on the ticket.
 */
@Injectable()
export class RepairsUseCases {
  private readonly timeZone = officeTimeZone(process.env);

  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly equipment: EquipmentRepository,
    private readonly repairs: RepairsRepository,
    @Inject(LETTERHEAD) private readonly letterhead: Letterhead,
  ) {}

  async out({ actor, ticket, repair }: RepairOutCommandV1): Promise<RepairV1> {
    mustBe(mayChangeInventory(actor));
    const now = new Date();
    const problems = repairOutProblems(repair.expectedReturn, this.localDay(now));
    if (problems.length > 0) throw ServiceError.validation(problems);
    return this.runtime.transaction(async (tx) => {
      const current = await this.equipment.find(repair.equipmentId, tx, true);
      if (!current) {
        throw ServiceError.validation([
          { field: 'equipmentId', constraint: 'unknownEquipment', params: [repair.equipmentId] },
        ]);
      }
      const decision = repairOutDecision(current.data.state);
      if (!decision.allowed) throw ServiceError.conflict(decision.refusal);
      const id = randomUUID();
      await this.repairs.out(tx, id, ticket, repair, actor, now);
      await this.setState(
        tx,
        current.id,
        'en_reparacion',
        actor,
        now,
        `Salida a reparación: ${repair.destination.trim()}`,
      );
      const stored = (await this.repairs.find(id, tx))!;
      await this.emit(tx, 'out', ticket, stored);
      return stored;
    });
  }

  async return({ actor, ticket, repairId, repair }: RepairReturnCommandV1): Promise<RepairV1> {
    mustBe(mayChangeInventory(actor));
    return this.runtime.transaction(async (tx) => {
      const existing = this.onTicket(await this.repairs.find(repairId, tx, true), ticket, repairId);
      if (existing.returnedOn) throw ServiceError.conflict({ code: 'inventory.repair-returned' });
      const problems = repairReturnProblems(repair.returnedOn, this.localDay(new Date(existing.leftAt)));
      if (problems.length > 0) throw ServiceError.validation(problems);
      const current = (await this.equipment.find(existing.equipment.id, tx, true))!;
      const now = new Date();
      const note = repair.note?.trim() || null;
      await this.repairs.returned(
        tx,
        repairId,
        { returnedOn: repair.returnedOn, condition: repair.condition, note },
        actor,
      );
      await this.setState(
        tx,
        current.id,
        stateAfterRepair(current.custody !== null),
        actor,
        now,
        `Retorno de reparación: ${repair.condition}`,
      );
      const stored = (await this.repairs.find(repairId, tx))!;
      await this.emit(tx, 'returned', ticket, stored);
      return stored;
    });
  }

  ofTicket({ ticket }: TicketEquipmentQueryV1): Promise<RepairV1[]> {
    return this.repairs.ofTicket(ticket.ticketNumber);
  }

  async ofEquipment({ actor, id }: EquipmentRefV1): Promise<RepairV1[]> {
    mustBe(mayReadInventory(actor));
    if (!(await this.equipment.find(id))) throw ServiceError.notFound('equipment', id);
    return this.repairs.ofEquipment(id);
  }

  /** The F03 of a repair of a ticket the gateway let the actor see (a requester, their own ticket's). */
  async form({ ticket, repairId }: RepairRefV1): Promise<FormPdfV1> {
    const repair = this.onTicket(await this.repairs.find(repairId), ticket, repairId);
    const types = await this.equipment.types();
    const typeLabel = types.find((type) => type.code === repair.equipment.type)?.label.es ?? repair.equipment.type;
    const pdf = await renderForm(repairForm(repair, typeLabel, this.timeZone), this.letterhead);
    return {
      filename: `F03-ticket-${repair.ticketNumber}-${repair.equipment.inventoryNumber.replace(/[^A-Za-z0-9._-]/g, '-')}.pdf`,
      pdf: pdf.toString('base64'),
    };
  }

  /** A repair is addressed through its ticket: one of another ticket is not found here. */
  private onTicket(repair: RepairV1 | null, ticket: FieldTicketV1, id: string): RepairV1 {
    if (!repair || repair.ticketNumber !== ticket.ticketNumber) throw ServiceError.notFound('repair', id);
    return repair;
  }

  private localDay(at: Date): string {
    return new Intl.DateTimeFormat('en-CA', { timeZone: this.timeZone }).format(at);
  }

  private async setState(
    tx: EntityManager,
    id: string,
    state: RepairV1['equipment']['state'],
    actor: RepairOutCommandV1['actor'],
    now: Date,
    note: string,
  ): Promise<void> {
    const current = (await this.equipment.find(id, tx, true))!;
    const data = { ...current.data, state };
    const revisions = await this.equipment.updateMany(tx, [{ id, data }], now);
    await this.equipment.appendHistory(
      tx,
      actor,
      [{ equipmentId: id, action: 'changed', before: { state: current.data.state }, after: { state, note } }],
      now,
    );
    await this.runtime.outbox.append(tx, {
      definition: InventoryEvents.EquipmentChanged,
      ticketId: null,
      data: recordOf(id, data, revisions.get(id)!),
    });
  }

  private async emit(tx: EntityManager, change: 'out' | 'returned', ticket: FieldTicketV1, repair: RepairV1) {
    await this.runtime.outbox.append(tx, {
      definition: change === 'out' ? FieldServiceEvents.RepairOut : FieldServiceEvents.RepairReturned,
      ticketId: ticket.ticketId,
      data: {
        repairId: repair.id,
        ticketNumber: ticket.ticketNumber,
        equipmentId: repair.equipment.id,
        inventoryNumber: repair.equipment.inventoryNumber,
        state: repair.equipment.state,
        condition: repair.condition,
      },
    });
  }
}
