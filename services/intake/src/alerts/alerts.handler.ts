import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  AlertCommands,
  AlertIntegrationIdCommandV1,
  CreateAlertIntegrationCommandV1,
  ListAlertIntegrationsQueryV1,
  ReceiveAlertsCommandV1,
  RecentAlertsQueryV1,
  TicketAlertsQueryV1,
  UpdateAlertIntegrationCommandV1,
  type AlertIntegrationListV1,
  type AlertIntegrationSecretV1,
  type AlertIntegrationV1,
  type AlertRecordListV1,
  type ReceiveAlertsResultV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ManageIntegrationsUseCase } from './manage-integrations.use-case.js';
import { ReceiveAlertsUseCase } from './receive-alerts.use-case.js';

@Controller()
export class AlertsHandler {
  constructor(
    private readonly receiving: ReceiveAlertsUseCase,
    private readonly integrations: ManageIntegrationsUseCase,
  ) {}

  @MessagePattern(AlertCommands.Receive)
  receive(@Payload() data: unknown): Promise<ReceiveAlertsResultV1> {
    return this.receiving.receive(parseMessage(ReceiveAlertsCommandV1, data));
  }

  @MessagePattern(AlertCommands.ListIntegrations)
  list(@Payload() data: unknown): Promise<AlertIntegrationListV1> {
    return this.integrations.list(parseMessage(ListAlertIntegrationsQueryV1, data).actor);
  }

  @MessagePattern(AlertCommands.CreateIntegration)
  create(@Payload() data: unknown): Promise<AlertIntegrationSecretV1> {
    return this.integrations.create(parseMessage(CreateAlertIntegrationCommandV1, data));
  }

  @MessagePattern(AlertCommands.UpdateIntegration)
  update(@Payload() data: unknown): Promise<AlertIntegrationV1> {
    return this.integrations.update(parseMessage(UpdateAlertIntegrationCommandV1, data));
  }

  @MessagePattern(AlertCommands.RotateSecret)
  rotate(@Payload() data: unknown): Promise<AlertIntegrationSecretV1> {
    const command = parseMessage(AlertIntegrationIdCommandV1, data);
    return this.integrations.rotate(command.actor, command.id);
  }

  @MessagePattern(AlertCommands.RecentAlerts)
  recent(@Payload() data: unknown): Promise<AlertRecordListV1> {
    return this.integrations.recent(parseMessage(RecentAlertsQueryV1, data));
  }

  @MessagePattern(AlertCommands.TicketAlerts)
  ofTicket(@Payload() data: unknown): Promise<AlertRecordListV1> {
    return this.integrations.ofTicket(parseMessage(TicketAlertsQueryV1, data));
  }
}
