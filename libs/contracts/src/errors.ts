import { Language } from './enums.js';
import { refusalMessage, type Refusal } from './refusals.js';

/**
 * Errors cross the NATS boundary as plain data; the gateway turns them into HTTP answers and
 * localized messages. Services never send prose, only a code and the parameters to fill in.
 */
export const ErrorCode = {
  Validation: 'VALIDATION',
  NotFound: 'NOT_FOUND',
  Conflict: 'CONFLICT',
  IdempotencyMismatch: 'IDEMPOTENCY_MISMATCH',
  Forbidden: 'FORBIDDEN',
  CsrfRefused: 'CSRF_REFUSED',
  Unauthorized: 'UNAUTHORIZED',
  InvalidCredentials: 'INVALID_CREDENTIALS',
  TooManyAttempts: 'TOO_MANY_ATTEMPTS',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  MalformedJson: 'MALFORMED_JSON',
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  UnsupportedMediaType: 'UNSUPPORTED_MEDIA_TYPE',
  RouteNotFound: 'ROUTE_NOT_FOUND',
  SurveyLinkInvalid: 'SURVEY_LINK_INVALID',
  SurveyLinkExpired: 'SURVEY_LINK_EXPIRED',
  Internal: 'INTERNAL',
  /** Attachments (gateway): one file over ATTACHMENT_MAX_FILE_BYTES. */
  AttachmentTooLarge: 'ATTACHMENT_TOO_LARGE',
  /** Attachments: the ticket would hold more than ATTACHMENT_MAX_TICKET_BYTES. */
  TicketAttachmentsFull: 'TICKET_ATTACHMENTS_FULL',
  /** Attachments: more files in one request than ATTACHMENT_MAX_FILES. */
  TooManyAttachments: 'TOO_MANY_ATTACHMENTS',
  /** Attachments: the content (not the declared type) is not on the allow-list. */
  AttachmentTypeNotAllowed: 'ATTACHMENT_TYPE_NOT_ALLOWED',
  AttachmentEmpty: 'ATTACHMENT_EMPTY',
  AttachmentNameInvalid: 'ATTACHMENT_NAME_INVALID',
  /** Attachments: a staged id that does not exist, expired, or belongs to another account. */
  StagedAttachmentUnknown: 'STAGED_ATTACHMENT_UNKNOWN',
  /** Live stream (gateway): the account already holds LIVE_STREAMS_PER_ACCOUNT open streams on this instance. */
  TooManyStreams: 'TOO_MANY_STREAMS',
  /** Resolution: the ticket holds MAX_TICKET_COMMENTS comments or MAX_TICKET_COMMENT_CHARACTERS characters of them. */
  TicketConversationFull: 'TICKET_CONVERSATION_FULL',
  /** RPC: the answer would not fit in one NATS message (the server's max_payload): a list to narrow or page. */
  ReplyTooLarge: 'REPLY_TOO_LARGE',
  /** Self-registration (gateway): this installation does not let requesters create their own accounts. */
  RegistrationClosed: 'REGISTRATION_CLOSED',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  VALIDATION: 400,
  MALFORMED_JSON: 400,
  UNAUTHORIZED: 401,
  INVALID_CREDENTIALS: 401,
  TOO_MANY_ATTEMPTS: 429,
  FORBIDDEN: 403,
  CSRF_REFUSED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  CONFLICT: 409,
  IDEMPOTENCY_MISMATCH: 422,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  SURVEY_LINK_INVALID: 400,
  SURVEY_LINK_EXPIRED: 410,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  ATTACHMENT_TOO_LARGE: 413,
  TICKET_ATTACHMENTS_FULL: 413,
  TOO_MANY_ATTACHMENTS: 413,
  ATTACHMENT_TYPE_NOT_ALLOWED: 415,
  ATTACHMENT_EMPTY: 400,
  ATTACHMENT_NAME_INVALID: 400,
  STAGED_ATTACHMENT_UNKNOWN: 400,
  TOO_MANY_STREAMS: 429,
  TICKET_CONVERSATION_FULL: 409,
  REPLY_TOO_LARGE: 500,
  REGISTRATION_CLOSED: 404,
};

/** One failed rule on one field; `field` is the dotted path in the request body or query. */
export interface FieldProblem {
  field: string;
  constraint: string;
  params?: readonly unknown[];
}

export interface ServiceErrorPayload {
  code: ErrorCode;
  /** Named values for the message template, e.g. `{ resource: 'ticket', id: '42' }`. */
  params?: Record<string, string | number>;
  fields?: FieldProblem[];
  /** Why a FORBIDDEN or CONFLICT was refused, worded by the gateway in the caller's language. */
  refusal?: Refusal;
}

export function isServiceErrorPayload(value: unknown): value is ServiceErrorPayload {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (value as { code: string }).code in HTTP_STATUS_BY_CODE_REVERSE
  );
}
const HTTP_STATUS_BY_CODE_REVERSE: Record<string, true> = Object.fromEntries(
  Object.values(ErrorCode).map((code) => [code, true]),
);

/** `reason` is the refusal's sentence, when the error carries one. */
type Template = (p: Record<string, string | number>, reason: string | null) => string;
const ERROR_MESSAGES: Record<Language, Record<ErrorCode, Template>> = {
  es: {
    VALIDATION: () => 'La solicitud tiene datos no válidos.',
    MALFORMED_JSON: () => 'El cuerpo de la solicitud no es JSON válido.',
    UNAUTHORIZED: () => 'Se requiere un token de acceso válido (cabecera Authorization: Bearer …).',
    INVALID_CREDENTIALS: () => 'Correo electrónico o contraseña incorrectos.',
    TOO_MANY_ATTEMPTS: (p) =>
      `Demasiados intentos de inicio de sesión; intente de nuevo en ${p.retryAfter ?? 'unos'} segundos.`,
    FORBIDDEN: (_p, reason) =>
      reason ? `No tiene permiso para esta operación: ${reason}.` : 'No tiene permiso para esta operación.',
    CSRF_REFUSED: () =>
      'Solicitud rechazada: con la cookie de sesión, las operaciones que modifican datos requieren la cabecera X-CAU-Requested-With: portal y el origen del portal.',
    NOT_FOUND: (p) => `No existe ${RESOURCE_ES[String(p.resource)] ?? 'el recurso'} «${p.id ?? ''}».`,
    ROUTE_NOT_FOUND: (p) => `La ruta ${p.method ?? ''} ${p.url ?? ''} no existe.`,
    CONFLICT: (_p, reason) => `Conflicto: ${reason ?? 'el recurso ya existe'}.`,
    IDEMPOTENCY_MISMATCH: () =>
      'La clave de idempotencia ya se usó con otros datos; use una clave nueva para una solicitud distinta.',
    PAYLOAD_TOO_LARGE: (p) => `El cuerpo de la solicitud supera el máximo de ${p.limit ?? '?'} bytes.`,
    UNSUPPORTED_MEDIA_TYPE: (p) => `El cuerpo debe enviarse como ${p.expected ?? 'application/json'}.`,
    SURVEY_LINK_INVALID: () =>
      'El enlace de la encuesta no es válido o no corresponde a este ticket; use el enlace completo del correo de cierre.',
    SURVEY_LINK_EXPIRED: (p) =>
      `El enlace de la encuesta venció${p.expiresAt ? ` el ${p.expiresAt}` : ''}; ingrese al portal para responderla.`,
    INTERNAL: () =>
      'Error interno: la operación no se completó. Quedó anotado en el registro del servidor con el código de referencia de esta respuesta.',
    SERVICE_UNAVAILABLE: (p) =>
      `El servicio ${p.service ?? ''} no respondió a tiempo; intente de nuevo en unos segundos.`,
    ATTACHMENT_TOO_LARGE: (p) =>
      `El archivo «${p.fileName ?? ''}» supera el máximo de ${p.limit ?? '?'} bytes (${mib(p.limit)}) por archivo.`,
    TICKET_ATTACHMENTS_FULL: (p) =>
      `Los adjuntos del ticket superarían el máximo de ${p.limit ?? '?'} bytes (${mib(p.limit)}) por ticket.`,
    TOO_MANY_ATTACHMENTS: (p) => `Se admiten como máximo ${p.limit ?? '?'} archivos por solicitud.`,
    ATTACHMENT_TYPE_NOT_ALLOWED: (p) =>
      `El contenido del archivo «${p.fileName ?? ''}» no es de un tipo admitido (${p.detected ?? 'desconocido'}); se admiten PDF, PNG, JPEG, GIF, WebP, documentos de Office u OpenDocument (docx, xlsx, pptx, odt, ods) y texto UTF-8 o CSV.`,
    ATTACHMENT_EMPTY: (p) => `El archivo «${p.fileName ?? ''}» está vacío.`,
    ATTACHMENT_NAME_INVALID: (p) =>
      `El nombre de archivo «${p.fileName ?? ''}» no es válido: debe tener al menos un carácter visible que no sea un punto.`,
    STAGED_ATTACHMENT_UNKNOWN: (p) =>
      `El adjunto «${p.id ?? ''}» no existe, venció o no fue subido por esta cuenta; súbalo de nuevo.`,
    TOO_MANY_STREAMS: (p) =>
      `Esta cuenta ya tiene ${p.limit ?? '?'} conexiones en vivo abiertas; cierre alguna pestaña del portal e intente de nuevo.`,
    TICKET_CONVERSATION_FULL: (p) =>
      `El ticket n.º ${p.number ?? '?'} llegó al máximo de conversación (${p.comments ?? '?'} comentarios o ${p.characters ?? '?'} caracteres): registre un ticket nuevo y relaciónelo con este.`,
    REPLY_TOO_LARGE: (p) =>
      `La respuesta ocupa ${p.bytes ?? '?'} bytes y supera lo que el servicio puede enviar de una vez (${p.limit ?? '?'} bytes); acote la consulta. Si se trata de un ticket, avise al administrador.`,
    REGISTRATION_CLOSED: () =>
      'En esta instalación las cuentas no se crean desde el portal: pida la suya a la mesa de servicios.',
  },
  en: {
    VALIDATION: () => 'The request has invalid data.',
    MALFORMED_JSON: () => 'The request body is not valid JSON.',
    UNAUTHORIZED: () => 'A valid access token is required (Authorization: Bearer … header).',
    INVALID_CREDENTIALS: () => 'Wrong e-mail or password.',
    TOO_MANY_ATTEMPTS: (p) => `Too many sign-in attempts; try again in ${p.retryAfter ?? 'a few'} seconds.`,
    FORBIDDEN: (_p, reason) =>
      reason ? `You are not allowed to do this: ${reason}.` : 'You are not allowed to do this.',
    CSRF_REFUSED: () =>
      "Request refused: with the session cookie, requests that change data need the header X-CAU-Requested-With: portal and the portal's origin.",
    NOT_FOUND: (p) => `${RESOURCE_EN[String(p.resource)] ?? 'Resource'} "${p.id ?? ''}" does not exist.`,
    ROUTE_NOT_FOUND: (p) => `Route ${p.method ?? ''} ${p.url ?? ''} does not exist.`,
    CONFLICT: (_p, reason) => `Conflict: ${reason ?? 'the resource already exists'}.`,
    IDEMPOTENCY_MISMATCH: () =>
      'The idempotency key was already used with different data; use a new key for a different request.',
    PAYLOAD_TOO_LARGE: (p) => `The request body exceeds the maximum of ${p.limit ?? '?'} bytes.`,
    UNSUPPORTED_MEDIA_TYPE: (p) => `The body must be sent as ${p.expected ?? 'application/json'}.`,
    SURVEY_LINK_INVALID: () =>
      'The survey link is not valid or does not belong to this ticket; use the full link from the closure e-mail.',
    SURVEY_LINK_EXPIRED: (p) =>
      `The survey link expired${p.expiresAt ? ` on ${p.expiresAt}` : ''}; sign in to the portal to answer it.`,
    INTERNAL: () =>
      "Internal error: the operation was not completed. It was written to the server's log under this answer's reference code.",
    SERVICE_UNAVAILABLE: (p) => `Service ${p.service ?? ''} did not answer in time; try again in a few seconds.`,
    ATTACHMENT_TOO_LARGE: (p) =>
      `File "${p.fileName ?? ''}" exceeds the maximum of ${p.limit ?? '?'} bytes (${mib(p.limit)}) per file.`,
    TICKET_ATTACHMENTS_FULL: (p) =>
      `The ticket's attachments would exceed the maximum of ${p.limit ?? '?'} bytes (${mib(p.limit)}) per ticket.`,
    TOO_MANY_ATTACHMENTS: (p) => `At most ${p.limit ?? '?'} files are accepted per request.`,
    ATTACHMENT_TYPE_NOT_ALLOWED: (p) =>
      `The content of file "${p.fileName ?? ''}" is not an accepted type (${p.detected ?? 'unknown'}); accepted: PDF, PNG, JPEG, GIF, WebP, Office or OpenDocument documents (docx, xlsx, pptx, odt, ods) and UTF-8 text or CSV.`,
    ATTACHMENT_EMPTY: (p) => `File "${p.fileName ?? ''}" is empty.`,
    ATTACHMENT_NAME_INVALID: (p) =>
      `File name "${p.fileName ?? ''}" is not valid: it needs at least one visible character other than a dot.`,
    STAGED_ATTACHMENT_UNKNOWN: (p) =>
      `Attachment "${p.id ?? ''}" does not exist, has expired or was not uploaded by this account; upload it again.`,
    TOO_MANY_STREAMS: (p) =>
      `This account already has ${p.limit ?? '?'} live connections open; close a portal tab and try again.`,
    TICKET_CONVERSATION_FULL: (p) =>
      `Ticket #${p.number ?? '?'} reached its conversation limit (${p.comments ?? '?'} comments or ${p.characters ?? '?'} characters): register a new ticket and relate it to this one.`,
    REPLY_TOO_LARGE: (p) =>
      `The answer takes ${p.bytes ?? '?'} bytes, more than the service can send at once (${p.limit ?? '?'} bytes); narrow the request. If it is a ticket, tell the administrator.`,
    REGISTRATION_CLOSED: () =>
      'This installation does not let people create their own accounts on the portal: ask the service desk for one.',
  },
};
/** "10 MiB" for a byte count. */
function mib(bytes: string | number | undefined): string {
  const value = Number(bytes);
  if (!Number.isFinite(value)) return '?';
  return value >= 1024 * 1024 ? `${+(value / 1024 / 1024).toFixed(1)} MiB` : `${+(value / 1024).toFixed(1)} KiB`;
}

const RESOURCE_ES: Record<string, string> = {
  attachment: 'el adjunto',
  area: 'el área',
  ticket: 'el ticket',
  account: 'la cuenta',
  requester: 'el solicitante',
  view: 'la vista guardada',
  'canned-answer': 'la respuesta predefinida',
  calendar: 'el calendario',
  holiday: 'el feriado',
  category: 'la categoría',
  service: 'el servicio',
  jurisdiction: 'la jurisdicción',
  equipment: 'el equipo',
  'ticket-equipment': 'el equipo en el ticket',
  'field-visit': 'la visita',
  repair: 'la salida a reparación',
  'sign-off': 'la conformidad del ticket',
  'equipment-import': 'la importación',
  'custody-period': 'el resguardo',
  problem: 'el problema',
  article: 'el artículo',
  integration: 'la integración de monitoreo',
};
const RESOURCE_EN: Record<string, string> = {
  attachment: 'Attachment',
  area: 'Area',
  ticket: 'Ticket',
  account: 'Account',
  requester: 'Requester',
  view: 'Saved view',
  'canned-answer': 'Canned answer',
  calendar: 'Calendar',
  holiday: 'Holiday',
  category: 'Category',
  service: 'Service',
  jurisdiction: 'Jurisdiction',
  equipment: 'Equipment',
  'ticket-equipment': 'Equipment on the ticket',
  'field-visit': 'Visit',
  repair: 'Repair',
  'sign-off': "The ticket's sign-off",
  'equipment-import': 'Import',
  'custody-period': 'Custody period',
  problem: 'Problem',
  article: 'Article',
  integration: 'Monitoring integration',
};

export function errorMessage(error: ServiceErrorPayload, language: Language): string {
  const reason = error.refusal ? refusalMessage(error.refusal, language) : null;
  return ERROR_MESSAGES[language][error.code](error.params ?? {}, reason);
}

/** Feminine nouns ("categoría desconocida") for the catalogue's kinds. */
/** The catalogue noun with its adjectives agreeing in gender: [noun, unknown, retired]. */
const CATALOGUE_NOUN_ES: Record<string, readonly [string, string, string]> = {
  category: ['categoría', 'desconocida', 'retirada'],
  service: ['servicio', 'desconocido', 'retirado'],
  jurisdiction: ['jurisdicción', 'desconocida', 'retirada'],
};
const catalogueNounEs = (kind: unknown, which: 1 | 2): string => {
  const noun = CATALOGUE_NOUN_ES[String(kind)];
  return noun ? `${noun[0]} ${noun[which]}` : which === 1 ? 'valor desconocido' : 'valor retirado';
};

const list = (values: readonly unknown[] | undefined): string => (values ?? []).map(String).join(', ');

/** Why a problem may not take a status (`problemStatus`'s third param, a code; absent when the move is not allowed). */
const PROBLEM_STATUS_WHY_ES: Record<string, string> = {
  closed: 'un problema cerrado no cambia',
  'workaround-missing': 'falta la solución temporal o su artículo',
  'root-cause-missing': 'falta la causa raíz',
};
const PROBLEM_STATUS_WHY_EN: Record<string, string> = {
  closed: 'a closed problem does not change',
  'workaround-missing': 'the workaround or its article is missing',
  'root-cause-missing': 'the root cause is missing',
};
const whyProblemStatus = (reasons: Record<string, string>, code: unknown): string => {
  const why = reasons[String(code)];
  return why ? ` (${why})` : '';
};

/** Why one line of a holiday CSV import was refused (`csvLine` params: line, reason, detail). */
const CSV_LINE_ES: Record<string, (detail: unknown) => string> = {
  columns: () => 'debe tener dos columnas, fecha y nombre (fecha,nombre)',
  date: (d) => `la fecha «${String(d)}» no es una fecha AAAA-MM-DD`,
  name: () => 'falta el nombre del feriado',
  nameLength: (d) => `el nombre admite como máximo ${String(d)} caracteres`,
  year: (d) => `la fecha no es del año ${String(d)}`,
  duplicate: (d) => `repite la fecha de la línea ${String(d)}`,
  quote: () => 'tiene comillas sin cerrar',
};
const CSV_LINE_EN: Record<string, (detail: unknown) => string> = {
  columns: () => 'must have two columns, date and name (date,name)',
  date: (d) => `date '${String(d)}' is not a YYYY-MM-DD date`,
  name: () => 'the holiday name is missing',
  nameLength: (d) => `the name accepts at most ${String(d)} characters`,
  year: (d) => `the date is not in year ${String(d)}`,
  duplicate: (d) => `repeats the date of line ${String(d)}`,
  quote: () => 'has an unclosed quote',
};

/**
 * Why one cell of an equipment CSV was refused (`csvCell` params: line, column as the file names it, the
 * cell's value, the reason, the reason's params), worded for the person who fixes the file.
 */
const EQUIPMENT_STATE_NAMES_ES = 'En uso, En stock, En reparación, Dado de baja';
const CSV_CELL_ES: Record<string, (value: string, p: readonly unknown[]) => string> = {
  isNotEmpty: () => 'está vacía y es obligatoria',
  maxLength: (v, p) => `"${v}" tiene ${String(p[1])} caracteres; admite como máximo ${String(p[0])}`,
  inventoryNumberPattern: (v) =>
    `"${v}" no es un número de inventario válido: empieza con una letra o un número y sigue con letras, números, puntos, guiones o barras, sin espacios`,
  equipmentState: (v) => `"${v}" no es un estado conocido (${EQUIPMENT_STATE_NAMES_ES})`,
  unknownEquipmentType: (v, p) => `"${v}" no es un tipo de equipo conocido (${list(p[0] as unknown[])})`,
  notADate: (v) => `"${v}" no es una fecha del calendario; escríbala AAAA-MM-DD, p. ej. 2024-03-31`,
  dateRange: (v, p) => `${v} es anterior a la fecha de compra (columna "${String(p[0])}": ${String(p[1])})`,
  equipmentAttributes: (v, p) =>
    `"${v}" no sirve como atributos: hasta ${String(p[0])}, con nombres de hasta ${String(p[1])} caracteres y valores de texto de hasta ${String(p[2])}, p. ej. {"ram":"8 GB"}`,
  csvJson: (v) => `"${v}" no es un objeto JSON de textos, p. ej. {"ram":"8 GB"}`,
  duplicateInventoryNumber: (v, p) => `"${v}" repite el número de inventario de la línea ${String(p[0])}`,
};
const CSV_CELL_EN: Record<string, (value: string, p: readonly unknown[]) => string> = {
  isNotEmpty: () => 'is empty and is required',
  maxLength: (v, p) => `"${v}" has ${String(p[1])} characters; it accepts at most ${String(p[0])}`,
  inventoryNumberPattern: (v) =>
    `"${v}" is not a valid inventory number: it starts with a letter or a digit followed by letters, digits, dots, hyphens or slashes, without spaces`,
  equipmentState: (v) => `"${v}" is not a known state (${EQUIPMENT_STATE_NAMES_ES})`,
  unknownEquipmentType: (v, p) => `"${v}" is not a known equipment type (${list(p[0] as unknown[])})`,
  notADate: (v) => `"${v}" is not a calendar date; write it YYYY-MM-DD, e.g. 2024-03-31`,
  dateRange: (v, p) => `${v} is earlier than the purchase date (column "${String(p[0])}": ${String(p[1])})`,
  equipmentAttributes: (v, p) =>
    `"${v}" does not do as attributes: up to ${String(p[0])}, names of up to ${String(p[1])} characters and text values of up to ${String(p[2])}, e.g. {"ram":"8 GB"}`,
  csvJson: (v) => `"${v}" is not a JSON object of texts, e.g. {"ram":"8 GB"}`,
  duplicateInventoryNumber: (v, p) => `"${v}" repeats the inventory number of line ${String(p[0])}`,
};
const csvCell = (
  reasons: typeof CSV_CELL_ES,
  words: { line: string; column: string; invalid: (v: string) => string },
  p: readonly unknown[] | undefined,
): string => {
  const [line, column, value, reason, reasonParams] = p ?? [];
  const cell = typeof value === 'string' ? value : '';
  const why = reasons[String(reason)]?.(cell, (reasonParams as unknown[] | undefined) ?? []);
  return `${words.line} ${String(line)}, ${words.column} "${String(column)}": ${why ?? words.invalid(cell)}.`;
};

/** Field messages keyed by class-validator constraint names (plus our own `unknownField`). */
const FIELD_MESSAGES: Record<Language, Record<string, (field: string, params?: readonly unknown[]) => string>> = {
  es: {
    unknownField: (f) => `El campo «${f}» no está permitido.`,
    textCharacters: (f) =>
      `El campo «${f}» contiene caracteres no permitidos (el carácter nulo o un carácter Unicode incompleto).`,
    nestingDepth: (f, p) => `El campo «${f}» anida más de ${String(p?.[0])} niveles.`,
    whitelistValidation: (f) => `El campo «${f}» no está permitido.`,
    isDefined: (f) => `El campo «${f}» es obligatorio.`,
    isNotEmpty: (f) => `El campo «${f}» no puede estar vacío.`,
    isString: (f) => `El campo «${f}» debe ser texto.`,
    isEmail: (f) => `El campo «${f}» debe ser una dirección de correo electrónico válida.`,
    isIn: (f, p) => `El campo «${f}» debe ser uno de: ${list(p?.[0] as unknown[])}.`,
    isEnum: (f, p) => `El campo «${f}» debe ser uno de: ${list(p?.[1] as unknown[])}.`,
    maxLength: (f, p) => `El campo «${f}» admite como máximo ${String(p?.[0])} caracteres.`,
    minLength: (f, p) => `El campo «${f}» requiere al menos ${String(p?.[0])} caracteres.`,
    isInt: (f) => `El campo «${f}» debe ser un número entero.`,
    min: (f, p) => `El campo «${f}» debe ser mayor o igual que ${String(p?.[0])}.`,
    max: (f, p) => `El campo «${f}» debe ser menor o igual que ${String(p?.[0])}.`,
    isUrl: (f) => `El campo «${f}» debe ser una URL http(s) válida.`,
    isUuid: (f) => `El campo «${f}» debe ser un UUID.`,
    isArray: (f) => `El campo «${f}» debe ser una lista.`,
    arrayMaxSize: (f, p) => `El campo «${f}» admite como máximo ${String(p?.[0])} elementos.`,
    arrayMinSize: (f, p) => `El campo «${f}» requiere al menos ${String(p?.[0])} elementos.`,
    isObject: (f) => `El campo «${f}» debe ser un objeto.`,
    nestedValidation: (f) => `El campo «${f}» debe ser un objeto.`,
    matches: (f) => `El campo «${f}» no tiene el formato esperado.`,
    isBoolean: (f) => `El campo «${f}» debe ser verdadero o falso.`,
    isDateString: (f) => `El campo «${f}» debe ser una fecha ISO 8601.`,
    isPhoneLike: (f) => `El campo «${f}» debe ser un número de teléfono.`,
    isNumberString: (f) => `El campo «${f}» debe ser un número.`,
    templateSyntax: (f, p) =>
      `El campo «${f}» no es una plantilla válida cerca del carácter ${String(p?.[0])}: revise que cada {{…}} y cada sección {{#…}}…{{/…}} estén cerradas.`,
    unknownPlaceholder: (f, p) =>
      `El campo «${f}» usa {{${String(p?.[0])}}}, que este correo no tiene; puede usar: ${list(p?.[1] as unknown[])}.`,
    tagNotAllowed: (f, p) =>
      `El campo «${f}» usa ${String(p?.[0])}, que no está permitido (ni parciales, ni cambios de delimitador, ni salida sin escapar en HTML).`,
    ticketTagRequired: (f) =>
      `El campo «${f}» debe empezar con [CAU #{{number}}]: las respuestas se asocian al ticket por esa etiqueta.`,
    header: (f) => `La cabecera «${f}» no es válida.`,
    incomplete: (f) => `El campo «${f}» llegó incompleto: la conexión se cortó durante el envío.`,
    ownAccount: (f) => `El campo «${f}» no puede cambiarse en la propia cuenta: otro administrador debe hacerlo.`,
    wrongPassword: (f) => `El campo «${f}» no coincide con la contraseña actual de la cuenta.`,
    commonPassword: (f) =>
      `El campo «${f}» es una de las contraseñas más usadas, que se adivinan primero: elija otra (una frase de varias palabras sirve).`,
    unknownArea: (f, p) => `El campo «${f}» nombra un área que no existe (${String(p?.[0])}).`,
    selfDerivation: (f, p) => `El campo «${f}»: el área ${String(p?.[0])} no puede derivarse a sí misma.`,
    duplicateEdge: (f, p) => `El campo «${f}» repite la derivación ${String(p?.[0])} → ${String(p?.[1])}.`,
    duplicateArea: (f, p) => `El campo «${f}» repite el área ${String(p?.[0])}.`,
    entryAreaMissing: (f, p) => `El campo «${f}» debe incluir el área de entrada ${String(p?.[0])}.`,
    areaHoldsTickets: (f, p) => `El campo «${f}»: el área ${String(p?.[0])} tiene tickets y no puede quitarse.`,
    duplicateMatrixCell: (f, p) =>
      `El campo «${f}» repite la combinación impacto ${String(p?.[0])} / urgencia ${String(p?.[1])}.`,
    noSuchMail: (f, p) => `El campo «${f}»: no hay un correo para avisar «${String(p?.[0])}» a «${String(p?.[1])}».`,
    duplicateRule: (f, p) => `El campo «${f}» repite la regla «${String(p?.[0])}» → «${String(p?.[1])}».`,
    missingMatrixCell: (f, p) =>
      `El campo «${f}» no da la prioridad de impacto ${String(p?.[0])} / urgencia ${String(p?.[1])}: la matriz debe estar completa.`,
    noWayBack: (f, p) =>
      `El campo «${f}» deja al área ${String(p?.[0])} sin camino de vuelta a ${String(p?.[1])}: sus tickets quedarían atascados.`,
    classificationUnchanged: (f) =>
      `El campo «${f}» no cambia la clasificación del ticket: indique al menos un valor distinto del actual en type, category, impact o urgency.`,
    assigneeFilter: (f) => `El campo «${f}» debe ser «me», «none» o el identificador (UUID) de una cuenta.`,
    cannedPlaceholder: (f, p) =>
      `El campo «${f}» usa {{${String(p?.[0])}}}, que una respuesta predefinida no puede completar; puede usar: ${list(p?.[1] as unknown[])}.`,
    listCursor: (f) =>
      `El campo «${f}» no es un cursor de esta lista: páselo tal como llegó en «nextCursor», con el mismo orden, o empiece por la primera página.`,
    beforeNeedsNewest: (f) => `El campo «${f}» solo sirve con el orden «newest»; con otro orden use «cursor».`,
    notWith: (f, p) => `El campo «${f}» no puede usarse junto con «${String(p?.[0])}».`,
    dateRange: (f, p) => `El campo «${f}» no puede ser anterior a «${String(p?.[0])}».`,
    duplicateName: (f, p) => `El campo «${f}»: ya tiene otro elemento llamado «${String(p?.[0])}».`,
    holidayExists: (f, p) => `El campo «${f}»: ya hay un feriado el ${String(p?.[0])} en ese calendario.`,
    notADate: (f, p) => `El campo «${f}» no es una fecha del calendario (${String(p?.[0])}).`,
    tooManyRows: (f, p) =>
      `El campo «${f}»: el resultado tiene más de ${String(p?.[0])} filas para imprimir; acote el período o elija un equipo.`,
    deploymentCalendar: (f) =>
      `El campo «${f}»: el calendario general (default) se configura con CAU_TIME_ZONE; aquí se crean los de las jurisdicciones.`,
    timeZone: (f, p) =>
      `El campo «${f}»: «${String(p?.[0])}» no es una zona horaria conocida (use una IANA, p. ej. America/Argentina/Buenos_Aires).`,
    workingWindows: (f, p) =>
      `El campo «${f}»: los horarios no sirven para contar tiempo hábil (${String(p?.[0])}); cada franja debe terminar después de empezar, sin superponerse, y la semana debe tener horario.`,
    csvLine: (f, p) =>
      `El campo «${f}», línea ${String(p?.[0])}: ${CSV_LINE_ES[String(p?.[1])]?.(p?.[2]) ?? 'no es válida'}.`,
    notSelf: (f, p) => `El campo «${f}» nombra el mismo ticket (${String(p?.[0])}): indique otro.`,
    ticketExists: (f, p) => `El campo «${f}» nombra un ticket que no existe (${String(p?.[0])}).`,
    articleExists: (f, p) =>
      `El campo «${f}» nombra un artículo de la base de conocimiento que no existe o no puede leer (${String(p?.[0])}).`,
    problemStatus: (f, p) =>
      `El campo «${f}»: un problema «${String(p?.[0])}» no puede pasar a «${String(p?.[1])}»${whyProblemStatus(PROBLEM_STATUS_WHY_ES, p?.[2])}.`,
    resetToken: (f) =>
      `El campo «${f}» no es un enlace válido para restablecer la contraseña: ya se usó, venció (vale una hora) o está incompleto. Pida otro.`,
    registrationToken: (f) =>
      `El campo «${f}» no es un enlace válido para confirmar el correo: ya se usó, venció (vale un día) o está incompleto. Regístrese de nuevo.`,
    emailDomain: (f, p) =>
      `El campo «${f}» debe ser una dirección de ${list(p)}: en esta instalación solo esas pueden crear una cuenta.`,
    unknownCatalogueValue: (f, p) =>
      `El campo «${f}»: ${catalogueNounEs(p?.[0], 1)} «${String(p?.[1])}»; use uno de los códigos del catálogo.`,
    retiredCatalogueValue: (f, p) =>
      `El campo «${f}»: ${catalogueNounEs(p?.[0], 2)} «${String(p?.[1])}»; ya no se usa para registrar.`,
    inactiveCatalogueValue: (f, p) =>
      `El campo «${f}»: «${String(p?.[1])}» no es un código activo del catálogo (no existe o se retiró); elija uno activo.`,
    inboundMailCategory: (f, p) =>
      `El campo «${f}»: la categoría «${String(p?.[0])}» no puede retirarse ni moverse: el correo entrante registra sus tickets con ella.`,
    parentNotTopLevel: (f, p) =>
      `El campo «${f}»: «${String(p?.[0])}» no es una categoría de primer nivel activa; las subcategorías cuelgan de una categoría.`,
    hasSubcategories: (f, p) =>
      `El campo «${f}»: «${String(p?.[0])}» tiene subcategorías y no puede ser subcategoría de otra.`,
    unknownEquipmentType: (f, p) =>
      `El campo «${f}»: el tipo de equipo «${String(p?.[0])}» no está en el catálogo; use uno de: ${list(p?.[1] as unknown[])}.`,
    equipmentAttributes: (f, p) =>
      `El campo «${f}» admite hasta ${String(p?.[0])} atributos, con nombres de hasta ${String(p?.[1])} caracteres y valores de texto de hasta ${String(p?.[2])}.`,
    duplicateInventoryNumber: (f, p) => `El campo «${f}» repite el número de inventario de la línea ${String(p?.[0])}.`,
    inventoryNumberTaken: (f, p) =>
      `El campo «${f}»: ya hay otro equipo con el número de inventario «${String(p?.[0])}».`,
    unknownEquipment: (f, p) =>
      `El campo «${f}» no nombra un equipo del inventario (${String(p?.[0])}); búsquelo por número de inventario o serie.`,
    notHeldEquipment: (f, p) =>
      `El campo «${f}» no nombra un equipo a cargo de la persona del ticket (${String(p?.[0])}); elija uno de «Mi equipo».`,
    unknownStaff: (f, p) =>
      `El campo «${f}» no nombra una cuenta activa del personal (${String(p?.[0])}); búsquela por nombre o correo.`,
    csvMalformed: (_f, p) =>
      `El archivo no es un CSV válido cerca de la línea ${String(p?.[0])} (${String(p?.[1])}); revise comillas y separadores (coma).`,
    csvHeader: (_f, p) =>
      `Línea 1 (el encabezado): debe nombrar las columnas; faltan: ${list(p?.[0] as unknown[]) || 'ninguna'}${(p?.[1] as unknown[] | undefined)?.length ? `; sobran o se repiten: ${list(p?.[1] as unknown[])}` : ''}.`,
    csvColumns: (f, p) =>
      `Línea ${typeof p?.[2] === 'number' ? p[2] : f}: tiene ${String(p?.[1])} columnas y el encabezado ${String(p?.[0])}; revise las comas y las comillas de esa línea.`,
    csvEmpty: () => `El archivo no tiene filas de equipos debajo del encabezado.`,
    csvRefused: (_f, p) =>
      `El archivo tiene ${String(p?.[0])} línea(s) con errores: no se importó ninguna fila. Corríjalas y vuelva a importarlo.`,
    csvCell: (_f, p) =>
      csvCell(CSV_CELL_ES, { line: 'Línea', column: 'columna', invalid: (v) => `"${v}" no es válido` }, p),
    csvJson: (f) => `El campo «${f}» debe ser un objeto JSON de textos, p. ej. {"ram":"8 GB"}.`,
    unknownRequester: (f, p) =>
      `El campo «${f}» no nombra a una persona del directorio de solicitantes (${String(p?.[0])}); búsquela por nombre o correo.`,
    signaturePng: (f, p) =>
      `El campo «${f}» debe ser una imagen PNG en base64 de hasta ${String(p?.[0])} bytes (la firma dibujada).`,
    custodyTextChanged: (f) =>
      `El campo «${f}» ya no es el texto del resguardo: el equipo cambió desde que lo leyó; vuelva a leerlo.`,
    signatureRequired: (f) =>
      `El campo «${f}» es obligatorio: esta oficina pide la firma dibujada para aceptar el resguardo.`,
    signatureOff: (f) => `El campo «${f}» no se admite: esta oficina no pide firma dibujada en los resguardos.`,
  },
  en: {
    unknownField: (f) => `Field '${f}' is not allowed.`,
    textCharacters: (f) =>
      `Field '${f}' contains characters that are not allowed (a NUL or an incomplete Unicode character).`,
    nestingDepth: (f, p) => `Field '${f}' is nested more than ${String(p?.[0])} levels deep.`,
    whitelistValidation: (f) => `Field '${f}' is not allowed.`,
    isDefined: (f) => `Field '${f}' is required.`,
    isNotEmpty: (f) => `Field '${f}' must not be empty.`,
    isString: (f) => `Field '${f}' must be text.`,
    isEmail: (f) => `Field '${f}' must be a valid e-mail address.`,
    isIn: (f, p) => `Field '${f}' must be one of: ${list(p?.[0] as unknown[])}.`,
    isEnum: (f, p) => `Field '${f}' must be one of: ${list(p?.[1] as unknown[])}.`,
    maxLength: (f, p) => `Field '${f}' accepts at most ${String(p?.[0])} characters.`,
    minLength: (f, p) => `Field '${f}' needs at least ${String(p?.[0])} characters.`,
    isInt: (f) => `Field '${f}' must be an integer.`,
    min: (f, p) => `Field '${f}' must be at least ${String(p?.[0])}.`,
    max: (f, p) => `Field '${f}' must be at most ${String(p?.[0])}.`,
    isUrl: (f) => `Field '${f}' must be a valid http(s) URL.`,
    isUuid: (f) => `Field '${f}' must be a UUID.`,
    isArray: (f) => `Field '${f}' must be a list.`,
    arrayMaxSize: (f, p) => `Field '${f}' accepts at most ${String(p?.[0])} items.`,
    arrayMinSize: (f, p) => `Field '${f}' needs at least ${String(p?.[0])} items.`,
    isObject: (f) => `Field '${f}' must be an object.`,
    nestedValidation: (f) => `Field '${f}' must be an object.`,
    matches: (f) => `Field '${f}' does not have the expected format.`,
    isBoolean: (f) => `Field '${f}' must be true or false.`,
    isDateString: (f) => `Field '${f}' must be an ISO 8601 date.`,
    isPhoneLike: (f) => `Field '${f}' must be a phone number.`,
    isNumberString: (f) => `Field '${f}' must be a number.`,
    templateSyntax: (f, p) =>
      `Field '${f}' is not a valid template near character ${String(p?.[0])}: check that every {{…}} and every {{#…}}…{{/…}} section is closed.`,
    unknownPlaceholder: (f, p) =>
      `Field '${f}' uses {{${String(p?.[0])}}}, which this mail does not have; available: ${list(p?.[1] as unknown[])}.`,
    tagNotAllowed: (f, p) =>
      `Field '${f}' uses ${String(p?.[0])}, which is not allowed (no partials, no delimiter changes, no unescaped output in HTML).`,
    ticketTagRequired: (f) =>
      `Field '${f}' must start with [CAU #{{number}}]: replies are matched to their ticket by that tag.`,
    header: (f) => `Header '${f}' is not valid.`,
    incomplete: (f) => `Field '${f}' arrived incomplete: the connection was cut while sending.`,
    ownAccount: (f) => `Field '${f}' cannot be changed on your own account: another administrator must do it.`,
    wrongPassword: (f) => `Field '${f}' does not match the account's current password.`,
    commonPassword: (f) =>
      `Field '${f}' is one of the most used passwords, which are guessed first: choose another (a phrase of several words will do).`,
    unknownArea: (f, p) => `Field '${f}' names an area that does not exist (${String(p?.[0])}).`,
    selfDerivation: (f, p) => `Field '${f}': area ${String(p?.[0])} cannot derive to itself.`,
    duplicateEdge: (f, p) => `Field '${f}' repeats the derivation ${String(p?.[0])} → ${String(p?.[1])}.`,
    duplicateArea: (f, p) => `Field '${f}' repeats area ${String(p?.[0])}.`,
    entryAreaMissing: (f, p) => `Field '${f}' must include the entry area ${String(p?.[0])}.`,
    areaHoldsTickets: (f, p) => `Field '${f}': area ${String(p?.[0])} holds tickets and cannot be removed.`,
    duplicateMatrixCell: (f, p) => `Field '${f}' repeats impact ${String(p?.[0])} / urgency ${String(p?.[1])}.`,
    noSuchMail: (f, p) => `Field '${f}': there is no mail telling '${String(p?.[1])}' about '${String(p?.[0])}'.`,
    duplicateRule: (f, p) => `Field '${f}' repeats the rule '${String(p?.[0])}' → '${String(p?.[1])}'.`,
    missingMatrixCell: (f, p) =>
      `Field '${f}' gives no priority for impact ${String(p?.[0])} / urgency ${String(p?.[1])}: the matrix must be complete.`,
    noWayBack: (f, p) =>
      `Field '${f}' leaves area ${String(p?.[0])} without a way back to ${String(p?.[1])}: its tickets would be stuck.`,
    classificationUnchanged: (f) =>
      `Field '${f}' does not change the ticket's classification: give at least one of type, category, impact or urgency a value other than the current one.`,
    assigneeFilter: (f) => `Field '${f}' must be 'me', 'none' or an account id (UUID).`,
    cannedPlaceholder: (f, p) =>
      `Field '${f}' uses {{${String(p?.[0])}}}, which a canned answer cannot fill in; it may use: ${list(p?.[1] as unknown[])}.`,
    listCursor: (f) =>
      `Field '${f}' is not a cursor of this list: pass it as it came in 'nextCursor', with the same sort, or start from the first page.`,
    beforeNeedsNewest: (f) => `Field '${f}' only works with the 'newest' sort; use 'cursor' with other sorts.`,
    notWith: (f, p) => `Field '${f}' cannot be used together with '${String(p?.[0])}'.`,
    dateRange: (f, p) => `Field '${f}' cannot be earlier than '${String(p?.[0])}'.`,
    duplicateName: (f, p) => `Field '${f}': you already have another item named "${String(p?.[0])}".`,
    holidayExists: (f, p) => `Field '${f}': there is already a holiday on ${String(p?.[0])} in that calendar.`,
    notADate: (f, p) => `Field '${f}' is not a calendar date (${String(p?.[0])}).`,
    tooManyRows: (f, p) =>
      `Field '${f}': the result has more than ${String(p?.[0])} rows to print; narrow the period or pick a piece of equipment.`,
    deploymentCalendar: (f) =>
      `Field '${f}': the deployment's calendar (default) is set with CAU_TIME_ZONE; jurisdictions' calendars are created here.`,
    timeZone: (f, p) =>
      `Field '${f}': "${String(p?.[0])}" is not a known time zone (use an IANA one, e.g. Europe/Madrid).`,
    workingWindows: (f, p) =>
      `Field '${f}': the hours cannot count business time (${String(p?.[0])}); each window must end after it starts, without overlapping, and the week needs working hours.`,
    csvLine: (f, p) =>
      `Field '${f}', line ${String(p?.[0])}: ${CSV_LINE_EN[String(p?.[1])]?.(p?.[2]) ?? 'is not valid'}.`,
    notSelf: (f, p) => `Field '${f}' names the same ticket (${String(p?.[0])}): give another one.`,
    ticketExists: (f, p) => `Field '${f}' names a ticket that does not exist (${String(p?.[0])}).`,
    articleExists: (f, p) =>
      `Field '${f}' names a knowledge-base article that does not exist or that you cannot read (${String(p?.[0])}).`,
    problemStatus: (f, p) =>
      `Field '${f}': a problem in '${String(p?.[0])}' cannot move to '${String(p?.[1])}'${whyProblemStatus(PROBLEM_STATUS_WHY_EN, p?.[2])}.`,
    resetToken: (f) =>
      `Field '${f}' is not a valid password reset link: it was used, expired (it lasts one hour) or is incomplete. Ask for another.`,
    registrationToken: (f) =>
      `Field '${f}' is not a valid link to confirm the address: it was used, expired (it lasts one day) or is incomplete. Register again.`,
    emailDomain: (f, p) =>
      `Field '${f}' must be an address at ${list(p)}: only those may create an account in this installation.`,
    unknownCatalogueValue: (f, p) =>
      `Field '${f}': unknown ${String(p?.[0])} "${String(p?.[1])}"; use one of the catalogue's codes.`,
    retiredCatalogueValue: (f, p) =>
      `Field '${f}': ${String(p?.[0])} "${String(p?.[1])}" is retired and no longer taken for registration.`,
    inactiveCatalogueValue: (f, p) =>
      `Field '${f}': "${String(p?.[1])}" is not an active code of the catalogue (unknown or retired); choose an active one.`,
    inboundMailCategory: (f, p) =>
      `Field '${f}': category "${String(p?.[0])}" cannot be retired or moved: inbound mail registers its tickets with it.`,
    parentNotTopLevel: (f, p) =>
      `Field '${f}': "${String(p?.[0])}" is not an active top-level category; subcategories hang from a category.`,
    hasSubcategories: (f, p) =>
      `Field '${f}': "${String(p?.[0])}" has subcategories and cannot become a subcategory of another.`,
    unknownEquipmentType: (f, p) =>
      `Field '${f}': equipment type "${String(p?.[0])}" is not in the catalogue; use one of: ${list(p?.[1] as unknown[])}.`,
    equipmentAttributes: (f, p) =>
      `Field '${f}' accepts up to ${String(p?.[0])} attributes, names of up to ${String(p?.[1])} characters and text values of up to ${String(p?.[2])}.`,
    duplicateInventoryNumber: (f, p) => `Field '${f}' repeats the inventory number of line ${String(p?.[0])}.`,
    inventoryNumberTaken: (f, p) =>
      `Field '${f}': another piece of equipment has inventory number "${String(p?.[0])}".`,
    unknownEquipment: (f, p) =>
      `Field '${f}' does not name a piece of equipment of the inventory (${String(p?.[0])}); search by inventory number or serial.`,
    notHeldEquipment: (f, p) =>
      `Field '${f}' does not name equipment the ticket's requester holds (${String(p?.[0])}); pick one from "My equipment".`,
    unknownStaff: (f, p) =>
      `Field '${f}' does not name an active staff account (${String(p?.[0])}); search by name or e-mail.`,
    csvMalformed: (_f, p) =>
      `The file is not valid CSV near line ${String(p?.[0])} (${String(p?.[1])}); check quotes and separators (comma).`,
    csvHeader: (_f, p) =>
      `Line 1 (the header): it must name the columns; missing: ${list(p?.[0] as unknown[]) || 'none'}${(p?.[1] as unknown[] | undefined)?.length ? `; unknown or repeated: ${list(p?.[1] as unknown[])}` : ''}.`,
    csvColumns: (f, p) =>
      `Line ${typeof p?.[2] === 'number' ? p[2] : f}: it has ${String(p?.[1])} columns and the header ${String(p?.[0])}; check that line's commas and quotes.`,
    csvEmpty: () => `The file has no equipment rows under the header.`,
    csvRefused: (_f, p) =>
      `The file has ${String(p?.[0])} line(s) with errors: no row was imported. Fix them and import it again.`,
    csvCell: (_f, p) =>
      csvCell(CSV_CELL_EN, { line: 'Line', column: 'column', invalid: (v) => `"${v}" is not valid` }, p),
    csvJson: (f) => `Field '${f}' must be a JSON object of texts, e.g. {"ram":"8 GB"}.`,
    unknownRequester: (f, p) =>
      `Field '${f}' does not name a person of the requester directory (${String(p?.[0])}); search by name or e-mail.`,
    signaturePng: (f, p) =>
      `Field '${f}' must be a base64 PNG image of at most ${String(p?.[0])} bytes (the drawn signature).`,
    custodyTextChanged: (f) =>
      `Field '${f}' is no longer the custody document's text: the equipment changed since it was read; read it again.`,
    signatureRequired: (f) =>
      `Field '${f}' is required: this office asks for a drawn signature to accept a custody document.`,
    signatureOff: (f) =>
      `Field '${f}' is not accepted: this office does not ask for drawn signatures on custody documents.`,
  },
};

export function fieldMessage(problem: FieldProblem, language: Language): string {
  const template = FIELD_MESSAGES[language][problem.constraint];
  if (template) return template(problem.field, problem.params);
  return language === 'es' ? `El campo «${problem.field}» no es válido.` : `Field '${problem.field}' is not valid.`;
}
