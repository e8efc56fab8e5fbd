import { defineCommand, defineQuery, replyOf } from '../define.js';
import {
  AlertIntegrationIdCommandV1,
  AlertIntegrationListV1,
  AlertIntegrationSecretV1,
  AlertIntegrationV1,
  AlertRecordListV1,
  CreateAlertIntegrationCommandV1,
  ListAlertIntegrationsQueryV1,
  ReceiveAlertsCommandV1,
  ReceiveAlertsResultV1,
  RecentAlertsQueryV1,
  TicketAlertsQueryV1,
  UpdateAlertIntegrationCommandV1,
} from './alerts.js';
import {
  CatalogueV1,
  ListCatalogueQueryV1,
  SaveCategoryCommandV1,
  SaveJurisdictionCommandV1,
  SaveServiceCommandV1,
  SetRetiredCommandV1,
  type CatalogueChangeV1,
  type CategoryV1,
  type JurisdictionV1,
  type ServiceV1,
} from './catalogue.js';
import { RegisterTicketCommandV1, type RegisterTicketResultV1 } from './register-ticket.js';
import {
  RequesterByPhoneQueryV1,
  RequesterRefV1,
  RequesterSearchQueryV1,
  RequesterPageV1,
  RequesterV1,
} from './requesters.js';

export * from './alerts.js';
export * from './catalogue.js';
export * from './register-ticket.js';
export * from './requesters.js';

/** Everything intake answers over request/reply. */
export const IntakeRpc = {
  RegisterTicket: defineCommand(
    'intake.ticket.register.v1',
    RegisterTicketCommandV1,
    replyOf<RegisterTicketResultV1>(),
  ),

  /*
   * The requester directory: everyone a ticket was registered for (created or updated by each
   * registration, keyed by e-mail).
   */
  /** Staff (operator, agent, supervisor, admin) find a requester by name, e-mail or phone while registering. */
  SearchRequesters: defineQuery('intake.requester.search.v1', RequesterSearchQueryV1, RequesterPageV1),
  /** One requester by id (staff): inventory names the holder of a custody. */
  GetRequester: defineQuery('intake.requester.get.v1', RequesterRefV1, RequesterV1),
  /** Notifications: the requester a WhatsApp number (E.164 digits) belongs to, or null. */
  RequesterByPhone: defineQuery(
    'intake.requester.by-phone.v1',
    RequesterByPhoneQueryV1,
    replyOf<{ requester: RequesterV1 | null }>(),
  ),

  /** Retired entries and jurisdictions' e-mails: administrators only. */
  ListCatalogue: defineQuery('intake.catalogue.list.v1', ListCatalogueQueryV1, CatalogueV1),
  /** Create or change one entry; administrators only. */
  SaveCategory: defineCommand(
    'intake.catalogue.category.save.v1',
    SaveCategoryCommandV1,
    replyOf<CatalogueChangeV1<CategoryV1>>(),
  ),
  SaveService: defineCommand(
    'intake.catalogue.service.save.v1',
    SaveServiceCommandV1,
    replyOf<CatalogueChangeV1<ServiceV1>>(),
  ),
  SaveJurisdiction: defineCommand(
    'intake.catalogue.jurisdiction.save.v1',
    SaveJurisdictionCommandV1,
    replyOf<CatalogueChangeV1<JurisdictionV1>>(),
  ),
  /** Retire or restore one entry; administrators only. */
  SetCatalogueEntryRetired: defineCommand(
    'intake.catalogue.retire.v1',
    SetRetiredCommandV1,
    replyOf<CatalogueChangeV1<CategoryV1 | ServiceV1 | JurisdictionV1>>(),
  ),

  /*
   * Monitoring alerts become incidents (issue 18): intake owns the integrations (one account per monitoring
   * source, with its webhook secret) and the alert records that fold repeated firings into one ticket.
   */
  /** The gateway's webhook: one Alertmanager or Zabbix notification, with the hash of the secret presented. */
  ReceiveAlerts: defineCommand('intake.alerts.receive.v1', ReceiveAlertsCommandV1, ReceiveAlertsResultV1),
  /** Administrators: the integrations. */
  ListAlertIntegrations: defineQuery(
    'intake.alerts.integrations.list.v1',
    ListAlertIntegrationsQueryV1,
    AlertIntegrationListV1,
  ),
  CreateAlertIntegration: defineCommand(
    'intake.alerts.integrations.create.v1',
    CreateAlertIntegrationCommandV1,
    AlertIntegrationSecretV1,
  ),
  UpdateAlertIntegration: defineCommand(
    'intake.alerts.integrations.update.v1',
    UpdateAlertIntegrationCommandV1,
    AlertIntegrationV1,
  ),
  /** Administrators: a new secret, answered once (only its hash is kept). */
  RotateAlertSecret: defineCommand(
    'intake.alerts.integrations.rotate.v1',
    AlertIntegrationIdCommandV1,
    AlertIntegrationSecretV1,
  ),
  /** Administrators: the latest alert records with their tickets. */
  RecentAlerts: defineQuery('intake.alerts.recent.v1', RecentAlertsQueryV1, AlertRecordListV1),
  /** Staff: the alerts folded into one ticket (the ticket workspace's monitoring section). */
  TicketAlerts: defineQuery('intake.alerts.ticket.v1', TicketAlertsQueryV1, AlertRecordListV1),
};
