import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RoutingCommands } from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ActorOnlyCommand, RenameAreaCommand, ReplaceGraphCommand } from './graph.commands.js';
import type { Area, ConfiguredGraph } from './graph.repository.js';
import { GetGraphUseCase } from './get-graph.use-case.js';
import { ListAreasUseCase } from './list-areas.use-case.js';
import { RenameAreaUseCase } from './rename-area.use-case.js';
import { ReplaceGraphUseCase } from './replace-graph.use-case.js';

@Controller()
export class GraphHandler {
  constructor(
    private readonly listAreas: ListAreasUseCase,
    private readonly renameArea: RenameAreaUseCase,
    private readonly getGraph: GetGraphUseCase,
    private readonly replaceGraph: ReplaceGraphUseCase,
  ) {}

  @MessagePattern(RoutingCommands.ListAreas)
  areas(@Payload() data: unknown): Promise<Area[]> {
    return this.listAreas.list(parseMessage(ActorOnlyCommand, data));
  }

  @MessagePattern(RoutingCommands.RenameArea)
  rename(@Payload() data: unknown): Promise<Area> {
    return this.renameArea.rename(parseMessage(RenameAreaCommand, data));
  }

  @MessagePattern(RoutingCommands.GetGraph)
  graph(@Payload() data: unknown): Promise<ConfiguredGraph> {
    return this.getGraph.get(parseMessage(ActorOnlyCommand, data));
  }

  @MessagePattern(RoutingCommands.ReplaceGraph)
  replace(@Payload() data: unknown): Promise<ConfiguredGraph> {
    return this.replaceGraph.replace(parseMessage(ReplaceGraphCommand, data));
  }
}
