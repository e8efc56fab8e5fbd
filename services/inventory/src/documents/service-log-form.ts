import {
  SERVICE_LOG_KIND_LABELS,
  SERVICE_LOG_RESULT_LABELS,
  serviceLogByText,
  serviceLogSignedOffText,
  type ServiceLogEntryV1,
} from '@cau/contracts';
import type { Content, FormDocument } from './pdf.js';

/** What the printed log was filtered by, as its heading says it. */
export interface ServiceLogScope {
  inventoryNumber?: string;
  holderName?: string;
  from?: string;
  to?: string;
}

const dayOf = (date: string) => date.split('-').reverse().join('/');
const when = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('es-AR', { dateStyle: 'short', timeStyle: 'short', timeZone }).format(new Date(iso));

function scopeText(scope: ServiceLogScope): string {
  const parts: string[] = [];
  if (scope.inventoryNumber) parts.push(`Equipo ${scope.inventoryNumber}`);
  if (scope.holderName) parts.push(`Usuario ${scope.holderName}`);
  if (scope.from && scope.to) parts.push(`del ${dayOf(scope.from)} al ${dayOf(scope.to)}`);
  else if (scope.from) parts.push(`desde el ${dayOf(scope.from)}`);
  else if (scope.to) parts.push(`hasta el ${dayOf(scope.to)}`);
  return parts.length ? parts.join(' · ') : 'Todas las atenciones registradas';
}

const HEADER = ['Fecha', 'Ticket', 'Equipo', 'Usuario', 'Atención', 'Realizó', 'Resultado', 'Conformidad'];

/** MP414-PR15-P01-F02 "Bitácora de Atención a Usuarios de la Unidad" (docs/domain.md § Field service, activities 03 and 10): a row per attention. */
export function serviceLogForm(
  entries: readonly ServiceLogEntryV1[],
  scope: ServiceLogScope,
  timeZone: string,
): FormDocument {
  const rows: Content[] = entries.map((e) => [
    e.day ? dayOf(e.day) : when(e.at, timeZone),
    `N.º ${e.ticketNumber}`,
    `${e.equipment.inventoryNumber}\n${e.equipment.typeLabel}`,
    e.holder?.name ?? '—',
    { text: [{ text: `${SERVICE_LOG_KIND_LABELS[e.kind]}`, bold: true }, e.done ? `: ${e.done}` : ''] },
    serviceLogByText(e.by) || '—',
    e.result ? SERVICE_LOG_RESULT_LABELS[e.result] : '—',
    serviceLogSignedOffText(e.signedOff),
  ]);
  const body: Content[] = [
    { text: scopeText(scope), margin: [0, 0, 0, 8] },
    entries.length === 0
      ? { text: 'No hay atenciones registradas con estos filtros.', italics: true }
      : {
          table: {
            headerRows: 1,
            widths: [74, 40, 70, 80, '*', 110, 56, 56],
            body: [HEADER.map((text) => ({ text, style: 'label' })), ...rows],
          },
          layout: 'lightHorizontalLines',
          fontSize: 8,
        },
  ];
  return {
    code: 'MP414-PR15-P01-F02',
    title: 'Bitácora de Atención a Usuarios de la Unidad',
    body,
    orientation: 'landscape',
  };
}
