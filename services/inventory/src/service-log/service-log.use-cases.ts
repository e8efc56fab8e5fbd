import { Inject, Injectable } from '@nestjs/common';
import {
  ServiceLogLimits,
  type F01QueryV1,
  type FormPdfV1,
  type ServiceLogEntryV1,
  type ServiceLogPageV1,
  type ServiceLogParamsV1,
  type ServiceLogQueryV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { mayReadInventory } from '../access/access-policy.js';
import { CustodySettings } from '../custody/custody-settings.js';
import { f01Form } from '../documents/f01-form.js';
import { LETTERHEAD, type Letterhead } from '../documents/letterhead.js';
import { renderForm } from '../documents/pdf.js';
import { serviceLogForm } from '../documents/service-log-form.js';
import { EquipmentRepository } from '../equipment/equipment.repository.js';
import { mustBe } from '../equipment/equipment.use-cases.js';
import { RepairsRepository } from '../repairs/repairs.repository.js';
import { SignOffRepository } from '../sign-off/sign-off.repository.js';
import { TicketEquipmentRepository } from '../ticket-equipment/ticket-equipment.repository.js';
import { VisitsRepository } from '../visits/visits.repository.js';
import { decodeServiceLogCursor, encodeServiceLogCursor, serviceLogProblems } from './service-log.js';
import { ServiceLogRepository, type ServiceLogFilter } from './service-log.repository.js';

const DEFAULT_PAGE = 50;

/** The service log (F02) and the F01 form: read from what each attention recorded. */
@Injectable()
export class ServiceLogUseCases {
  constructor(
    private readonly log: ServiceLogRepository,
    private readonly equipment: EquipmentRepository,
    private readonly links: TicketEquipmentRepository,
    private readonly visits: VisitsRepository,
    private readonly repairs: RepairsRepository,
    private readonly signOffs: SignOffRepository,
    private readonly settings: CustodySettings,
    @Inject(LETTERHEAD) private readonly letterhead: Letterhead,
  ) {}

  async list({ actor, filters }: ServiceLogQueryV1): Promise<ServiceLogPageV1> {
    mustBe(mayReadInventory(actor));
    const limit = filters.limit ?? DEFAULT_PAGE;
    const rows = await this.log.page({ ...(await this.filter(filters)), limit: limit + 1 });
    const items = rows.slice(0, limit);
    const last = rows.length > limit ? items[items.length - 1] : undefined;
    return {
      items: items.map((row) => row.entry),
      nextCursor: last ? encodeServiceLogCursor({ at: last.atKey, id: last.entry.id }) : null,
    };
  }

  /** The whole filtered log as the F02; more than the form prints is a 400 asking for a narrower period. */
  async form({ actor, filters }: ServiceLogQueryV1): Promise<FormPdfV1> {
    mustBe(mayReadInventory(actor));
    const { cursor: _ignored, limit: _unused, ...scope } = filters;
    const rows = await this.log.page({ ...(await this.filter(scope)), limit: ServiceLogLimits.formRows + 1 });
    if (rows.length > ServiceLogLimits.formRows) {
      throw ServiceError.validation([
        { field: scope.from ? 'from' : 'to', constraint: 'tooManyRows', params: [ServiceLogLimits.formRows] },
      ]);
    }
    const entries: ServiceLogEntryV1[] = rows.map((row) => row.entry);
    const holderName = scope.holderId
      ? entries.find((e) => e.holder?.requesterId === scope.holderId)?.holder?.name
      : undefined;
    const pdf = await renderForm(
      serviceLogForm(entries, { ...scope, ...(holderName ? { holderName } : {}) }, this.settings.timeZone),
      this.letterhead,
    );
    const suffix = scope.inventoryNumber ? `-${scope.inventoryNumber.replace(/[^A-Za-z0-9._-]/g, '-')}` : '';
    return { filename: `F02-bitacora${suffix}.pdf`, pdf: pdf.toString('base64') };
  }

  /** The F01 of a ticket the gateway let the actor see, with its facts as the gateway read them. */
  async ticketForm({ ticket }: F01QueryV1): Promise<FormPdfV1> {
    const [equipment, visits, repairs, signOff, types] = await Promise.all([
      this.links.ofTicket(ticket.number),
      this.visits.ofTicket(ticket.number),
      this.repairs.ofTicket(ticket.number),
      this.signOffs.find(ticket.number),
      this.equipment.types(),
    ]);
    const typeLabels = new Map(types.map((type) => [type.code, type.label.es]));
    const form = f01Form({ ticket, equipment, typeLabels, visits, repairs, signOff }, this.settings.timeZone);
    const pdf = await renderForm(form, this.letterhead);
    return { filename: `F01-ticket-${ticket.number}.pdf`, pdf: pdf.toString('base64') };
  }

  private async filter(filters: ServiceLogParamsV1): Promise<Omit<ServiceLogFilter, 'limit'>> {
    const problems = serviceLogProblems(filters);
    const after = filters.cursor === undefined ? undefined : decodeServiceLogCursor(filters.cursor);
    if (after === null) problems.push({ field: 'cursor', constraint: 'listCursor' });
    let equipmentId: string | undefined;
    if (filters.inventoryNumber !== undefined) {
      equipmentId = (await this.log.equipmentIdByNumber(filters.inventoryNumber)) ?? undefined;
      if (!equipmentId) {
        problems.push({ field: 'inventoryNumber', constraint: 'unknownEquipment', params: [filters.inventoryNumber] });
      }
    }
    if (problems.length > 0) throw ServiceError.validation(problems);
    return {
      timeZone: this.settings.timeZone,
      ...(equipmentId ? { equipmentId } : {}),
      ...(filters.holderId ? { holderId: filters.holderId } : {}),
      ...(filters.from ? { from: filters.from } : {}),
      ...(filters.to ? { to: filters.to } : {}),
      ...(after ? { after } : {}),
    };
  }
}
