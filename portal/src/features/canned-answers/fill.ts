/** What a canned answer may name about the ticket it is used on (the gateway refuses any other name). */
export interface TicketFacts {
  numero: number;
  titulo: string;
  solicitante: string;
  jurisdiccion: string;
  area: string;
  agente: string;
}

/** The placeholders' names, in the order the page lists them. */
export const PLACEHOLDER_NAMES = [
  'numero',
  'titulo',
  'solicitante',
  'jurisdiccion',
  'area',
  'agente',
] as const satisfies readonly (keyof TicketFacts)[];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/**
 * The answer's text with each `{{name}}` replaced by the ticket's fact. A name the ticket cannot fill (an
 * answer written before a placeholder was retired) stays as written, so the person sees it and edits it.
 */
export function fillPlaceholders(body: string, facts: TicketFacts): string {
  return body.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(facts, name) ? String(facts[name as keyof TicketFacts]) : whole,
  );
}

/** The text to put in a box that may already hold some: after it, on a line of its own. */
export function appendToDraft(current: string, inserted: string): string {
  const kept = current.replace(/\s+$/, '');
  return kept === '' ? inserted : `${kept}\n\n${inserted}`;
}
