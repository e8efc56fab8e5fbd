import { Module } from '@nestjs/common';
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
  controllers: [RegisterTicketHandler, RequesterQueriesHandler, CatalogueHandler],
  providers: [
    RegisterTicketUseCase,
    TicketRepository,
    RequesterRepository,
    SearchRequestersUseCase,
    CatalogueRepository,
    ManageCatalogueUseCase,
  ],
})
export class IntakeModule {}
