import type { Language, TicketStatus } from './enums.js';
import type { DerivationKind } from './procedures/commands.js';

/**
 * Why a service refused a request, as a code and the values to fill in: FORBIDDEN and CONFLICT answers
 * carry one, and the gateway words it in the caller's language (`refusalMessage`). Each code is declared
 * here once, with the parameters its sentence needs; services never send the sentence itself.
 */
export interface RefusalParams {
  // Tickets (resolution): who acts on a ticket.
  'ticket.members-only': { area: string };
  'ticket.review-supervisors-only': NoParams;
  'ticket.reopen-not-allowed': { serviceDesk: string };
  'ticket.accept-requester-only': NoParams;
  'ticket.survey-requester-only': NoParams;
  'ticket.merge-not-allowed': NoParams;
  'ticket.comment-not-allowed': NoParams;
  'ticket.relate-staff-only': NoParams;
  'ticket.internal-note-staff-only': NoParams;
  'ticket.closure-report-not-allowed': NoParams;
  // Tickets (resolution): what the ticket's state allows.
  'ticket.action-not-possible': { action: string; status: TicketStatus; allowedFrom: readonly TicketStatus[] };
  'ticket.submit-not-at-service-desk': { serviceDesk: string; area: string };
  'ticket.submit-no-solution': NoParams;
  'ticket.submit-waiting-requester': NoParams;
  'ticket.reopen-window-over': { days: number; since: 'closure' | 'resolution'; deadline: string };
  'ticket.already-waiting': NoParams;
  'ticket.not-waiting': NoParams;
  /** `original` is missing while the original's number is unknown here. */
  'ticket.merged-comment': { number: number; original?: number };
  'ticket.merge-into-duplicate-original': { number: number; duplicates: readonly number[] };
  /** `into` is missing while that ticket's number is unknown here. */
  'ticket.merge-original-merged': { number: number; into?: number };
  'ticket.merge-original-closed': { number: number };
  'ticket.no-area-yet': { number: number };
  'ticket.in-other-area': { number: number; area: string; addressed: string };
  'ticket.registration-pending': NoParams;
  'ticket.survey-answered': NoParams;
  'ticket.sign-off-missing': NoParams;
  'ticket.sign-off-not-conforme': NoParams;
  // Service levels and calendars (resolution).
  'sla.read-staff-only': NoParams;
  'sla.change-admins-only': NoParams;
  'calendars.read-staff-only': NoParams;
  'calendars.change-admins-only': NoParams;
  // Problems (resolution).
  'problem.read-staff-only': NoParams;
  'problem.create-not-allowed': { area: string };
  'problem.edit-not-allowed': { area: string };
  'problem.close-or-move-supervisors-only': NoParams;
  'problem.closed': NoParams;
  'problem.closed-no-links': NoParams;
  'problem.actions-full': { limit: number };
  'problem.tickets-linked-elsewhere': { numbers: readonly number[] };
  'problem.tickets-just-linked': { numbers: readonly number[] };
  // Routing.
  'routing.staff-only': NoParams;
  'routing.graph-admins-only': NoParams;
  'routing.matrix-admins-only': NoParams;
  'routing.requesters-do-not-derive': NoParams;
  'routing.operator-entry-area-only': { entryArea: string; area: string };
  'routing.agent-without-area': NoParams;
  'routing.agent-own-area-derive': { ownArea: string; area: string };
  'routing.requesters-do-not-classify': NoParams;
  'routing.agent-own-area-classify': { ownArea: string; area: string };
  'routing.ticket-merged': { number: number };
  'routing.ticket-closed': { number: number };
  'routing.unknown-area': { from: string; to: string; allowed: readonly string[] };
  'routing.no-edge': { from: string; to: string; allowed: readonly string[] };
  'routing.wrong-kind': { from: string; to: string; kind: DerivationKind; allowed: readonly string[] };
  // Who sees a ticket (routing, reporting).
  'ticket.requester-own-only': NoParams;
  'ticket.referente-without-jurisdiction': NoParams;
  'ticket.referente-jurisdiction-only': { jurisdiction: string };
  // Intake.
  'intake.referente-jurisdiction-only': { jurisdiction?: string };
  'intake.requester-own-name-only': NoParams;
  'intake.requester-portal-only': NoParams;
  'intake.requesters-staff-only': NoParams;
  'intake.alerts-staff-only': NoParams;
  'intake.integrations-admins-only': NoParams;
  'intake.catalogues-admins-only': NoParams;
  // Inventory.
  'inventory.read-staff-only': NoParams;
  'inventory.write-staff-only': NoParams;
  'inventory.import-supervisors-only': NoParams;
  'inventory.in-repair': NoParams;
  'inventory.decommissioned': NoParams;
  'inventory.repair-returned': NoParams;
  'inventory.decommissioned-no-custody': NoParams;
  /** `held`: someone holds it (a transfer), or nobody yet (an assignment). */
  'inventory.in-repair-no-custody': { held: 'yes' | 'no' };
  'inventory.already-held': NoParams;
  'inventory.not-held': NoParams;
  'inventory.custody-holder-only': NoParams;
  'inventory.custody-accepted': NoParams;
  'inventory.custody-ended': NoParams;
  'inventory.custody-document-changed': NoParams;
  'inventory.sign-off-no-field-work': NoParams;
  'inventory.number-taken': { inventoryNumber: string };
  'inventory.equipment-changed': { current: number; read: number };
  'inventory.visit-recorded': NoParams;
  // Knowledge.
  'knowledge.staff-only-drafts': NoParams;
  'knowledge.staff-only-versions': NoParams;
  'knowledge.staff-only-writing': NoParams;
  'knowledge.admins-only-index': NoParams;
  'knowledge.staff-only-search-drafts': NoParams;
  'knowledge.ticket-without-solution': NoParams;
  'knowledge.article-changed': { revision: number };
  'knowledge.archived-not-edited': NoParams;
  'knowledge.already-published': NoParams;
  'knowledge.already-archived': NoParams;
  'knowledge.only-published-solves': NoParams;
  // Notifications.
  'notifications.mails-admins-only': NoParams;
  'notifications.delivery-not-failed': { status: string };
  'notifications.ticket-mails-staff-only': NoParams;
  'notifications.inbound-not-failed': { status: string };
  'notifications.inbound-admins-only': NoParams;
  'notifications.rules-staff-only': NoParams;
  'notifications.rules-admins-only': NoParams;
  'notifications.whatsapp-not-resendable': NoParams;
  'notifications.announcements-admins-only': NoParams;
  // Reporting.
  'reporting.schedules-admins-only': NoParams;
  'reporting.step-targets-admins-only': NoParams;
  'reporting.rebuild-admins-only': NoParams;
  'reporting.scope-breakdown': { dimension: string; value: string; breakdown: string };
  'reporting.roles-only': NoParams;
  // Gateway.
  'gateway.roles-required': { roles: readonly string[] };
  'gateway.metrics-token': NoParams;
  'gateway.email-has-account': NoParams;
  'gateway.views-full': { limit: number };
  'gateway.view-owner-only': NoParams;
  'gateway.view-name-taken': { name: string };
  'gateway.canned-answers-not-allowed': { area: string };
  'gateway.canned-answer-title-taken': { title: string };
  'gateway.whatsapp-verify-token': NoParams;
  'gateway.account-search-admins-only': NoParams;
  'gateway.account-disabled': NoParams;
}

type NoParams = Record<string, never>;
export type RefusalCode = keyof RefusalParams;

/** A refusal on the wire; codes without parameters may leave `params` out. */
export type Refusal = {
  [C in RefusalCode]: RefusalParams[C] extends NoParams
    ? { code: C; params?: NoParams }
    : { code: C; params: RefusalParams[C] };
}[RefusalCode];

type Catalogue = { [C in RefusalCode]: (params: RefusalParams[C]) => string };

const STATUS_ES: Record<TicketStatus, string> = {
  abierto: 'abierto',
  en_curso: 'en curso',
  resuelto: 'resuelto',
  cerrado: 'cerrado',
  fusionado: 'fusionado',
};
const STATUS_EN: Record<TicketStatus, string> = {
  abierto: 'open',
  en_curso: 'in progress',
  resuelto: 'resolved',
  cerrado: 'closed',
  fusionado: 'merged',
};
const KIND_ES: Record<DerivationKind, string> = {
  escalate: 'escalamiento',
  coordinate: 'coordinación',
  return: 'devolución',
};
// A value this build does not know (a status added later) is shown as its code.
const statusEs = (status: TicketStatus): string => STATUS_ES[status] ?? status;
const statusEn = (status: TicketStatus): string => STATUS_EN[status] ?? status;
const kindEs = (kind: DerivationKind): string => KIND_ES[kind] ?? kind;
const tickets = (numbers: readonly number[]): string => numbers.map((n) => `#${n}`).join(', ');
const targetsEs = (allowed: readonly string[]): string => (allowed.length > 0 ? allowed.join(', ') : 'ninguno');
const targetsEn = (allowed: readonly string[]): string => (allowed.length > 0 ? allowed.join(', ') : 'none');

/** Sentences start lower-case: they follow "No tiene permiso…:" or "Conflicto:". */
const REFUSALS: Record<Language, Catalogue> = {
  es: {
    'ticket.members-only': (p) =>
      `solo los miembros del área ${p.area}, los supervisores y los administradores actúan sobre este ticket`,
    'ticket.review-supervisors-only': () =>
      'solo los supervisores y los administradores revisan las soluciones y cierran los tickets',
    'ticket.reopen-not-allowed': (p) =>
      `solo el solicitante del ticket, el referente de su jurisdicción, la Mesa de Servicios (${p.serviceDesk}) o un supervisor lo reabren`,
    'ticket.accept-requester-only': () =>
      'solo el solicitante del ticket o el referente de su jurisdicción aceptan la solución',
    'ticket.survey-requester-only': () => 'solo el solicitante del ticket responde la encuesta',
    'ticket.merge-not-allowed': () =>
      'solo la Mesa de Servicios, los supervisores, los administradores y los agentes del área que tiene ambos tickets fusionan un duplicado',
    'ticket.comment-not-allowed': () =>
      'solo el solicitante del ticket, el referente de su jurisdicción y el personal del CAU comentan en él',
    'ticket.relate-staff-only': () => 'solo el personal del CAU relaciona tickets entre sí',
    'ticket.internal-note-staff-only': () =>
      'solo el personal del CAU escribe notas internas; el solicitante y el referente comentan en público',
    'ticket.closure-report-not-allowed': () =>
      'solo el personal del CAU, el solicitante del ticket y el referente de su jurisdicción ven su informe de cierre',
    'ticket.action-not-possible': (p) =>
      `la acción «${p.action}» no es posible con el ticket ${statusEs(p.status)} (solo ${p.allowedFrom.map(statusEs).join(' o ')})`,
    'ticket.submit-not-at-service-desk': (p) =>
      `solo la Mesa de Servicios (${p.serviceDesk}) deriva la solución al supervisor y el ticket está en el área ${p.area}; el área debe devolverle la solución primero`,
    'ticket.submit-no-solution': () => 'primero debe registrarse la solución del ticket',
    'ticket.submit-waiting-requester': () =>
      'el ticket espera una respuesta del solicitante; reanúdelo antes de derivar la solución',
    'ticket.reopen-window-over': (p) =>
      `el plazo para reabrir venció: ${p.days} días desde ${p.since === 'closure' ? 'el cierre' : 'la resolución'} (${p.deadline})`,
    'ticket.already-waiting': () => 'el ticket ya está esperando una respuesta del solicitante',
    'ticket.not-waiting': () => 'el ticket no está esperando una respuesta del solicitante',
    'ticket.merged-comment': (p) => {
      const where = p.original === undefined ? 'su original' : `el ticket ${p.original}`;
      return `el ticket ${p.number} fue fusionado en ${where}; responda o anote en ${where}`;
    },
    'ticket.merge-into-duplicate-original': (p) =>
      `el ticket ${p.number} es el original de ${tickets(p.duplicates)}; no se fusiona un ticket que tiene duplicados fusionados en él`,
    'ticket.merge-original-merged': (p) =>
      `el ticket ${p.number} ya fue fusionado en ${p.into === undefined ? 'otro ticket' : `el ticket ${p.into}`}; fusione el duplicado en ese original`,
    'ticket.merge-original-closed': (p) =>
      `el ticket ${p.number} está cerrado; no se fusiona un duplicado en un ticket cerrado (reábralo o relaciónelos)`,
    'ticket.no-area-yet': (p) => `el ticket ${p.number} todavía no fue asignado a un área`,
    'ticket.in-other-area': (p) => `el ticket ${p.number} está en el área ${p.area}, no en ${p.addressed}`,
    'ticket.registration-pending': () =>
      'el registro del ticket todavía no llegó a este servicio; intente de nuevo en unos segundos',
    'ticket.survey-answered': () => 'la encuesta de este ticket ya fue respondida',
    'ticket.sign-off-missing': () =>
      'la atención en campo no tiene la conformidad firmada por el usuario, el jefe del área y el técnico: regístrela en la sección Conformidad del ticket, o indique por qué se cierra sin ella',
    'ticket.sign-off-not-conforme': () =>
      'el usuario firmó que no está conforme con la atención en campo: resuelva lo pendiente, o indique por qué se cierra igual',
    'sla.read-staff-only': () => 'solo el personal del CAU consulta los niveles de servicio',
    'sla.change-admins-only': () => 'solo los administradores cambian los niveles de servicio',
    'calendars.read-staff-only': () => 'solo el personal del CAU consulta los calendarios hábiles',
    'calendars.change-admins-only': () => 'solo los administradores cambian los calendarios y feriados',
    'problem.read-staff-only': () => 'solo el personal del CAU ve los problemas',
    'problem.create-not-allowed': (p) =>
      `solo el personal del área ${p.area}, supervisores o administradores crean sus problemas`,
    'problem.edit-not-allowed': (p) =>
      `solo el personal del área ${p.area}, supervisores o administradores cambian este problema`,
    'problem.close-or-move-supervisors-only': () =>
      'solo supervisores o administradores cierran un problema o lo pasan a otra área',
    'problem.closed': () => 'el problema está cerrado: ya no cambia',
    'problem.closed-no-links': () => 'el problema está cerrado: no se le vinculan incidentes',
    'problem.actions-full': (p) => `el problema ya registra ${p.limit} acciones`,
    'problem.tickets-linked-elsewhere': (p) =>
      p.numbers.length === 1
        ? `el ticket ${tickets(p.numbers)} ya está vinculado a otro problema: desvincúlelo allí primero`
        : `los tickets ${tickets(p.numbers)} ya están vinculados a otro problema: desvincúlelos allí primero`,
    'problem.tickets-just-linked': (p) =>
      p.numbers.length === 1
        ? `${tickets(p.numbers)} acaba de vincularse a otro problema`
        : `${tickets(p.numbers)} acaban de vincularse a otro problema`,
    'routing.staff-only': () => 'solo el personal de la mesa de servicios y de las áreas puede consultarlo',
    'routing.graph-admins-only': () => 'solo un administrador configura las áreas y el grafo de derivación',
    'routing.matrix-admins-only': () => 'solo un administrador configura la matriz de prioridad',
    'routing.requesters-do-not-derive': () => 'los solicitantes y referentes no derivan tickets',
    'routing.operator-entry-area-only': (p) =>
      `un operador solo deriva tickets que están en ${p.entryArea}; este está en ${p.area}`,
    'routing.agent-without-area': () => 'la cuenta de agente no tiene un área asignada',
    'routing.agent-own-area-derive': (p) =>
      `un agente solo deriva tickets de su área (${p.ownArea}); este está en ${p.area}`,
    'routing.requesters-do-not-classify': () => 'los solicitantes y referentes no clasifican tickets',
    'routing.agent-own-area-classify': (p) =>
      `un agente solo reclasifica tickets de su área (${p.ownArea}); este está en ${p.area}`,
    'routing.ticket-merged': (p) =>
      `el ticket #${p.number} se fusionó en otro ticket: se trabaja en el original, no se deriva`,
    'routing.ticket-closed': (p) => `el ticket #${p.number} está cerrado: se reabre antes de derivarlo`,
    'routing.unknown-area': (p) =>
      `no se puede derivar de ${p.from} a ${p.to}: el área ${p.to} no existe; destinos permitidos: ${targetsEs(p.allowed)}`,
    'routing.no-edge': (p) =>
      `no se puede derivar de ${p.from} a ${p.to}; destinos permitidos: ${targetsEs(p.allowed)}`,
    'routing.wrong-kind': (p) =>
      `no se puede derivar de ${p.from} a ${p.to} como ${kindEs(p.kind)}; destinos permitidos como ${kindEs(p.kind)}: ${targetsEs(p.allowed)}`,
    'ticket.requester-own-only': () => 'un solicitante solo puede ver sus propios tickets',
    'ticket.referente-without-jurisdiction': () => 'la cuenta de referente no tiene una jurisdicción asignada',
    'ticket.referente-jurisdiction-only': (p) =>
      `un referente solo puede ver los tickets de su jurisdicción (${p.jurisdiction})`,
    'intake.referente-jurisdiction-only': (p) =>
      `un referente solo registra tickets de su jurisdicción (${p.jurisdiction ?? '—'})`,
    'intake.requester-own-name-only': () => 'un solicitante solo registra tickets a su propio nombre',
    'intake.requester-portal-only': () => 'un solicitante registra sus tickets por el portal',
    'intake.requesters-staff-only': () => 'solo el personal de la mesa consulta y busca solicitantes',
    'intake.alerts-staff-only': () => 'solo el personal del CAU ve las alertas',
    'intake.integrations-admins-only': () => 'solo los administradores configuran las integraciones de monitoreo',
    'intake.catalogues-admins-only': () => 'solo un administrador cambia los catálogos',
    'inventory.read-staff-only': () => 'solo el personal de la mesa de servicios y de las áreas consulta el inventario',
    'inventory.write-staff-only': () => 'solo el personal de la mesa de servicios y de las áreas registra equipos',
    'inventory.import-supervisors-only': () => 'solo un supervisor o un administrador importa el inventario',
    'inventory.in-repair': () => 'el equipo ya está en reparación',
    'inventory.decommissioned': () => 'el equipo está dado de baja',
    'inventory.repair-returned': () => 'el equipo ya volvió de esta reparación',
    'inventory.decommissioned-no-custody': () => 'el equipo está dado de baja: no se asigna a nadie',
    'inventory.in-repair-no-custody': (p) =>
      `el equipo está en reparación: se ${p.held === 'yes' ? 'transfiere' : 'asigna'} cuando vuelva y se registre su estado`,
    'inventory.already-held': () => 'esa persona ya tiene el equipo en resguardo',
    'inventory.not-held': () => 'el equipo no está en resguardo de nadie',
    'inventory.custody-holder-only': () => 'solo la persona que tiene el equipo acepta su resguardo',
    'inventory.custody-accepted': () => 'este resguardo ya fue aceptado y no se cambia',
    'inventory.custody-ended': () => 'este resguardo terminó: el equipo ya no está a su cargo',
    'inventory.custody-document-changed': () =>
      'el documento cambió desde que lo leyó: vuelva a leerlo antes de aceptarlo',
    'inventory.sign-off-no-field-work': () =>
      'el ticket no tiene una atención en campo registrada (una visita registrada o una salida a reparación)',
    'inventory.number-taken': (p) => `ya hay otro equipo con el número de inventario «${p.inventoryNumber}»`,
    'inventory.equipment-changed': (p) =>
      `el equipo cambió mientras lo editaba (revisión ${p.current}, no ${p.read}); vuelva a leerlo`,
    'inventory.visit-recorded': () => 'la visita ya está registrada',
    'knowledge.staff-only-drafts': () => 'solo el personal ve borradores, archivados o artículos internos',
    'knowledge.staff-only-versions': () => 'solo el personal de soporte ve las versiones',
    'knowledge.staff-only-writing': () => 'solo el personal de soporte escribe artículos',
    'knowledge.admins-only-index': () => 'solo un administrador reconstruye el índice',
    'knowledge.staff-only-search-drafts': () => 'solo el personal puede buscar borradores o artículos archivados',
    'knowledge.ticket-without-solution': () => 'el ticket todavía no tiene una solución registrada',
    'knowledge.article-changed': (p) => `el artículo cambió mientras lo editaba (revisión actual ${p.revision})`,
    'knowledge.archived-not-edited': () => 'un artículo archivado no se edita; publíquelo de nuevo antes',
    'knowledge.already-published': () => 'el artículo ya está publicado',
    'knowledge.already-archived': () => 'el artículo ya está archivado',
    'knowledge.only-published-solves': () => 'solo un artículo publicado puede resolver un problema',
    'notifications.mails-admins-only': () => 'solo los administradores gestionan los correos',
    'notifications.delivery-not-failed': (p) => `el envío está ${p.status}; solo se reintenta un envío fallido`,
    'notifications.ticket-mails-staff-only': () => 'solo el personal lee los correos de un ticket',
    'notifications.inbound-not-failed': (p) => `el correo está ${p.status}; solo se reintenta un correo fallido`,
    'notifications.inbound-admins-only': () => 'solo los administradores ven y reintentan los correos recibidos',
    'notifications.rules-staff-only': () => 'solo el personal consulta a quién se avisa por correo',
    'notifications.rules-admins-only': () => 'solo un administrador configura los avisos por correo',
    'notifications.whatsapp-not-resendable': () =>
      'solo se vuelve a enviar un mensaje de WhatsApp fallido o de entrega incierta',
    'notifications.announcements-admins-only': () => 'solo un administrador publica comunicados',
    'reporting.schedules-admins-only': () => 'solo un administrador configura los reportes programados',
    'reporting.step-targets-admins-only': () => 'solo un administrador puede cambiar las metas por actividad',
    'reporting.rebuild-admins-only': () => 'solo un administrador puede reconstruir los reportes',
    'reporting.scope-breakdown': (p) =>
      `con alcance de ${p.dimension} ${p.value}, el informe no se desglosa por ${p.breakdown}`,
    'reporting.roles-only': () =>
      'los reportes son para operadores, supervisores y administradores, y para agentes y referentes sobre su área o jurisdicción',
    'gateway.roles-required': (p) =>
      p.roles.length === 1 ? `se requiere el rol ${p.roles[0]}` : `se requiere uno de los roles ${p.roles.join(', ')}`,
    'gateway.metrics-token': () => 'las métricas se leen desde el propio servidor o con el token METRICS_TOKEN',
    'gateway.email-has-account': () =>
      'esta dirección ya tiene una cuenta: ingrese con ella o restablezca la contraseña',
    'gateway.views-full': (p) => `la cuenta ya tiene ${p.limit} vistas guardadas; borre alguna antes`,
    'gateway.view-owner-only': () => 'solo quien creó la vista puede cambiarla o borrarla',
    'gateway.view-name-taken': (p) => `ya tiene una vista llamada «${p.name}»`,
    'gateway.canned-answers-not-allowed': (p) =>
      `solo el personal del área ${p.area}, la supervisión o la administración escriben sus respuestas predefinidas`,
    'gateway.canned-answer-title-taken': (p) => `el área ya tiene una respuesta predefinida llamada «${p.title}»`,
    'gateway.whatsapp-verify-token': () => 'el token de verificación no coincide',
    'gateway.account-search-admins-only': () =>
      'solo un administrador puede buscar cuentas de solicitantes o referentes',
    'gateway.account-disabled': () => 'la cuenta está deshabilitada: habilítela antes de enviarle un enlace',
  },
  en: {
    'ticket.members-only': (p) =>
      `only the members of area ${p.area}, supervisors and administrators act on this ticket`,
    'ticket.review-supervisors-only': () => 'only supervisors and administrators review solutions and close tickets',
    'ticket.reopen-not-allowed': (p) =>
      `only the ticket's requester, the referente of its jurisdiction, the service desk (${p.serviceDesk}) or a supervisor reopen it`,
    'ticket.accept-requester-only': () =>
      "only the ticket's requester or the referente of its jurisdiction accept the solution",
    'ticket.survey-requester-only': () => "only the ticket's requester answers the survey",
    'ticket.merge-not-allowed': () =>
      'only the service desk, supervisors, administrators and the agents of the area holding both tickets merge a duplicate',
    'ticket.comment-not-allowed': () =>
      "only the ticket's requester, the referente of its jurisdiction and the CAU's staff comment on it",
    'ticket.relate-staff-only': () => "only the CAU's staff relate tickets to each other",
    'ticket.internal-note-staff-only': () =>
      "only the CAU's staff write internal notes; the requester and the referente comment in public",
    'ticket.closure-report-not-allowed': () =>
      "only the CAU's staff, the ticket's requester and the referente of its jurisdiction see its closure report",
    'ticket.action-not-possible': (p) =>
      `the action "${p.action}" is not possible with the ticket ${statusEn(p.status)} (only ${p.allowedFrom.map(statusEn).join(' or ')})`,
    'ticket.submit-not-at-service-desk': (p) =>
      `only the service desk (${p.serviceDesk}) derives the solution to the supervisor and the ticket is in area ${p.area}; that area must return the solution first`,
    'ticket.submit-no-solution': () => "the ticket's solution must be registered first",
    'ticket.submit-waiting-requester': () =>
      'the ticket is waiting for an answer from the requester; resume it before deriving the solution',
    'ticket.reopen-window-over': (p) =>
      `the time to reopen is over: ${p.days} days since the ${p.since === 'closure' ? 'closure' : 'resolution'} (${p.deadline})`,
    'ticket.already-waiting': () => 'the ticket is already waiting for an answer from the requester',
    'ticket.not-waiting': () => 'the ticket is not waiting for an answer from the requester',
    'ticket.merged-comment': (p) => {
      const where = p.original === undefined ? 'its original' : `ticket ${p.original}`;
      return `ticket ${p.number} was merged into ${where}; answer or write notes on ${where}`;
    },
    'ticket.merge-into-duplicate-original': (p) =>
      `ticket ${p.number} is the original of ${tickets(p.duplicates)}; a ticket with duplicates merged into it is not merged`,
    'ticket.merge-original-merged': (p) =>
      `ticket ${p.number} was already merged into ${p.into === undefined ? 'another ticket' : `ticket ${p.into}`}; merge the duplicate into that original`,
    'ticket.merge-original-closed': (p) =>
      `ticket ${p.number} is closed; a duplicate is not merged into a closed ticket (reopen it or relate them)`,
    'ticket.no-area-yet': (p) => `ticket ${p.number} has not been assigned to an area yet`,
    'ticket.in-other-area': (p) => `ticket ${p.number} is in area ${p.area}, not in ${p.addressed}`,
    'ticket.registration-pending': () =>
      "the ticket's registration has not reached this service yet; try again in a few seconds",
    'ticket.survey-answered': () => "this ticket's survey was already answered",
    'ticket.sign-off-missing': () =>
      "the field attention has no sign-off by the user, the area's head and the technician: record it in the ticket's Sign-off section, or say why it is closed without it",
    'ticket.sign-off-not-conforme': () =>
      'the user signed that they are not satisfied with the field attention: solve what is pending, or say why it is closed anyway',
    'sla.read-staff-only': () => "only the CAU's staff read the service levels",
    'sla.change-admins-only': () => 'only administrators change the service levels',
    'calendars.read-staff-only': () => "only the CAU's staff read the business calendars",
    'calendars.change-admins-only': () => 'only administrators change calendars and holidays',
    'problem.read-staff-only': () => "only the CAU's staff see problems",
    'problem.create-not-allowed': (p) =>
      `only the staff of area ${p.area}, supervisors or administrators create its problems`,
    'problem.edit-not-allowed': (p) =>
      `only the staff of area ${p.area}, supervisors or administrators change this problem`,
    'problem.close-or-move-supervisors-only': () =>
      'only supervisors or administrators close a problem or move it to another area',
    'problem.closed': () => 'the problem is closed: it no longer changes',
    'problem.closed-no-links': () => 'the problem is closed: no incidents are linked to it',
    'problem.actions-full': (p) => `the problem already records ${p.limit} actions`,
    'problem.tickets-linked-elsewhere': (p) =>
      p.numbers.length === 1
        ? `ticket ${tickets(p.numbers)} is already linked to another problem: unlink it there first`
        : `tickets ${tickets(p.numbers)} are already linked to another problem: unlink them there first`,
    'problem.tickets-just-linked': (p) => `${tickets(p.numbers)} just got linked to another problem`,
    'routing.staff-only': () => "only the service desk's and the areas' staff may read it",
    'routing.graph-admins-only': () => 'only an administrator configures the areas and the derivation graph',
    'routing.matrix-admins-only': () => 'only an administrator configures the priority matrix',
    'routing.requesters-do-not-derive': () => 'requesters and referentes do not derive tickets',
    'routing.operator-entry-area-only': (p) =>
      `an operator only derives tickets that are in ${p.entryArea}; this one is in ${p.area}`,
    'routing.agent-without-area': () => 'the agent account has no area assigned',
    'routing.agent-own-area-derive': (p) =>
      `an agent only derives tickets of their area (${p.ownArea}); this one is in ${p.area}`,
    'routing.requesters-do-not-classify': () => 'requesters and referentes do not classify tickets',
    'routing.agent-own-area-classify': (p) =>
      `an agent only reclassifies tickets of their area (${p.ownArea}); this one is in ${p.area}`,
    'routing.ticket-merged': (p) =>
      `ticket #${p.number} was merged into another ticket: the work goes on in the original, it is not derived`,
    'routing.ticket-closed': (p) => `ticket #${p.number} is closed: reopen it before deriving it`,
    'routing.unknown-area': (p) =>
      `it cannot be derived from ${p.from} to ${p.to}: area ${p.to} does not exist; allowed targets: ${targetsEn(p.allowed)}`,
    'routing.no-edge': (p) =>
      `it cannot be derived from ${p.from} to ${p.to}; allowed targets: ${targetsEn(p.allowed)}`,
    'routing.wrong-kind': (p) =>
      `it cannot be derived from ${p.from} to ${p.to} as ${p.kind}; allowed targets as ${p.kind}: ${targetsEn(p.allowed)}`,
    'ticket.requester-own-only': () => 'a requester may only see their own tickets',
    'ticket.referente-without-jurisdiction': () => 'the referente account has no jurisdiction assigned',
    'ticket.referente-jurisdiction-only': (p) =>
      `a referente may only see the tickets of their jurisdiction (${p.jurisdiction})`,
    'intake.referente-jurisdiction-only': (p) =>
      `a referente only registers tickets of their jurisdiction (${p.jurisdiction ?? '—'})`,
    'intake.requester-own-name-only': () => 'a requester only registers tickets in their own name',
    'intake.requester-portal-only': () => 'a requester registers their tickets on the portal',
    'intake.requesters-staff-only': () => "only the service desk's staff read and search requesters",
    'intake.alerts-staff-only': () => "only the CAU's staff see the alerts",
    'intake.integrations-admins-only': () => 'only administrators configure the monitoring integrations',
    'intake.catalogues-admins-only': () => 'only an administrator changes the catalogues',
    'inventory.read-staff-only': () => "only the service desk's and the areas' staff read the inventory",
    'inventory.write-staff-only': () => "only the service desk's and the areas' staff record equipment",
    'inventory.import-supervisors-only': () => 'only a supervisor or an administrator imports the inventory',
    'inventory.in-repair': () => 'the equipment is already out for repair',
    'inventory.decommissioned': () => 'the equipment is decommissioned',
    'inventory.repair-returned': () => 'the equipment already came back from this repair',
    'inventory.decommissioned-no-custody': () => 'the equipment is decommissioned: it is not assigned to anyone',
    'inventory.in-repair-no-custody': (p) =>
      `the equipment is out for repair: it is ${p.held === 'yes' ? 'transferred' : 'assigned'} once it is back and its state recorded`,
    'inventory.already-held': () => 'that person already holds the equipment',
    'inventory.not-held': () => 'nobody holds the equipment',
    'inventory.custody-holder-only': () => 'only the person holding the equipment accepts its custody document',
    'inventory.custody-accepted': () => 'this custody document was already accepted and does not change',
    'inventory.custody-ended': () => 'this custody period is over: the equipment is no longer in their care',
    'inventory.custody-document-changed': () =>
      'the document changed since it was read: read it again before accepting it',
    'inventory.sign-off-no-field-work': () =>
      'the ticket has no field attention recorded (a recorded visit or a repair)',
    'inventory.number-taken': (p) => `another piece of equipment has inventory number "${p.inventoryNumber}"`,
    'inventory.equipment-changed': (p) =>
      `the equipment changed while it was being edited (revision ${p.current}, not ${p.read}); read it again`,
    'inventory.visit-recorded': () => 'the visit is already recorded',
    'knowledge.staff-only-drafts': () => 'only staff see drafts, archived or internal articles',
    'knowledge.staff-only-versions': () => 'only support staff see the versions',
    'knowledge.staff-only-writing': () => 'only support staff write articles',
    'knowledge.admins-only-index': () => 'only an administrator rebuilds the index',
    'knowledge.staff-only-search-drafts': () => 'only staff may search drafts or archived articles',
    'knowledge.ticket-without-solution': () => 'the ticket has no registered solution yet',
    'knowledge.article-changed': (p) =>
      `the article changed while it was being edited (current revision ${p.revision})`,
    'knowledge.archived-not-edited': () => 'an archived article is not edited; publish it again first',
    'knowledge.already-published': () => 'the article is already published',
    'knowledge.already-archived': () => 'the article is already archived',
    'knowledge.only-published-solves': () => 'only a published article may solve a problem',
    'notifications.mails-admins-only': () => 'only administrators manage mails',
    'notifications.delivery-not-failed': (p) => `the delivery is ${p.status}; only a failed delivery can be retried`,
    'notifications.ticket-mails-staff-only': () => "only staff read a ticket's mails",
    'notifications.inbound-not-failed': (p) => `the mail is ${p.status}; only a failed mail can be retried`,
    'notifications.inbound-admins-only': () => 'only administrators see and retry received mails',
    'notifications.rules-staff-only': () => 'only staff read who is told by mail',
    'notifications.rules-admins-only': () => 'only an administrator configures the mail notices',
    'notifications.whatsapp-not-resendable': () => 'only a failed or uncertain WhatsApp message can be sent again',
    'notifications.announcements-admins-only': () => 'only an administrator publishes announcements',
    'reporting.schedules-admins-only': () => 'only an administrator configures scheduled reports',
    'reporting.step-targets-admins-only': () => 'only an administrator may change the targets per activity',
    'reporting.rebuild-admins-only': () => 'only an administrator may rebuild the reports',
    'reporting.scope-breakdown': (p) =>
      `with the scope ${p.dimension} ${p.value}, the report is not broken down by ${p.breakdown}`,
    'reporting.roles-only': () =>
      'reports are for operators, supervisors and administrators, and for agents and referentes about their area or jurisdiction',
    'gateway.roles-required': (p) =>
      p.roles.length === 1
        ? `the role ${p.roles[0]} is required`
        : `one of the roles ${p.roles.join(', ')} is required`,
    'gateway.metrics-token': () => 'metrics are read from the server itself or with the METRICS_TOKEN token',
    'gateway.email-has-account': () => 'this address already has an account: sign in with it or reset the password',
    'gateway.views-full': (p) => `the account already has ${p.limit} saved views; delete one first`,
    'gateway.view-owner-only': () => 'only whoever created the view may change or delete it',
    'gateway.view-name-taken': (p) => `you already have a view named "${p.name}"`,
    'gateway.canned-answers-not-allowed': (p) =>
      `only the staff of area ${p.area}, supervisors or administrators write its canned answers`,
    'gateway.canned-answer-title-taken': (p) => `the area already has a canned answer titled "${p.title}"`,
    'gateway.whatsapp-verify-token': () => 'the verification token does not match',
    'gateway.account-search-admins-only': () => 'only an administrator may search requester or referente accounts',
    'gateway.account-disabled': () => 'the account is disabled: enable it before sending it a link',
  },
};

/** Every declared code, for checks over the whole catalogue. */
export const REFUSAL_CODES = Object.keys(REFUSALS.es) as RefusalCode[];

/**
 * The refusal as a sentence in `language`; null for a code this build does not know (a newer service
 * answering an older gateway), so the answer keeps its status and general message.
 */
export function refusalMessage(refusal: Refusal, language: Language): string | null {
  const template = REFUSALS[language][refusal.code] as ((params: object) => string) | undefined;
  return template ? template(refusal.params ?? {}) : null;
}
