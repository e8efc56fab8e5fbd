import type { RepairCondition, RepairV1 } from '@cau/contracts';
import { fieldTable, paragraph, type FormDocument } from '../documents/pdf.js';

const CONDITION: Record<RepairCondition, string> = {
  funciona: 'Funciona',
  no_funciona: 'No funciona',
  reemplazado: 'Reemplazado',
};

/** Buenos Aires-style day and time, as the office reads it on paper. */
const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-AR', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(new Date(iso));
const day = (date: string) => {
  const [year, month, dayOfMonth] = date.split('-');
  return `${dayOfMonth}/${month}/${year}`;
};

/** MP414-PR15-P01-F03 "Salida de Equipo de Cómputo" (docs/domain.md § Field service, activity 08), with its return once it came back. */
export function repairForm(repair: RepairV1, typeLabel: string, timeZone: string): FormDocument {
  const e = repair.equipment;
  const make = [e.brand, e.model].filter(Boolean).join(' ') || null;
  const body = [
    fieldTable([
      ['Ticket', `N.º ${repair.ticketNumber}`],
      ['Número de inventario', e.inventoryNumber],
      ['Tipo', typeLabel],
      ['Marca y modelo', make],
      ['Serie', e.serial],
      ['Fecha de salida', when(repair.leftAt, timeZone)],
      ['Retira el equipo', repair.takenBy],
      ['Destino', repair.destination],
      ['Retorno previsto', day(repair.expectedReturn)],
      ['N.º de reporte de la empresa', repair.reportNumber],
      ['Registró la salida', repair.recordedBy.name],
    ]),
    { text: 'Motivo', bold: true, margin: [0, 12, 0, 4] },
    paragraph(repair.reason),
  ];
  if (repair.returnedOn && repair.condition) {
    body.push(
      { text: 'Retorno', bold: true, margin: [0, 12, 0, 4] },
      fieldTable([
        ['Fecha de retorno', day(repair.returnedOn)],
        ['Estado al retorno', CONDITION[repair.condition]],
        ['Observaciones', repair.returnNote],
        ['Registró el retorno', repair.returnedBy?.name ?? null],
      ]),
    );
  }
  return {
    code: 'MP414-PR15-P01-F03',
    title: 'Salida de Equipo de Cómputo',
    body,
    signatures: ['Entrega (Departamento de Centros de Información)', 'Retira el equipo'],
  };
}
