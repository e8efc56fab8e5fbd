import { Controller } from '@nestjs/common';
import {
  RoutingRpc,
  type AreaV1,
  type ConfiguredGraphV1,
  type ActorEnvelopeBase,
  type RenameAreaCommandV1,
  type ReplaceGraphCommandV1,
} from '@cau/contracts';
import { Answers } from '@cau/messaging';
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

  @Answers(RoutingRpc.ListAreas)
  areas(request: ActorEnvelopeBase): Promise<AreaV1[]> {
    return this.listAreas.list(request);
  }

  @Answers(RoutingRpc.RenameArea)
  rename(request: RenameAreaCommandV1): Promise<AreaV1> {
    return this.renameArea.rename(request);
  }

  @Answers(RoutingRpc.GetGraph)
  graph(request: ActorEnvelopeBase): Promise<ConfiguredGraphV1> {
    return this.getGraph.get(request);
  }

  @Answers(RoutingRpc.ReplaceGraph)
  replace(request: ReplaceGraphCommandV1): Promise<ConfiguredGraphV1> {
    return this.replaceGraph.replace(request);
  }
}
