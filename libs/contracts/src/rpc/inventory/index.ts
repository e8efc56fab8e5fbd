import { ActorEnvelopeBase } from '../../common.js';
import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  AcceptCustodyCommandV1,
  AssignCustodyCommandV1,
  ChangeEquipmentCommandV1,
  CommitImportCommandV1,
  CustodyPeriodRefV1,
  CustodyPeriodV1,
  EquipmentPageV1,
  EquipmentRefV1,
  EquipmentV1,
  ImportReportV1,
  ListEquipmentQueryV1,
  MyEquipmentV1,
  RegisterEquipmentCommandV1,
  ReturnCustodyCommandV1,
  StageImportCommandV1,
  type EquipmentHistoryEntryV1,
  type EquipmentTypeV1,
  type PdfDocumentV1,
  type StageImportResultV1,
} from './equipment.js';
import {
  FieldVisitV1,
  HeldEquipmentCheckQueryV1,
  LinkTicketEquipmentCommandV1,
  PlanVisitCommandV1,
  RecordVisitCommandV1,
  RepairOutCommandV1,
  RepairRefV1,
  RepairReturnCommandV1,
  RepairV1,
  SignOffCommandV1,
  SignOffV1,
  TicketEquipmentQueryV1,
  UnlinkTicketEquipmentCommandV1,
  type FormPdfV1,
  type HeldEquipmentV1,
  type TicketEquipmentV1,
} from './field-service.js';
import { F01QueryV1, ServiceLogPageV1, ServiceLogQueryV1 } from './service-log.js';

export * from './equipment.js';
export * from './field-service.js';
export * from './service-log.js';

/**
 * Everything inventory answers over request/reply: the equipment register and its custody, field service on
 * tickets (equipment links, visits, repairs, sign-off) and the service log. Equipment is addressed by its
 * UUID; tickets by the id and number the gateway found them by (`FieldTicketV1`).
 */
export const InventoryRpc = {
  RegisterEquipment: defineCommand('inventory.equipment.register.v1', RegisterEquipmentCommandV1, EquipmentV1),
  ChangeEquipment: defineCommand('inventory.equipment.change.v1', ChangeEquipmentCommandV1, EquipmentV1),
  /** One chunk of a CSV import's rows, kept aside until the import is committed. */
  StageImport: defineCommand('inventory.import.stage.v1', StageImportCommandV1, replyOf<StageImportResultV1>()),
  /** Checks every staged row and, when all are good, applies them in one transaction. */
  CommitImport: defineCommand('inventory.import.commit.v1', CommitImportCommandV1, ImportReportV1),
  /** Gives the equipment to a person: a first assignment, or a transfer from the current holder. */
  AssignCustody: defineCommand('inventory.custody.assign.v1', AssignCustodyCommandV1, EquipmentV1),
  ReturnCustody: defineCommand('inventory.custody.return.v1', ReturnCustodyCommandV1, EquipmentV1),
  /** The holder accepts the custody document of their open period (once; kept unchanged afterwards). */
  AcceptCustody: defineCommand('inventory.custody.accept.v1', AcceptCustodyCommandV1, CustodyPeriodV1),
  LinkTicketEquipment: defineCommand(
    'inventory.ticket-equipment.link.v1',
    LinkTicketEquipmentCommandV1,
    replyOf<TicketEquipmentV1[]>(),
  ),
  UnlinkTicketEquipment: defineCommand(
    'inventory.ticket-equipment.unlink.v1',
    UnlinkTicketEquipmentCommandV1,
    replyOf<TicketEquipmentV1[]>(),
  ),
  /** A field visit planned on a ticket: when, and who will go. */
  PlanVisit: defineCommand('inventory.visit.plan.v1', PlanVisitCommandV1, FieldVisitV1),
  /** What happened at a planned visit: who went, arrival, departure, what was done. */
  RecordVisit: defineCommand('inventory.visit.record.v1', RecordVisitCommandV1, FieldVisitV1),
  /** F03 "Salida de Equipo de Cómputo": a machine leaves for repair (state `en_reparacion`). */
  RecordRepairOut: defineCommand('inventory.repair.out.v1', RepairOutCommandV1, RepairV1),
  /** The machine comes back: its state on return, and `en_uso` or `en_stock` again. */
  RecordRepairReturn: defineCommand('inventory.repair.return.v1', RepairReturnCommandV1, RepairV1),
  /** The conformity at the end of a field attention, with the three signatures (docs/domain.md § Field service, activity 09). */
  RecordSignOff: defineCommand('inventory.sign-off.record.v1', SignOffCommandV1, SignOffV1),

  GetEquipment: defineQuery('inventory.equipment.get.v1', EquipmentRefV1, EquipmentV1),
  ListEquipment: defineQuery('inventory.equipment.list.v1', ListEquipmentQueryV1, EquipmentPageV1),
  EquipmentHistory: defineQuery('inventory.equipment.history.v1', EquipmentRefV1, replyOf<EquipmentHistoryEntryV1[]>()),
  EquipmentTypes: defineQuery('inventory.equipment-types.list.v1', ActorEnvelopeBase, replyOf<EquipmentTypeV1[]>()),
  CustodyHistory: defineQuery('inventory.custody.history.v1', EquipmentRefV1, replyOf<CustodyPeriodV1[]>()),
  /** The equipment the signed-in person holds now ("mi equipo"), with each custody document's text. */
  MyEquipment: defineQuery('inventory.custody.mine.v1', ActorEnvelopeBase, MyEquipmentV1),
  /** One custody period's document (resguardo) as a PDF, for staff and for that period's holder. */
  CustodyDocument: defineQuery('inventory.custody.document.v1', CustodyPeriodRefV1, replyOf<PdfDocumentV1>()),
  /** The equipment one ticket names. */
  TicketEquipment: defineQuery(
    'inventory.ticket-equipment.list.v1',
    TicketEquipmentQueryV1,
    replyOf<TicketEquipmentV1[]>(),
  ),
  /** The tickets that name one piece of equipment (the equipment page). */
  EquipmentTickets: defineQuery('inventory.equipment.tickets.v1', EquipmentRefV1, replyOf<TicketEquipmentV1[]>()),
  /** The field visits of one ticket. */
  TicketVisits: defineQuery('inventory.visit.list.v1', TicketEquipmentQueryV1, replyOf<FieldVisitV1[]>()),
  TicketRepairs: defineQuery('inventory.repair.list.v1', TicketEquipmentQueryV1, replyOf<RepairV1[]>()),
  EquipmentRepairs: defineQuery('inventory.equipment.repairs.v1', EquipmentRefV1, replyOf<RepairV1[]>()),
  /** The F03 of one repair as a PDF (`{ filename, pdf }`, base64). */
  RepairForm: defineQuery('inventory.repair.form.v1', RepairRefV1, replyOf<FormPdfV1>()),
  TicketSignOff: defineQuery('inventory.sign-off.get.v1', TicketEquipmentQueryV1, SignOffV1),
  /**
   * Before a registration that names equipment: refuses (400, `equipmentIds.<i>`) each piece the person
   * does not hold now.
   */
  HeldEquipmentCheck: defineQuery(
    'inventory.equipment.held-check.v1',
    HeldEquipmentCheckQueryV1,
    replyOf<HeldEquipmentV1>(),
  ),
  /** A page of the service log (bitácora), oldest attention first. */
  ServiceLog: defineQuery('inventory.service-log.list.v1', ServiceLogQueryV1, ServiceLogPageV1),
  /** The filtered service log as the F02 PDF. */
  ServiceLogForm: defineQuery('inventory.service-log.form.v1', ServiceLogQueryV1, replyOf<FormPdfV1>()),
  /** A ticket's F01 as a PDF, from the ticket's facts the gateway read as the actor. */
  F01Form: defineQuery('inventory.f01.form.v1', F01QueryV1, replyOf<FormPdfV1>()),
};
