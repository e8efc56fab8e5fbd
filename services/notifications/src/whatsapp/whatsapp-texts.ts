import type { Language } from '@cau/contracts';
import type { MediaRefusal } from './whatsapp-media.js';

/** What a delivery is about; stored in every row, never rename a value in place. */
export const WhatsappKind = {
  TicketRegistered: 'ticket-registered',
  StaffReplied: 'staff-replied',
  TicketResolved: 'ticket-resolved',
  TicketClosed: 'ticket-closed',
  TicketReopened: 'ticket-reopened',
  UnknownNumber: 'unknown-number',
} as const;
export type WhatsappKind = (typeof WhatsappKind)[keyof typeof WhatsappKind];

/** A template parameter may not hold new lines, tabs or more than four spaces in a row, and is bounded. */
export function templateParameter(text: string, max = 900): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat || '-';
}

const MEDIA_REFUSAL_ES: Record<MediaRefusal, string> = {
  size: 'supera el tamaño máximo',
  type: 'tipo de archivo no admitido',
  empty: 'está vacío',
  checksum: 'llegó dañado (no coincide su suma de verificación)',
  unavailable: 'WhatsApp no lo entregó',
};

const MEDIA_REFUSAL_EN: Record<MediaRefusal, string> = {
  size: 'it is over the maximum size',
  type: 'file type not accepted',
  empty: 'it is empty',
  checksum: 'it arrived damaged (its checksum does not match)',
  unavailable: 'WhatsApp did not deliver it',
};

const TEXTS = {
  es: {
    registered: 'Registramos su mensaje como un ticket nuevo. Le avisaremos por aquí de cada novedad.',
    replied: (by: string, text: string) => `${by} respondió: ${text}`,
    resolved: (solution: string) =>
      `Su ticket fue resuelto: ${solution}. Si el problema sigue, responda a este mensaje.`,
    closed: 'Su ticket fue cerrado. Si vuelve a escribirnos abriremos uno nuevo.',
    reopened: (reason: string) => `Su ticket fue reabierto: ${reason}`,
    unsupported: (type: string) =>
      `(Mensaje de WhatsApp de tipo «${type}»: solo se reciben textos, fotos, documentos, audios, videos y stickers.)`,
    mediaOnly: (fileName: string) => `Archivo enviado por WhatsApp: ${fileName}`,
    mediaNotReceived: (fileName: string, refusal: MediaRefusal) =>
      `(No se pudo recibir el archivo «${fileName}» enviado por WhatsApp: ${MEDIA_REFUSAL_ES[refusal]}. ` +
      'Pida al solicitante que lo envíe de nuevo o por correo electrónico.)',
    titleFallback: 'Mensaje por WhatsApp',
  },
  en: {
    registered: 'We registered your message as a new ticket. We will let you know here of every update.',
    replied: (by: string, text: string) => `${by} replied: ${text}`,
    resolved: (solution: string) =>
      `Your ticket was resolved: ${solution}. If the problem persists, answer this message.`,
    closed: 'Your ticket was closed. If you write to us again we will open a new one.',
    reopened: (reason: string) => `Your ticket was reopened: ${reason}`,
    unsupported: (type: string) =>
      `(WhatsApp message of type "${type}": only texts, pictures, documents, audio, videos and stickers are received.)`,
    mediaOnly: (fileName: string) => `File sent by WhatsApp: ${fileName}`,
    mediaNotReceived: (fileName: string, refusal: MediaRefusal) =>
      `(The file "${fileName}" sent by WhatsApp could not be received: ${MEDIA_REFUSAL_EN[refusal]}. ` +
      'Ask the requester to send it again or by e-mail.)',
    titleFallback: 'WhatsApp message',
  },
} as const;

export function whatsappTexts(language: Language): (typeof TEXTS)['es'] | (typeof TEXTS)['en'] {
  return language === 'en' ? TEXTS.en : TEXTS.es;
}
