import { Controller } from '@nestjs/common';
import {
  IntakeRpc,
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
import { Answers } from '@cau/messaging';
import { ManageIntegrationsUseCase } from './manage-integrations.use-case.js';
import { ReceiveAlertsUseCase } from './receive-alerts.use-case.js';

@Controller()
export class AlertsHandler {
  constructor(
    private readonly receiving: ReceiveAlertsUseCase,
    private readonly integrations: ManageIntegrationsUseCase,
  ) {}

  @Answers(IntakeRpc.ReceiveAlerts)
  receive(request: ReceiveAlertsCommandV1): Promise<ReceiveAlertsResultV1> {
    return this.receiving.receive(request);
  }

  @Answers(IntakeRpc.ListAlertIntegrations)
  list(request: ListAlertIntegrationsQueryV1): Promise<AlertIntegrationListV1> {
    return this.integrations.list(request.actor);
  }

  @Answers(IntakeRpc.CreateAlertIntegration)
  create(request: CreateAlertIntegrationCommandV1): Promise<AlertIntegrationSecretV1> {
    return this.integrations.create(request);
  }

  @Answers(IntakeRpc.UpdateAlertIntegration)
  update(request: UpdateAlertIntegrationCommandV1): Promise<AlertIntegrationV1> {
    return this.integrations.update(request);
  }

  @Answers(IntakeRpc.RotateAlertSecret)
  rotate(request: AlertIntegrationIdCommandV1): Promise<AlertIntegrationSecretV1> {
    return this.integrations.rotate(request.actor, request.id);
  }

  @Answers(IntakeRpc.RecentAlerts)
  recent(request: RecentAlertsQueryV1): Promise<AlertRecordListV1> {
    return this.integrations.recent(request);
  }

  @Answers(IntakeRpc.TicketAlerts)
  ofTicket(request: TicketAlertsQueryV1): Promise<AlertRecordListV1> {
    return this.integrations.ofTicket(request);
  }
}
