import { MAX_DUE_WITHIN_HOURS, TICKET_STATUSES } from '@cau/contracts';
import type { TextConversions } from '../http/request-input.js';
import type { QueryParameterDoc } from '../openapi/contract-schemas.js';

/** How the ticket filters' query text becomes `TicketFiltersV1` (the list and the exports share them). */
export const TICKET_FILTER_CONVERSIONS: TextConversions = {
  integers: ['dueWithinHours'],
  booleans: ['overdue', 'waitingOnRequester'],
  lists: ['status'],
};

/** The list adds its order and its page. */
export const TICKET_LIST_CONVERSIONS: TextConversions = {
  ...TICKET_FILTER_CONVERSIONS,
  integers: [...(TICKET_FILTER_CONVERSIONS.integers ?? []), 'before', 'limit'],
};

const DAY_OR_INSTANT = '^\\d{4}-\\d{2}-\\d{2}(T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,6})?)?(Z|[+-]\\d{2}:\\d{2}))?$';
const dayOrInstant = (description: string): QueryParameterDoc => ({
  description:
    `${description} Un día (\`2026-03-01\`, en la zona horaria de la instalación) o un instante con su zona ` +
    '(`2026-03-01T08:00:00-03:00`).',
  schema: { type: 'string', pattern: DAY_OR_INSTANT, example: '2026-03-01' },
});

/** What the filters' OpenAPI parameters say beyond their contract rules. */
export const TICKET_FILTER_DOCS: Record<string, QueryParameterDoc> = {
  status: {
    description:
      'Uno o varios estados (cualquiera de ellos): repetido (`status=abierto&status=en_curso`, como lo envía ' +
      'openapi-fetch) o separado por comas (`status=abierto,en_curso`).',
    style: 'form',
    explode: true,
    schema: { type: 'array', items: { type: 'string', enum: [...TICKET_STATUSES] }, maxItems: TICKET_STATUSES.length },
  },
  area: { description: 'Código del área que tiene el ticket (`UIT`).' },
  priority: { description: 'Prioridad calculada por la matriz de impacto y urgencia.' },
  requester: { description: 'Correo electrónico del solicitante.' },
  jurisdiction: { description: 'Código de la jurisdicción.' },
  text: { description: 'Palabras buscadas en título y descripción (con o sin tildes).' },
  assignee: {
    description:
      'Quién tiene el ticket en su área: `me` (la cuenta que consulta), `none` (nadie lo tomó) o el id de una cuenta.',
    schema: {
      type: 'string',
      pattern: '^(me|none|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$',
      example: 'me',
    },
  },
  overdue: { description: 'Con atraso: `true` si se incumplió un objetivo de SLA, `false` si ninguno.' },
  dueWithinHours: {
    description:
      `Por vencer: la resolución vence dentro de estas horas (1 a ${MAX_DUE_WITHIN_HOURS}) y todavía no venció; ` +
      'excluye tickets resueltos o cerrados y los que esperan al solicitante.',
  },
  waitingOnRequester: { description: 'En espera del solicitante (`true`) o no (`false`).' },
  type: { description: 'Tipo de ticket.' },
  category: { description: 'Código de categoría (`GET /api/v1/catalogue/categories`).' },
  channel: { description: 'Canal por el que llegó.' },
  registeredFrom: dayOrInstant('Registrados desde (inclusive).'),
  registeredTo: dayOrInstant('Registrados hasta (inclusive; un día cuenta entero).'),
  updatedSince: dayOrInstant('Con algún cambio desde.'),
};

export const TICKET_LIST_DOCS: Record<string, QueryParameterDoc> = {
  ...TICKET_FILTER_DOCS,
  sort: {
    description:
      'Orden: `newest` (predeterminado; número descendente), `oldest`, `due` (vencimiento de la resolución, el ' +
      'más próximo primero; sin vencimiento al final), `updated` (último cambio, el más reciente primero), ' +
      '`priority` (ALTA primero; dentro de cada prioridad, el más antiguo primero).',
  },
  cursor: {
    description:
      'Página siguiente: el `nextCursor` de la página anterior, tal como llegó, con los mismos filtros y el mismo `sort`.',
  },
  before: {
    description:
      'Solo con el orden `newest`: los tickets de número menor (el `nextBefore` de la página anterior). ' +
      'Equivale a `cursor`; no se usan juntos.',
  },
  limit: { description: 'Tickets por página (1 a 100; 20 si no se indica).' },
};
