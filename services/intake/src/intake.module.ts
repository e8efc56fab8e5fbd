import { Module } from '@nestjs/common';
import { AlertNotesPoster } from './alerts/alert-notes.poster.js';
import { AlertsHandler } from './alerts/alerts.handler.js';
import { AlertsRepository } from './alerts/alerts.repository.js';
import { ManageIntegrationsUseCase } from './alerts/manage-integrations.use-case.js';
import { ReceiveAlertsUseCase } from './alerts/receive-alerts.use-case.js';
import { TrackAlertTicketsUseCase } from './alerts/track-alert-tickets.use-case.js';
import { CatalogueHandler } from './catalogue/catalogue.handler.js';
import { CatalogueRepository } from './catalogue/catalogue.repository.js';
import { ManageCatalogueUseCase } from './catalogue/manage-catalogue.use-case.js';
import { RegisterTicketHandler } from './registration/register-ticket.handler.js';
import { RegisterTicketUseCase } from './registration/register-ticket.use-case.js';
import { TicketRepository } from './registration/ticket.repository.js';
import { RequesterQueriesHandler } from './requesters/requester-queries.handler.js';
import { RequesterRepository } from './requesters/requester.repository.js';
import { SearchRequestersUseCase } from './requesters/search-requesters.use-case.js';

@Module({
  controllers: [RegisterTicketHandler, RequesterQueriesHandler, CatalogueHandler, AlertsHandler],
  providers: [
    RegisterTicketUseCase,
    TicketRepository,
    RequesterRepository,
    SearchRequestersUseCase,
    CatalogueRepository,
    ManageCatalogueUseCase,
    AlertsRepository,
    ReceiveAlertsUseCase,
    ManageIntegrationsUseCase,
    AlertNotesPoster,
    TrackAlertTicketsUseCase,
  ],
})
export class IntakeModule {}
