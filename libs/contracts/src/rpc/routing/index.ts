import { ActorEnvelopeBase } from '../../common.js';
import { PriorityMatrixV1, ReplacePriorityMatrixCommandV1 } from '../../priority-matrix.js';
import { DeriveTicketCommandV1, ReclassifyTicketCommandV1, TicketOnlyCommandV1 } from '../../procedures/commands.js';
import { TicketClassificationV1, type TicketDerivedV1 } from '../../procedures/events.js';
import { defineCommand, defineQuery, replyOf } from '../define.js';
import { AreaV1, ConfiguredGraphV1, RenameAreaCommandV1, ReplaceGraphCommandV1 } from './areas.js';
import { SuggestedAreaV1, TicketPathV1, type LocatedTicketV1 } from './tickets.js';

export * from './areas.js';
export * from './tickets.js';

/** Everything routing answers over request/reply. */
export const RoutingRpc = {
  /** Where a ticket is now, so a caller can address the resolution instance of that area. */
  Locate: defineQuery('routing.ticket.locate.v1', TicketOnlyCommandV1, replyOf<LocatedTicketV1>()),
  Derive: defineCommand('routing.ticket.derive.v1', DeriveTicketCommandV1, replyOf<TicketDerivedV1>()),
  Suggest: defineQuery('routing.ticket.suggest.v1', TicketOnlyCommandV1, SuggestedAreaV1),
  Path: defineQuery('routing.ticket.path.v1', TicketOnlyCommandV1, TicketPathV1),
  /** The ticket's classification after the change. */
  Reclassify: defineCommand('routing.ticket.reclassify.v1', ReclassifyTicketCommandV1, TicketClassificationV1),
  ListAreas: defineQuery('routing.areas.list.v1', ActorEnvelopeBase, replyOf<AreaV1[]>()),
  RenameArea: defineCommand('routing.areas.rename.v1', RenameAreaCommandV1, AreaV1),
  GetGraph: defineQuery('routing.graph.get.v1', ActorEnvelopeBase, ConfiguredGraphV1),
  ReplaceGraph: defineCommand('routing.graph.replace.v1', ReplaceGraphCommandV1, ConfiguredGraphV1),
  /** Any staff member. */
  GetPriorityMatrix: defineQuery('routing.priority-matrix.get.v1', ActorEnvelopeBase, PriorityMatrixV1),
  /** Administrators; tickets already routed keep their priority. */
  ReplacePriorityMatrix: defineCommand(
    'routing.priority-matrix.replace.v1',
    ReplacePriorityMatrixCommandV1,
    PriorityMatrixV1,
  ),
};
