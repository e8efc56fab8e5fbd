import { Type } from 'class-transformer';
import { IsString, ValidateNested } from 'class-validator';
import { Channel, Impact, TicketType, Urgency } from './enums.js';
import { LocalizedTextV1 } from './reply-parts.js';
import { Documented } from './reply-schema.js';

/**
 * What the portal's "report a problem" form offers. Categories are intake's administered catalogue
 * (./catalogue-admin.ts); the other lists are the registration vocabulary of ./enums.ts with words people read.
 */
export interface LocalizedLabelV1 {
  es: string;
  en: string;
}

/** One value of a registration list, with its words. */
export class CatalogueEntryV1 {
  /** The value registration takes (`type`, `impact`, `urgency`, `channel`, `service`). */
  @IsString()
  @Documented({ description: 'El valor que se envía al registrar', example: 'impresoras' })
  code!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  @Documented({ description: 'Lo que se muestra, en español e inglés' })
  label!: LocalizedTextV1;
}

/** An active category with its active subcategories (codes registration also takes). */
export class CategoryTreeEntryV1 {
  @IsString()
  @Documented({ description: 'El valor que se envía como `category` al registrar', example: 'impresoras' })
  code!: string;

  @ValidateNested()
  @Type(() => LocalizedTextV1)
  @Documented({ description: 'Lo que se muestra, en español e inglés' })
  label!: LocalizedTextV1;

  @ValidateNested({ each: true })
  @Type(() => CatalogueEntryV1)
  @Documented({ description: 'Subcategorías activas (también se aceptan como `category`); vacío si no tiene' })
  children!: CatalogueEntryV1[];
}

export class CatalogueOptionsV1 {
  @ValidateNested({ each: true })
  @Type(() => CatalogueEntryV1)
  @Documented({ description: 'Valores de `type`' })
  types!: CatalogueEntryV1[];

  @ValidateNested({ each: true })
  @Type(() => CatalogueEntryV1)
  @Documented({ description: 'Valores de `impact`' })
  impacts!: CatalogueEntryV1[];

  @ValidateNested({ each: true })
  @Type(() => CatalogueEntryV1)
  @Documented({ description: 'Valores de `urgency`' })
  urgencies!: CatalogueEntryV1[];

  @ValidateNested({ each: true })
  @Type(() => CatalogueEntryV1)
  @Documented({ description: 'Valores de `channel`' })
  channels!: CatalogueEntryV1[];
}

/** Plain-word labels, Spanish first. A new enum value without a label fails to compile. */
export const TICKET_TYPE_LABELS: Record<TicketType, LocalizedLabelV1> = {
  [TicketType.Solicitud]: { es: 'Solicitud de servicio', en: 'Service request' },
  [TicketType.Incidente]: { es: 'Algo no funciona (incidente)', en: 'Something is not working (incident)' },
  [TicketType.IncidenteSeguridad]: { es: 'Incidente de seguridad', en: 'Security incident' },
  [TicketType.Reclamo]: { es: 'Reclamo', en: 'Complaint' },
  [TicketType.AsesoramientoCompras]: { es: 'Asesoramiento para compras', en: 'Purchasing advice' },
};

export const IMPACT_LABELS: Record<Impact, LocalizedLabelV1> = {
  [Impact.Alto]: { es: 'Alto: afecta a toda una unidad o a un servicio', en: 'High: a whole unit or service' },
  [Impact.Medio]: { es: 'Medio: afecta a varias personas', en: 'Medium: several people' },
  [Impact.Bajo]: { es: 'Bajo: me afecta solo a mí', en: 'Low: only me' },
};

export const URGENCY_LABELS: Record<Urgency, LocalizedLabelV1> = {
  [Urgency.Alta]: { es: 'Alta: no puedo trabajar', en: 'High: I cannot work' },
  [Urgency.Media]: { es: 'Media: puedo trabajar con dificultad', en: 'Medium: I can work with difficulty' },
  [Urgency.Baja]: { es: 'Baja: puede esperar', en: 'Low: it can wait' },
};

export const CHANNEL_LABELS: Record<Channel, LocalizedLabelV1> = {
  [Channel.Telefono]: { es: 'Teléfono', en: 'Phone' },
  [Channel.Email]: { es: 'Correo electrónico', en: 'E-mail' },
  [Channel.Whatsapp]: { es: 'WhatsApp', en: 'WhatsApp' },
  [Channel.Presencial]: { es: 'En persona', en: 'In person' },
  [Channel.SesionRemota]: { es: 'Sesión remota', en: 'Remote session' },
  [Channel.Portal]: { es: 'Portal', en: 'Portal' },
  [Channel.Monitoreo]: { es: 'Monitoreo', en: 'Monitoring' },
};

function entries<K extends string>(labels: Record<K, LocalizedLabelV1>): CatalogueEntryV1[] {
  return (Object.entries(labels) as Array<[K, LocalizedLabelV1]>).map(([code, label]) => ({ code, label }));
}

/** The registration vocabulary with its labels, in the order of ./enums.ts. */
export function catalogueOptions(): CatalogueOptionsV1 {
  return {
    types: entries(TICKET_TYPE_LABELS),
    impacts: entries(IMPACT_LABELS),
    urgencies: entries(URGENCY_LABELS),
    channels: entries(CHANNEL_LABELS),
  };
}
