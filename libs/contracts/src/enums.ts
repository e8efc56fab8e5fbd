/**
 * Vocabulary shared by every service. Values are the Spanish words users see (docs/domain.md),
 * so they travel unchanged from the database to the API and the e-mails.
 */

export const Channel = {
  Telefono: 'telefono',
  Email: 'email',
  Whatsapp: 'whatsapp',
  Presencial: 'presencial',
  SesionRemota: 'sesion_remota',
  Portal: 'portal',
  Monitoreo: 'monitoreo',
} as const;
export type Channel = (typeof Channel)[keyof typeof Channel];
export const CHANNELS = Object.values(Channel);

export const TicketType = {
  Solicitud: 'solicitud',
  Incidente: 'incidente',
  IncidenteSeguridad: 'incidente_seguridad',
  Reclamo: 'reclamo',
  AsesoramientoCompras: 'asesoramiento_compras',
} as const;
export type TicketType = (typeof TicketType)[keyof typeof TicketType];
export const TICKET_TYPES = Object.values(TicketType);

/** Impact: how much of the organisation's work is affected (Spanish "impacto", masculine). */
export const Impact = {
  Alto: 'alto',
  Medio: 'medio',
  Bajo: 'bajo',
} as const;
export type Impact = (typeof Impact)[keyof typeof Impact];
export const IMPACTS = Object.values(Impact);

/** Urgency: how soon it must be solved (Spanish "urgencia", feminine). */
export const Urgency = {
  Alta: 'alta',
  Media: 'media',
  Baja: 'baja',
} as const;
export type Urgency = (typeof Urgency)[keyof typeof Urgency];
export const URGENCIES = Object.values(Urgency);

export const Priority = {
  Alta: 'ALTA',
  Media: 'MEDIA',
  Baja: 'BAJA',
} as const;
export type Priority = (typeof Priority)[keyof typeof Priority];
export const PRIORITIES = Object.values(Priority);

export const TicketStatus = {
  Abierto: 'abierto',
  EnCurso: 'en_curso',
  Resuelto: 'resuelto',
  Cerrado: 'cerrado',
  /**
   * Terminal: the ticket was a duplicate and was merged into its original, where the work goes on. Not a
   * closure (no supervisor approved a solution) and never overdue: reports and SLAs leave it out.
   */
  Fusionado: 'fusionado',
} as const;
export type TicketStatus = (typeof TicketStatus)[keyof typeof TicketStatus];
export const TICKET_STATUSES = Object.values(TicketStatus);

/** Default area codes (AGETIC). Areas are configuration; these are the seeded defaults. */
export const DefaultArea = {
  L1: 'L1',
  UIT: 'UIT',
  UPAT: 'UPAT',
  ACGII: 'ACGII',
  ADT: 'ADT',
} as const;
export type DefaultArea = (typeof DefaultArea)[keyof typeof DefaultArea];
/** Area codes are upper-case tokens so they can be embedded in NATS subjects. */
export const AREA_CODE_PATTERN = /^[A-Z][A-Z0-9_]{0,31}$/;

export const Role = {
  Requester: 'requester',
  Referente: 'referente',
  Operator: 'operator',
  Agent: 'agent',
  Supervisor: 'supervisor',
  Admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);
/** Staff roles see every ticket; requesters and referentes see a subset. */
export const STAFF_ROLES: readonly Role[] = [Role.Operator, Role.Agent, Role.Supervisor, Role.Admin];

export const Language = { Es: 'es', En: 'en' } as const;
export type Language = (typeof Language)[keyof typeof Language];
