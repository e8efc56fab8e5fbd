import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ProcedureEvents, RecipientKind, type EventEnvelope, type TicketClosedV1 } from '@cau/contracts';
import { ServiceRuntime, type BatchScope } from '@cau/messaging';
import type { NotificationsConfig } from '../config/notifications-config.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { DeliveryKind } from '../delivery/delivery.js';
import { deliveryMessageId } from '../delivery/message-id.js';
import { MailTemplateRepository } from '../mail-templates/mail-template.repository.js';
import { AreaMailboxRepository } from '../rules/area-mailbox.repository.js';
import { JurisdictionContactsRepository } from '../rules/jurisdiction-contacts.repository.js';
import { NotificationRulesRepository } from '../rules/notification-rules.repository.js';
import { BatchWrites } from '../persistence/batch-writes.js';
import { TicketNotYetKnownError, type TicketCopy } from '../tickets/ticket-copy.repository.js';
import { TicketDuty, TicketPeopleRepository } from '../tickets/ticket-people.repository.js';
import { signSurveyLink, surveyLinkUrl } from '../survey-links/survey-link.js';
import type { RenderedMail } from '../templates/mail.js';
import { TicketFollowersRepository } from '../tickets/ticket-followers.repository.js';
import { renderTicketMail, type EventMails, type MailInput } from './ticket-mail-plans.js';

/**
 * Applies the rules of `notification_rules` to one event: for each enabled rule, the recipients it
 * names get the mail of its plan, unless they opted out of this event type and the rule is not
 * essential. Mails are only recorded, in the consumer's transaction, one row per (event, recipient),
 * written with the batch's other mails in one statement at the end of the batch; the mail sender sends
 * them once it commits.
 */
@Injectable()
export class QueueTicketMailsUseCase {
  private readonly logger: ServiceRuntime['logger'];

  constructor(
    runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly writes: BatchWrites,
    private readonly rules: NotificationRulesRepository,
    private readonly mailboxes: AreaMailboxRepository,
    private readonly jurisdictions: JurisdictionContactsRepository,
    private readonly people: TicketPeopleRepository,
    private readonly templates: MailTemplateRepository,
    private readonly followers: TicketFollowersRepository,
  ) {
    this.logger = runtime.logger.child({ component: 'ticket-mails' });
  }

  /** `known` is the ticket's copy when the caller has it (the registration); otherwise it is read. */
  async handle<T extends { ticketId: string }>(
    mails: EventMails<T>,
    event: EventEnvelope<T>,
    tx: EntityManager,
    batch: BatchScope,
    known?: TicketCopy,
  ): Promise<void> {
    const rules = await this.rules.enabledFor(tx, event.type);
    if (rules.length === 0) return;
    // A ticket registered earlier in this batch is among the batch's pending copies.
    const ticket = known ?? (await this.writes.ticket(tx, batch, event.data.ticketId));
    // Thrown, not skipped: the consumer retries the event with back-off, by when the registration is here.
    if (!ticket) throw new TicketNotYetKnownError(event.data.ticketId, event.type);
    const config = this.settings.current;
    const locale = { language: config.language, timeZone: config.timeZone };
    const pending = await this.writes.of(tx, batch);
    let thread: string | undefined;
    // The registration mail's Message-ID, which every later mail of the ticket replies to.
    const threadOf = (): string =>
      (thread ??= deliveryMessageId(
        DeliveryKind.TicketRegistered,
        ticket.registrationEventId,
        ticket.requesterEmail,
        config.messageIdDomain,
      ));

    for (const rule of rules) {
      const plan = mails.plans[rule.recipientKind];
      const fields = {
        eventId: event.id,
        eventType: event.type,
        ticketNumber: ticket.number,
        rule: rule.recipientKind,
      };
      if (!plan) {
        this.logger.warn(fields, 'an enabled rule has no mail for this event type; nothing sent');
        continue;
      }
      // Not this case of the event type (a staff reply is not the requester's comment): no mail, no log.
      if (plan.when && !plan.when(event.data)) continue;
      const recipients = await this.recipientsOf(tx, rule.recipientKind, mails, event.data, ticket, config);
      if (recipients.length === 0) {
        this.logger.debug(fields, 'no address configured for this rule; nothing sent');
        continue;
      }
      const optedOut = rule.essential ? new Set<string>() : await this.rules.optedOut(tx, recipients, event.type);
      const wanted = recipients.filter((recipient) => !optedOut.has(recipient));
      const followers = rule.recipientKind === RecipientKind.Requester && mails.followers === true;
      if (wanted.length === 0 && !followers) continue;
      const input = {
        event,
        ticket,
        portalUrl: config.portalUrl,
        locale,
        surveyUrl: rule.recipientKind === RecipientKind.Requester ? surveyUrlOf(event, ticket, config) : undefined,
      };
      // Read in the consumer's transaction: a template saved before its batch began is the one its mails get.
      const template = await this.templates.inForce(tx, plan.kind, config.language);
      const render = (mailInput: MailInput<T>) => renderTicketMail(plan, mailInput, template);
      const mail = render(input);
      const record = (recipient: string, rendered: RenderedMail) => {
        const added = pending.addDelivery({
          id: randomUUID(),
          eventId: event.id,
          recipient,
          kind: plan.kind,
          language: config.language,
          ticketId: ticket.ticketId,
          ticketNumber: ticket.number,
          ...rendered,
          messageId: deliveryMessageId(plan.kind, event.id, recipient, config.messageIdDomain),
          // The registration mail starts the thread; every later mail of the ticket replies to it.
          threadMessageId: plan.kind === DeliveryKind.TicketRegistered ? null : threadOf(),
        });
        // Also when one address is named by two rules of the same event: it gets the first mail only.
        if (!added) this.logger.info({ ...fields, kind: plan.kind }, 'mail already recorded');
      };
      for (const recipient of wanted) record(recipient, mail);
      if (!followers) continue;
      // The requesters of merged duplicates, each addressed by name; the survey stays the requester's own,
      // a follower's closure mail links to their own request instead.
      const following = (await this.followers.of(tx, ticket.ticketId)).filter(
        (follower) => follower.email !== ticket.requesterEmail.toLowerCase(),
      );
      const followingOut = rule.essential
        ? new Set<string>()
        : await this.rules.optedOut(
            tx,
            following.map((follower) => follower.email),
            event.type,
          );
      for (const follower of following) {
        if (followingOut.has(follower.email)) continue;
        const addressed = { ...ticket, requesterName: follower.name, requesterEmail: follower.email };
        record(
          follower.email,
          render({ ...input, ticket: addressed, surveyUrl: undefined, ownTicketNumber: follower.duplicateNumber }),
        );
      }
    }
  }

  private async recipientsOf<T>(
    tx: EntityManager,
    kind: RecipientKind,
    mails: EventMails<T>,
    data: T,
    ticket: TicketCopy,
    config: NotificationsConfig,
  ): Promise<string[]> {
    const present = (address: string | null | undefined): string[] => (address ? [address] : []);
    const area = mails.area(data);
    switch (kind) {
      case RecipientKind.Requester:
        return [ticket.requesterEmail];
      case RecipientKind.AreaMailbox:
        return present(area === null ? null : await this.mailboxes.mailboxOf(tx, area));
      case RecipientKind.Supervisors: {
        // The desk's supervisors, and those the catalogue names for the ticket's jurisdiction.
        const contacts = await this.jurisdictions.contactsOf(tx, ticket.jurisdiction);
        return [...new Set([...config.supervisorEmails, ...(contacts?.supervisorEmails ?? [])])];
      }
      case RecipientKind.Operator:
        // Events recorded before actors carried their address, or an operator without one: their team's
        // mailbox (Mesa de Servicios) stands in for them.
        return present(
          (await this.people.emailOf(tx, ticket.ticketId, TicketDuty.Submitter, null)) ??
            (await this.mailboxes.mailboxOf(tx, OPERATOR_AREA)),
        );
      case RecipientKind.Referente: {
        // The catalogue's referentes once it has named the jurisdiction; before, JURISDICTION_REFERENTES.
        const contacts = await this.jurisdictions.contactsOf(tx, ticket.jurisdiction);
        return contacts ? contacts.referenteEmails : present(config.jurisdictionReferentes.get(ticket.jurisdiction));
      }
      case RecipientKind.AssignedAgent:
        // The person the event names, when it names one (an assignment); else whoever last held the area.
        // Lower-cased as ticket_people keeps addresses, so opt-outs (stored lower-cased) apply.
        if (mails.assignee) return present(mails.assignee(data)?.toLowerCase());
        return present(
          area === null ? null : await this.people.emailOf(tx, ticket.ticketId, TicketDuty.Assignee, area),
        );
    }
  }
}

/** The area whose mailbox reaches the operators (Mesa de Servicios). */
const OPERATOR_AREA = 'L1';

/**
 * The requester's closure mail carries the signed survey link (answered without signing in); the
 * referente's copy links to the portal's survey page instead, since the survey is the requester's own.
 */
function surveyUrlOf(
  event: EventEnvelope<unknown>,
  ticket: TicketCopy,
  config: NotificationsConfig,
): string | undefined {
  if (event.type !== ProcedureEvents.TicketClosed.type) return undefined;
  const token = signSurveyLink(config.surveyLink, {
    ticketId: ticket.ticketId,
    number: ticket.number,
    requesterEmail: ticket.requesterEmail,
    eventId: event.id,
    closedAt: (event.data as TicketClosedV1).at,
  });
  return surveyLinkUrl(config.portalUrl, ticket.number, token);
}
