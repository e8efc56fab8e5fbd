import type { CustodyPeriodV1, EquipmentV1 } from '@cau/contracts';
import { documentMoment } from '../custody/custody-document.js';
import { fieldTable, paragraph, type Content, type FormDocument } from './pdf.js';

export interface CustodyFormInput {
  equipment: EquipmentV1;
  typeLabel: string;
  location: string | null;
  period: CustodyPeriodV1;
  /** The text accepted, or while not accepted the document's current text. */
  text: string;
  /** The drawn signature, printed under the acceptance. */
  signature: Buffer | null;
  timeZone: string;
}

/**
 * The custody document (resguardo, docs/domain.md § Field service, MX-PR15 lineamiento 7) as a printable form: the equipment, the
 * person who holds it and since when, the hand-over note, the text to accept and, once accepted, who
 * accepted it and when, with the drawn signature if one was given.
 */
export function custodyForm(input: CustodyFormInput): FormDocument {
  const { equipment: e, period } = input;
  const at = (iso: string) => documentMoment(new Date(iso), input.timeZone);
  const acceptance: Content[] = period.acceptance
    ? [
        paragraph(
          `Aceptado por ${period.acceptance.by.name} el ${at(period.acceptance.at)}, en el portal, con su cuenta ` +
            `(${period.acceptance.by.accountId}).`,
        ),
        ...(input.signature
          ? [
              { text: 'Firma dibujada al aceptar:', style: 'label', margin: [0, 4, 0, 4] },
              { image: `data:image/png;base64,${input.signature.toString('base64')}`, fit: [220, 90] },
            ]
          : []),
      ]
    : [paragraph('Pendiente de aceptación por la persona que recibe el equipo.')];
  return {
    code: 'RESGUARDO',
    title: 'Resguardo de equipo de cómputo',
    body: [
      { text: 'Equipo', style: 'label', margin: [0, 0, 0, 4] },
      fieldTable([
        ['Número de inventario', e.inventoryNumber],
        ['Tipo', input.typeLabel],
        ['Marca', e.brand],
        ['Modelo', e.model],
        ['Número de serie', e.serial],
        ['Ubicación', input.location],
        ['Jurisdicción', e.jurisdiction],
      ]),
      { text: 'Resguardo', style: 'label', margin: [0, 0, 0, 4] },
      fieldTable([
        ['Persona que lo recibe', `${period.holder.name} (${period.holder.email})`],
        ['Desde', at(period.since)],
        ...(period.until ? [['Hasta', at(period.until)] as const] : []),
        ['Entregado por', period.assignedBy.name],
        ['Nota de la entrega', period.note],
      ]),
      { text: 'Texto del resguardo', style: 'label', margin: [0, 0, 0, 4] },
      ...input.text.split('\n\n').map(paragraph),
      { text: 'Aceptación', style: 'label', margin: [0, 8, 0, 4] },
      ...acceptance,
    ],
    signatures: [`Recibe: ${period.holder.name}`, `Entrega: ${period.assignedBy.name}`],
  };
}
