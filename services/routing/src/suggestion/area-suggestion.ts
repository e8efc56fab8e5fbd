import { DefaultArea, TicketType, type AreaSuggestionV1 } from '@cau/contracts';

/** The areas the procedures name (docs/domain.md § Areas); advice follows the AGETIC defaults. */
export const INFRASTRUCTURE_AREA = DefaultArea.UIT;
const DESIGN_AREA = DefaultArea.ADT;

export interface SuggestionFacts {
  type: TicketType;
  category: string;
  /** NULL for tickets routed before routing recorded titles. */
  title: string | null;
  /** Advice is for the L1 operator deciding where a case goes (9.1 steps 3–5). */
  atEntryArea: boolean;
  /** Where the graph lets the ticket go now; a rule whose area is not among them gives no advice. */
  allowedTargets: readonly string[];
  /** Another ticket of the same category was derived to UIT before (9.1 step 3). */
  categoryHandledByUit: boolean;
}

/*
 * Words that point to a service-availability problem (9.1 step 3) or a functional-design problem
 * (9.1 step 4), matched as whole words in the category and the title, ignoring case and accents. The
 * lists are short on purpose: a suggestion is advice, and every extra word mostly adds false matches.
 */
const AVAILABILITY_WORDS = [
  'disponibilidad',
  'caído',
  'caída',
  'no responde',
  'sin servicio',
  'servidor',
  'servidores',
  'red',
  'conectividad',
];
const DESIGN_WORDS = ['diseño', 'funcional', 'pantalla', 'pantallas', 'formulario', 'formularios', 'flujo'];

/**
 * Where the L1 operator should derive the ticket, or null when L1 handles it itself (9.1 step 5).
 * A security incident goes to UIT, which hands it to ACGII (9.2 3.C); a category UIT handled before or
 * an availability problem goes to UIT (9.1 step 3); a functional-design problem to ADT (9.1 step 4).
 */
export function suggestArea(facts: SuggestionFacts): AreaSuggestionV1 | null {
  if (!facts.atEntryArea) return null;
  const allowed = (area: string) => facts.allowedTargets.includes(area);
  const text = `${facts.category} ${facts.title ?? ''}`;
  if (allowed(INFRASTRUCTURE_AREA)) {
    if (facts.type === TicketType.IncidenteSeguridad) {
      return {
        area: INFRASTRUCTURE_AREA,
        rule: 'security-incident',
        reason: {
          es: 'incidente de seguridad: se deriva a ACGII a través de la UIT (9.2 3.C)',
          en: 'security incident: goes to ACGII through UIT (9.2 3.C)',
        },
      };
    }
    if (facts.categoryHandledByUit) {
      return {
        area: INFRASTRUCTURE_AREA,
        rule: 'handled-by-uit',
        reason: {
          es: `la UIT ya gestionó tickets de la categoría «${facts.category}» (9.1 paso 3)`,
          en: `UIT handled tickets of category "${facts.category}" before (9.1 step 3)`,
        },
      };
    }
    const word = firstWordIn(text, AVAILABILITY_WORDS);
    if (word) {
      return {
        area: INFRASTRUCTURE_AREA,
        rule: 'service-availability',
        reason: {
          es: `problema de disponibilidad de servicio («${word}»): se deriva a la UIT (9.1 paso 3)`,
          en: `service-availability problem ("${word}"): goes to UIT (9.1 step 3)`,
        },
      };
    }
  }
  const word = allowed(DESIGN_AREA) ? firstWordIn(text, DESIGN_WORDS) : undefined;
  if (word) {
    return {
      area: DESIGN_AREA,
      rule: 'functional-design',
      reason: {
        es: `problema de diseño funcional («${word}»): se deriva al ADT (9.1 paso 4)`,
        en: `functional-design problem ("${word}"): goes to ADT (9.1 step 4)`,
      },
    };
  }
  return null;
}

function firstWordIn(text: string, words: readonly string[]): string | undefined {
  const haystack = ` ${fold(text)} `;
  return words.find((word) => haystack.includes(` ${fold(word)} `));
}

/** Lower case, no accents, every run of non-letters one space: "¿Caído?" and "caido" match. */
function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
