/** What the custody document (resguardo) says about the equipment and the person who receives it. */
export interface CustodyDocumentFacts {
  holderName: string;
  holderEmail: string;
  inventoryNumber: string;
  typeLabel: string;
  serial: string | null;
  brand: string | null;
  model: string | null;
  location: string | null;
  since: Date;
  note: string | null;
}

/** A date as a Spanish document writes it ("5 de diciembre de 2026"), on the office's calendar. */
export function documentDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('es', { dateStyle: 'long', timeZone }).format(at);
}

/** A moment as the document prints it: the date and the office's local time. */
export function documentMoment(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('es', { dateStyle: 'long', timeStyle: 'short', timeZone }).format(at);
}

/**
 * The text the holder reads and accepts (docs/domain.md § Field service, MX-PR15 lineamiento 7: every user's equipment under a
 * resguardo). It is built from the period's facts, so the same facts always give the same text: an
 * acceptance sends back the text it was shown, and a text that no longer matches (the equipment was
 * changed meanwhile) is refused rather than accepted unread.
 */
export function custodyDocumentText(facts: CustodyDocumentFacts, timeZone: string): string {
  const described = [
    `${facts.typeLabel} con número de inventario ${facts.inventoryNumber}`,
    facts.serial ? `serie ${facts.serial}` : null,
    facts.brand ? `marca ${facts.brand}` : null,
    facts.model ? `modelo ${facts.model}` : null,
  ].filter((part): part is string => part !== null);
  const lines = [
    `Yo, ${facts.holderName} (${facts.holderEmail}), recibo en resguardo desde el ${documentDate(facts.since, timeZone)} ` +
      `el equipo ${described.join(', ')}${facts.location ? `, ubicado en ${facts.location}` : ''}.`,
    'Me comprometo a usarlo solo para las tareas de mi puesto, a cuidarlo, a avisar a la mesa de servicios de ' +
      'cualquier falla, pérdida o cambio de ubicación, y a devolverlo cuando se me solicite o deje el puesto.',
  ];
  if (facts.note) lines.push(`Observaciones de la entrega: ${facts.note}`);
  return lines.join('\n\n');
}
