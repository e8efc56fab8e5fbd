import type { F01TicketV1, FieldVisitV1, RepairV1, SignOffV1, TicketEquipmentV1 } from '@cau/contracts';
import { fieldTable, paragraph, type Content, type FormDocument } from './pdf.js';

export interface F01Facts {
  ticket: F01TicketV1;
  equipment: readonly TicketEquipmentV1[];
  /** Type code → the catalogue's Spanish label. */
  typeLabels: ReadonlyMap<string, string>;
  visits: readonly FieldVisitV1[];
  repairs: readonly RepairV1[];
  signOff: SignOffV1 | null;
}

const STATUS: Record<F01TicketV1['status'], string> = {
  abierto: 'Abierto',
  en_curso: 'En curso',
  resuelto: 'Resuelto',
  cerrado: 'Cerrado',
  fusionado: 'Fusionado',
};

const CONDITION: Record<NonNullable<RepairV1['condition']>, string> = {
  funciona: 'funciona',
  no_funciona: 'no funciona',
  reemplazado: 'reemplazado',
};

const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-AR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
const day = (date: string) => date.split('-').reverse().join('/');

const heading = (text: string): Content => ({ text, bold: true, margin: [0, 6, 0, 3] });

/**
 * Soporte Técnico (docs/domain.md § Field service, activity 04) was needed when a contracted company's technician came or the
 * machine left for repair; the report numbers are the ones the company or the UTIC help desk gave.
 */
export function technicalSupport(visits: readonly FieldVisitV1[], repairs: readonly RepairV1[]) {
  const contractorVisits = visits.filter((v) => v.visitor.kind === 'contractor');
  const needed = contractorVisits.length > 0 || repairs.length > 0;
  const numbers = [...contractorVisits.map((v) => v.visitor.reportNumber), ...repairs.map((r) => r.reportNumber)];
  const reportNumbers = [...new Set(numbers.filter((n): n is string => !!n))];
  const companies = [...new Set(contractorVisits.map((v) => v.visitor.company).filter((c): c is string => !!c))];
  return { needed, reportNumbers, companies };
}

function visitLine(v: FieldVisitV1, timeZone: string): string {
  const who =
    v.visitor.kind === 'staff'
      ? (v.visitor.name ?? '')
      : `${v.visitor.technician ?? ''} (${v.visitor.company ?? ''}${v.visitor.reportNumber ? `, reporte N.º ${v.visitor.reportNumber}` : ''})`;
  if (!v.arrivedAt) return `Visita planificada para el ${when(v.plannedFor, timeZone)} — ${who}`;
  return `Visita del ${when(v.arrivedAt, timeZone)} — ${who}: ${v.workDone ?? ''}`;
}

function repairLine(r: RepairV1, timeZone: string): string {
  const out = `Salida a reparación del equipo ${r.equipment.inventoryNumber} el ${when(r.leftAt, timeZone)} (${r.destination}; retira ${r.takenBy}): ${r.reason}`;
  return r.returnedOn && r.condition
    ? `${out}. Volvió el ${day(r.returnedOn)}: ${CONDITION[r.condition]}${r.returnNote ? ` — ${r.returnNote}` : ''}`
    : `${out}. Aún no volvió.`;
}

/** MP414-PR15-P01-F01 "Atención a Usuarios de la Unidad" (docs/domain.md § Field service, activities 01, 03, 04 and 10), filled from the ticket. */
export function f01Form(facts: F01Facts, timeZone: string): FormDocument {
  const { ticket, signOff } = facts;
  const support = technicalSupport(facts.visits, facts.repairs);
  const equipment = facts.equipment.map(({ equipment: e }) =>
    [
      e.inventoryNumber,
      facts.typeLabels.get(e.type) ?? e.type,
      [e.brand, e.model].filter(Boolean).join(' '),
      e.serial ? `serie ${e.serial}` : '',
    ]
      .filter(Boolean)
      .join(' — '),
  );
  const actions = [
    ...facts.visits.map((v) => ({ at: v.arrivedAt ?? v.plannedFor, text: visitLine(v, timeZone) })),
    ...facts.repairs.map((r) => ({ at: r.leftAt, text: repairLine(r, timeZone) })),
  ]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((a) => a.text);
  if (ticket.solution) actions.push(`Solución registrada: ${ticket.solution}`);

  const body: Content[] = [
    fieldTable([
      ['Ticket', `N.º ${ticket.number}`],
      ['Fecha y hora del reporte', when(ticket.registeredAt, timeZone)],
      ['Usuario', ticket.requester.name],
      ['Unidad / jurisdicción', ticket.jurisdiction],
      ['Contacto', [ticket.requester.email, ticket.requester.phone].filter(Boolean).join(' — ')],
      ['Estado', STATUS[ticket.status]],
      ['Cierre del reporte', ticket.closedAt ? when(ticket.closedAt, timeZone) : null],
    ]),
    heading('Equipo'),
    equipment.length ? { ul: equipment, margin: [0, 0, 0, 4] } : paragraph('Ningún equipo registrado en el ticket.'),
    heading('Problema reportado'),
    { text: ticket.title, bold: true, margin: [0, 0, 0, 2] },
    paragraph(ticket.description),
    heading('Acciones realizadas'),
    actions.length ? { ul: actions, margin: [0, 0, 0, 4] } : paragraph('Sin acciones registradas todavía.'),
    heading('Soporte Técnico'),
    fieldTable([
      ['¿Requirió Soporte Técnico?', support.needed ? 'Sí' : 'No'],
      ['Empresa', support.companies.join(', ') || null],
      ['N.º de reporte (UTIC / empresa)', support.reportNumbers.join(', ') || null],
    ]),
    heading('Conformidad del usuario'),
    fieldTable([
      ['Conformidad', signOff ? (signOff.conforme ? 'Conforme' : 'No conforme') : 'Pendiente'],
      ['Observaciones', signOff?.comments ?? null],
      ['Registrada', signOff ? `${when(signOff.recordedAt, timeZone)} por ${signOff.recordedBy.name}` : null],
    ]),
  ];
  return {
    code: 'MP414-PR15-P01-F01',
    title: 'Atención a Usuarios de la Unidad',
    body,
    signatures: [
      { caption: 'Usuario', name: signOff?.user.name ?? null, drawing: signOff?.user.drawing ?? null },
      {
        caption: 'Jefatura del Departamento',
        name: signOff?.head.name ?? null,
        drawing: signOff?.head.drawing ?? null,
      },
      {
        caption: 'Personal de la reparación',
        name: signOff?.repairStaff.name ?? null,
        drawing: signOff?.repairStaff.drawing ?? null,
      },
    ],
  };
}
