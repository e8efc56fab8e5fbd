import { Module } from '@nestjs/common';
import { DerivationHandler } from './derivation/derivation.handler.js';
import { DerivationRepository } from './derivation/derivation.repository.js';
import { DeriveTicketUseCase } from './derivation/derive-ticket.use-case.js';
import { LocateTicketUseCase } from './derivation/locate-ticket.use-case.js';
import { TicketPathUseCase } from './derivation/ticket-path.use-case.js';
import { GetGraphUseCase } from './graph/get-graph.use-case.js';
import { GraphHandler } from './graph/graph.handler.js';
import { GraphRepository } from './graph/graph.repository.js';
import { ListAreasUseCase } from './graph/list-areas.use-case.js';
import { RenameAreaUseCase } from './graph/rename-area.use-case.js';
import { ReplaceGraphUseCase } from './graph/replace-graph.use-case.js';
import { PriorityMatrixHandler } from './priority/priority-matrix.handler.js';
import { PriorityMatrixRepository } from './priority/priority-matrix.repository.js';
import { GetPriorityMatrixUseCase, ReplacePriorityMatrixUseCase } from './priority/priority-matrix.use-cases.js';
import { ReclassificationHandler } from './reclassification/reclassification.handler.js';
import { ActiveCategories } from './reclassification/active-categories.js';
import { ReclassifyTicketUseCase } from './reclassification/reclassify-ticket.use-case.js';
import { RouteRegisteredTicketUseCase } from './routing/route-registered-ticket.use-case.js';
import { RoutedTicketRepository } from './routing/routed-ticket.repository.js';
import { TrackFinishedTicketsUseCase } from './routing/track-finished-tickets.use-case.js';
import { TicketWrites } from './routing/ticket-writes.js';
import { SuggestAreaUseCase } from './suggestion/suggest-area.use-case.js';
import { SuggestionHandler } from './suggestion/suggestion.handler.js';

@Module({
  controllers: [GraphHandler, DerivationHandler, SuggestionHandler, ReclassificationHandler, PriorityMatrixHandler],
  providers: [
    PriorityMatrixRepository,
    RoutedTicketRepository,
    DerivationRepository,
    GraphRepository,
    RouteRegisteredTicketUseCase,
    TrackFinishedTicketsUseCase,
    TicketWrites,
    ListAreasUseCase,
    RenameAreaUseCase,
    GetGraphUseCase,
    ReplaceGraphUseCase,
    LocateTicketUseCase,
    DeriveTicketUseCase,
    TicketPathUseCase,
    SuggestAreaUseCase,
    ReclassifyTicketUseCase,
    ActiveCategories,
    GetPriorityMatrixUseCase,
    ReplacePriorityMatrixUseCase,
  ],
})
export class RoutingModule {}
