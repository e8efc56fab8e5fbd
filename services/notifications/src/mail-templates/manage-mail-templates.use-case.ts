import { Injectable } from '@nestjs/common';
import {
  MAIL_LANGUAGES,
  type ActorV1,
  type GetTemplateQueryV1,
  type Language,
  type ListTemplatesQueryV1,
  type ListTemplateVersionsQueryV1,
  type MailKind,
  type MailKindListV1,
  type MailPreviewV1,
  type MailTemplateV1,
  type PreviewTemplateCommandV1,
  type PutTemplateCommandV1,
  type ResetTemplateCommandV1,
  type TemplateVersionInfoV1,
  type TemplateVersionListV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { onlyAdministrators } from '../admin/deliveries-admin.use-case.js';
import { NotificationsSettings } from '../config/notifications-settings.js';
import { MAIL_KIND_ENTRIES, type MailKindEntry } from '../ticket-mails/ticket-mail-plans.js';
import { SAMPLE_TICKET, describePlaceholders } from '../templates/placeholders.js';
import { defaultTicketTemplate } from '../templates/ticket-mail-defaults.js';
import { checkTemplate, renderTemplate, type MailTemplate } from '../templates/template-language.js';
import { TicketCopyRepository } from '../tickets/ticket-copy.repository.js';
import { MailTemplateRepository, type TemplateVersion } from './mail-template.repository.js';

/**
 * Administrators replace the text of a mail kind in one language with their own template, keep every
 * version, go back to the built-in template (which they see and start from), and preview a template before or after saving it. The mail
 * sender reads the template in force when it records each mail, so a saved version applies from the
 * next event on.
 */
@Injectable()
export class ManageMailTemplatesUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly settings: NotificationsSettings,
    private readonly templates: MailTemplateRepository,
    private readonly tickets: TicketCopyRepository,
  ) {}

  async list(query: ListTemplatesQueryV1): Promise<MailKindListV1> {
    onlyAdministrators(query.actor);
    const latest = await this.runtime.transaction((tx) => this.templates.allLatest(tx));
    const kinds = [...MAIL_KIND_ENTRIES.values()].map((entry) => ({
      kind: entry.kind,
      eventType: entry.eventType,
      recipient: entry.recipient,
      placeholders: describePlaceholders(entry.placeholders),
      languages: Object.fromEntries(
        MAIL_LANGUAGES.map((language) => [
          language,
          versionInfo(latest.find((v) => v.kind === entry.kind && v.language === language) ?? null),
        ]),
      ) as Record<Language, TemplateVersionInfoV1>,
    }));
    return { kinds };
  }

  async get(query: GetTemplateQueryV1): Promise<MailTemplateV1> {
    onlyAdministrators(query.actor);
    const latest = await this.runtime.transaction((tx) => this.templates.latest(tx, query.kind, query.language));
    return this.describe(query.kind, query.language, latest);
  }

  /** Refused with every problem, each naming its field, unless the template renders for this kind. */
  async put(command: PutTemplateCommandV1): Promise<MailTemplateV1> {
    onlyAdministrators(command.actor);
    const entry = entryOf(command.kind);
    const template = { subject: command.template.subject, text: command.template.text, html: command.template.html };
    const problems = checkTemplate(template, entry.placeholders, 'template.');
    if (problems.length > 0) throw ServiceError.validation(problems);
    const saved = await this.runtime.transaction((tx) =>
      this.templates.append(tx, command.kind, command.language, template, command.actor),
    );
    this.logChange(command.actor, saved, 'mail template saved');
    return this.describe(command.kind, command.language, saved);
  }

  /** Back to the built-in template, recorded as a version; nothing changes when it is in force already. */
  async reset(command: ResetTemplateCommandV1): Promise<MailTemplateV1> {
    onlyAdministrators(command.actor);
    const latest = await this.runtime.transaction(async (tx) => {
      const current = await this.templates.latest(tx, command.kind, command.language);
      if (!current?.template) return current;
      return this.templates.append(tx, command.kind, command.language, null, command.actor);
    });
    if (latest) this.logChange(command.actor, latest, 'mail template back to the built-in one');
    return this.describe(command.kind, command.language, latest);
  }

  async versions(query: ListTemplateVersionsQueryV1): Promise<TemplateVersionListV1> {
    onlyAdministrators(query.actor);
    const versions = await this.runtime.transaction((tx) => this.templates.versions(tx, query.kind, query.language));
    return {
      versions: versions.map((v) => ({
        version: v.version,
        template: v.template,
        createdBy: v.createdBy,
        createdAt: v.createdAt,
      })),
    };
  }

  /**
   * Renders a draft, or the template in force, with the sample ticket or a stored one. What a ticket
   * does not keep (a solution, a reason) comes from the sample event of the kind.
   */
  async preview(command: PreviewTemplateCommandV1): Promise<MailPreviewV1> {
    onlyAdministrators(command.actor);
    const entry = entryOf(command.kind);
    if (command.template) {
      const problems = checkTemplate(command.template, entry.placeholders, 'template.');
      if (problems.length > 0) throw ServiceError.validation(problems);
    }
    const { ticket, inForce } = await this.runtime.transaction(async (tx) => ({
      ticket:
        command.ticketNumber === undefined ? SAMPLE_TICKET : await this.tickets.findByNumber(tx, command.ticketNumber),
      inForce: command.template ? null : await this.templates.inForce(tx, command.kind, command.language),
    }));
    if (!ticket) throw ServiceError.notFound('ticket', command.ticketNumber ?? 0);
    const config = this.settings.current;
    const { values, builtIn } = entry.sample(ticket, config.portalUrl, {
      language: command.language,
      timeZone: config.timeZone,
    });
    const template: MailTemplate | null = command.template ?? inForce;
    const source = command.template ? 'draft' : inForce ? 'override' : 'built-in';
    return { source, ...(template ? renderTemplate(template, values) : builtIn) };
  }

  private describe(kind: MailKind, language: Language, latest: TemplateVersion | null): MailTemplateV1 {
    return {
      kind,
      language,
      ...versionInfo(latest),
      // The built-in text while no override is in force, so an administrator starts from the real mail.
      template: latest?.template ?? defaultTicketTemplate(kind, language),
      placeholders: describePlaceholders(entryOf(kind).placeholders),
    };
  }

  private logChange(actor: ActorV1, version: TemplateVersion, message: string): void {
    this.runtime.logger.info(
      { kind: version.kind, language: version.language, version: version.version, by: actor.accountId },
      message,
    );
  }
}

function entryOf(kind: MailKind): MailKindEntry {
  const entry = MAIL_KIND_ENTRIES.get(kind);
  // The contract admits only the kinds of MAIL_KINDS, which a unit test keeps equal to the plans' kinds.
  if (!entry) throw ServiceError.notFound('mail kind', kind);
  return entry;
}

function versionInfo(latest: TemplateVersion | null): TemplateVersionInfoV1 {
  return {
    version: latest?.version ?? 0,
    source: latest?.template ? 'override' : 'built-in',
    updatedBy: latest?.createdBy ?? null,
    updatedAt: latest?.createdAt ?? null,
  };
}
