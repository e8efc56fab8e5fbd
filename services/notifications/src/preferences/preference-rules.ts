import { AnnouncementEvents } from '@cau/contracts';

/**
 * Whether a person may turn an event type's mails to their address off. Announcement mails, always: none
 * is essential, the announcement still shows in the portal, and anyone's address can receive them (staff
 * register tickets for themselves too). Ticket mails, when a rule of the type for a kind of recipient the
 * person can be is not essential (`hasOptionalRule`): the registration mail is always sent.
 */
export function mayTurnOff(eventType: string, hasOptionalRule: boolean): boolean {
  return eventType === AnnouncementEvents.Published.type || hasOptionalRule;
}
