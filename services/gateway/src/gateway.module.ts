import { Module, type DynamicModule } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccountRepository } from './accounts/account.repository.js';
import { AccountSearchRepository } from './accounts/account-search.repository.js';
import { SearchAccountsUseCase } from './accounts/search-accounts.use-case.js';
import { AccountsController } from './accounts/accounts.controller.js';
import { BootstrapAdminUseCase } from './accounts/bootstrap-admin.use-case.js';
import { CreateAccountUseCase } from './accounts/create-account.use-case.js';
import { GetOwnAccountUseCase } from './accounts/get-own-account.use-case.js';
import { ManageOwnAccountUseCase } from './accounts/manage-own-account.use-case.js';
import { UpdateAccountUseCase } from './accounts/update-account.use-case.js';
import { AuditController } from './audit/audit.controller.js';
import { AuditLogUseCase } from './audit/audit-log.use-case.js';
import { AuditRepository } from './audit/audit.repository.js';
import { PasswordResetRepository } from './password-reset/password-reset.repository.js';
import { PasswordResetUseCase } from './password-reset/password-reset.use-case.js';
import { RegistrationRepository } from './registration/registration.repository.js';
import { RegistrationUseCase } from './registration/registration.use-case.js';
import { AttachmentPurge } from './attachments/attachment-purge.js';
import { attachmentStoreProvider } from './attachments/attachment-store.provider.js';
import { AttachmentRepository } from './attachments/attachment.repository.js';
import { AttachmentsConfig, attachmentsConfigFromEnv } from './attachments/attachments-config.js';
import { AttachmentsController } from './attachments/attachments.controller.js';
import { AttachmentsUseCase } from './attachments/attachments.use-case.js';
import { MailAttachments } from './attachments/mail-attachments.js';
import { AuthController } from './auth/auth.controller.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AccountStatusCache } from './auth/account-status.js';
import { CheckCredentials } from './auth/check-credentials.js';
import { loginThrottleProviders } from './auth/login-throttle.js';
import { IssueTokenUseCase } from './auth/issue-token.use-case.js';
import { PasswordHasher } from './auth/password-hasher.js';
import { TokenService } from './auth/token.service.js';
import { CatalogueController } from './catalogue/catalogue.controller.js';
import { CatalogueAdminController } from './catalogue/catalogue-admin.controller.js';
import { ManageCatalogueUseCase } from './catalogue/manage-catalogue.use-case.js';
import { ReadCatalogueUseCase } from './catalogue/read-catalogue.use-case.js';
import { GatewayConfig, gatewayConfigFromEnv } from './config/gateway-config.js';
import { AreasController } from './configuration/areas.controller.js';
import { CalendarsController } from './configuration/calendars.controller.js';
import { ProblemsController } from './problems/problems.controller.js';
import { ManageProblemsUseCase } from './problems/manage-problems.use-case.js';
import { ManageCalendarsUseCase } from './configuration/manage-calendars.use-case.js';
import { EscalationGraphController } from './configuration/escalation-graph.controller.js';
import { ManagePriorityMatrixUseCase } from './configuration/manage-priority-matrix.use-case.js';
import { PriorityMatrixController } from './configuration/priority-matrix.controller.js';
import { ReplaceNotificationConfigurationUseCase } from './notifications/replace-notification-configuration.use-case.js';
import { NotificationConfigurationController } from './notifications/notification-configuration.controller.js';
import { ManageAreasUseCase } from './configuration/manage-areas.use-case.js';
import { ManageEscalationGraphUseCase } from './configuration/manage-escalation-graph.use-case.js';
import { ManageSlaPoliciesUseCase } from './configuration/manage-sla-policies.use-case.js';
import { SlaPoliciesController } from './configuration/sla-policies.controller.js';
import { ArticleFileRepository } from './knowledge/article-file.repository.js';
import { ArticleFilesController } from './knowledge/article-files.controller.js';
import { ArticleFilesUseCase } from './knowledge/article-files.use-case.js';
import { KnowledgeController } from './knowledge/knowledge.controller.js';
import { SERVICE_CLIENTS } from './http/service-clients.js';
import { InventoryController } from './inventory/inventory.controller.js';
import { FieldServiceController } from './field-service/field-service.controller.js';
import { FieldServiceUseCase } from './field-service/field-service.use-case.js';
import { ServiceLogController } from './service-log/service-log.controller.js';
import { ServiceLogUseCase } from './service-log/service-log.use-case.js';
import { EquipmentCsvUseCase } from './inventory/equipment-csv.use-case.js';
import { MyEquipmentController } from './inventory/my-equipment.controller.js';
import { MailTemplatesController } from './notifications/mail-templates.controller.js';
import { AnnouncementsController } from './announcements/announcements.controller.js';
import { ManageAnnouncementsUseCase } from './announcements/manage-announcements.use-case.js';
import { ChangeMailTemplatesUseCase } from './notifications/change-mail-templates.use-case.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { InboundMailController } from './notifications/inbound-mail.controller.js';
import { MonitoringController, MonitoringWebhookController } from './monitoring/monitoring.controller.js';
import { MonitoringUseCase } from './monitoring/monitoring.use-case.js';
import { PerformTicketActionUseCase } from './procedures/perform-ticket-action.use-case.js';
import { AssignTicketUseCase } from './procedures/assign-ticket.use-case.js';
import { TicketProceduresController } from './procedures/ticket-procedures.controller.js';
import { TicketRelationsController } from './procedures/ticket-relations.controller.js';
import { TicketClassificationController } from './procedures/ticket-classification.controller.js';
import { ExportTicketPagesUseCase } from './reports/export-ticket-pages.use-case.js';
import { ReportsController } from './reports/reports.controller.js';
import { StepTimesController } from './reports/step-times.controller.js';
import { StepTimesUseCase } from './reports/step-times.use-case.js';
import { GetTicketUseCase } from './tickets/get-ticket.use-case.js';
import { RegisterTicketUseCase } from './tickets/register-ticket.use-case.js';
import { TicketsController } from './tickets/tickets.controller.js';
import { CsrfGuard } from './sessions/csrf.guard.js';
import { SessionRepository } from './sessions/session.repository.js';
import { SessionService } from './sessions/session.service.js';
import { SessionsController } from './sessions/sessions.controller.js';
import { PasswordLoginUseCase } from './sessions/password-login.use-case.js';
import { SurveyLinkUseCase } from './surveys/survey-link.use-case.js';
import { SurveyLinkVerifier } from './surveys/survey-link-verifier.js';
import { SurveysController } from './surveys/surveys.controller.js';
import { RequestersController } from './directory/requesters.controller.js';
import { ManageSavedViewsUseCase } from './views/manage-saved-views.use-case.js';
import { CannedAnswerRepository } from './canned-answers/canned-answer.repository.js';
import { CannedAnswersController } from './canned-answers/canned-answers.controller.js';
import { TicketMailsController } from './notifications/ticket-mails.controller.js';
import { ManageCannedAnswersUseCase } from './canned-answers/manage-canned-answers.use-case.js';
import { SavedViewRepository } from './views/saved-view.repository.js';
import { SavedViewsController } from './views/saved-views.controller.js';
import { LiveAuthCheck } from './live/live-auth-check.js';
import { LiveConfig, liveConfigFromEnv } from './live/live-config.js';
import { LiveEventHub } from './live/live-event-hub.js';
import { FreshTickets } from './tickets/fresh-tickets.js';
import { LiveController } from './live/live.controller.js';
import { LiveStreamService } from './live/live-stream.service.js';
import { IdentityConfig, identityConfigFromEnv } from './oidc/oidc-config.js';
import { OidcController } from './oidc/oidc.controller.js';
import { OidcLoginUseCase } from './oidc/oidc-login.use-case.js';
import { OidcRepository } from './oidc/oidc.repository.js';
import { WhatsappController } from './whatsapp/whatsapp.controller.js';
import { WhatsappWebhookConfig, whatsappWebhookConfigFromEnv } from './whatsapp/whatsapp-webhook.js';

@Module({})
export class GatewayModule {
  /** The configuration is read when the module is built, i.e. at boot: a bad value stops the start. */
  static forRoot(env: NodeJS.ProcessEnv): DynamicModule {
    return {
      module: GatewayModule,
      controllers: [
        WhatsappController,
        AuthController,
        SessionsController,
        AccountsController,
        TicketsController,
        TicketProceduresController,
        TicketRelationsController,
        TicketClassificationController,
        AreasController,
        EscalationGraphController,
        PriorityMatrixController,
        NotificationConfigurationController,
        SlaPoliciesController,
        CalendarsController,
        ProblemsController,
        KnowledgeController,
        InventoryController,
        MyEquipmentController,
        FieldServiceController,
        ServiceLogController,
        ArticleFilesController,
        ReportsController,
        StepTimesController,
        NotificationsController,
        MailTemplatesController,
        AnnouncementsController,
        InboundMailController,
        MonitoringWebhookController,
        MonitoringController,
        CatalogueController,
        CatalogueAdminController,
        AttachmentsController,
        SurveysController,
        RequestersController,
        SavedViewsController,
        CannedAnswersController,
        TicketMailsController,
        LiveController,
        AuditController,
        OidcController,
      ],
      providers: [
        ManageProblemsUseCase,
        { provide: GatewayConfig, useFactory: () => gatewayConfigFromEnv(env) },
        { provide: APP_GUARD, useClass: AuthGuard },
        AccountRepository,
        AuditRepository,
        AuditLogUseCase,
        ManageAnnouncementsUseCase,
        PasswordResetRepository,
        PasswordResetUseCase,
        RegistrationRepository,
        RegistrationUseCase,
        PasswordHasher,
        TokenService,
        CheckCredentials,
        IssueTokenUseCase,
        SessionRepository,
        SessionService,
        PasswordLoginUseCase,
        CsrfGuard,
        CreateAccountUseCase,
        GetOwnAccountUseCase,
        ManageOwnAccountUseCase,
        BootstrapAdminUseCase,
        ...SERVICE_CLIENTS,
        RegisterTicketUseCase,
        GetTicketUseCase,
        PerformTicketActionUseCase,
        AssignTicketUseCase,
        ManageAreasUseCase,
        ManageEscalationGraphUseCase,
        ManagePriorityMatrixUseCase,
        ReplaceNotificationConfigurationUseCase,
        ManageSlaPoliciesUseCase,
        ManageCalendarsUseCase,
        EquipmentCsvUseCase,
        FieldServiceUseCase,
        ServiceLogUseCase,
        ArticleFileRepository,
        ArticleFilesUseCase,
        ExportTicketPagesUseCase,
        ChangeMailTemplatesUseCase,
        MonitoringUseCase,
        AccountStatusCache,
        UpdateAccountUseCase,
        ...loginThrottleProviders,
        StepTimesUseCase,
        ReadCatalogueUseCase,
        ManageCatalogueUseCase,
        { provide: AttachmentsConfig, useFactory: () => attachmentsConfigFromEnv(env) },
        attachmentStoreProvider,
        AttachmentRepository,
        AttachmentsUseCase,
        MailAttachments,
        AttachmentPurge,
        SurveyLinkVerifier,
        SurveyLinkUseCase,
        AccountSearchRepository,
        SearchAccountsUseCase,
        SavedViewRepository,
        ManageSavedViewsUseCase,
        CannedAnswerRepository,
        ManageCannedAnswersUseCase,
        { provide: LiveConfig, useFactory: () => liveConfigFromEnv(env) },
        { provide: WhatsappWebhookConfig, useFactory: () => whatsappWebhookConfigFromEnv(env) },
        LiveEventHub,
        FreshTickets,
        LiveAuthCheck,
        LiveStreamService,
        { provide: IdentityConfig, useFactory: () => identityConfigFromEnv(env) },
        OidcRepository,
        OidcLoginUseCase,
      ],
    };
  }
}
