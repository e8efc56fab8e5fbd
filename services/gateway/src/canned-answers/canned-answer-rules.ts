import { Role, type ActorV1 } from '@cau/contracts';

/**
 * What a canned answer may say about the ticket it is used on: the portal fills each `{{name}}` from the
 * ticket and the person writing before the text reaches the reply box. Spanish names, as the desk writes them.
 */
export const CANNED_PLACEHOLDERS = ['numero', 'titulo', 'solicitante', 'jurisdiccion', 'area', 'agente'] as const;

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholders of `body` that no ticket can fill, in order of appearance, each once. */
export function unknownPlaceholders(body: string): string[] {
  const unknown = new Set<string>();
  for (const [, name] of body.matchAll(PLACEHOLDER)) {
    if (!(CANNED_PLACEHOLDERS as readonly string[]).includes(name ?? '')) unknown.add(name ?? '');
  }
  return [...unknown];
}

/**
 * Every staff member reads every area's answers (a derived ticket is answered with the new area's words);
 * an area's own people write its answers, supervisors and administrators any area's.
 */
export function mayWriteAnswersOf(actor: ActorV1, area: string): boolean {
  if (actor.role === Role.Supervisor || actor.role === Role.Admin) return true;
  return (actor.role === Role.Operator || actor.role === Role.Agent) && actor.area === area;
}
