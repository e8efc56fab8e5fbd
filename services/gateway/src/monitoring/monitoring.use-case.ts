import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  type ActorV1,
  type AlertIntegrationBodyV1,
  type AlertIntegrationSecretV1,
  type AlertIntegrationV1,
  type AlertRecordListV1,
  type ReceiveAlertsResultV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';

export type IntegrationView = AlertIntegrationV1 & { webhookPath: string };

export function webhookPath(id: string): string {
  return `/api/v1/webhooks/monitoring/${id}`;
}

/**
 * Monitoring integrations (issue 18). Intake owns them and the alerts; the gateway only hashes the secret a
 * webhook caller presents (the secret never crosses NATS) and audits administrators' changes.
 */
@Injectable()
export class MonitoringUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  receive(integrationId: string, presentedSecret: string | null, payload: unknown): Promise<ReceiveAlertsResultV1> {
    return this.rpc.request(IntakeRpc.ReceiveAlerts, {
      integrationId,
      ...(presentedSecret ? { secretSha256: createHash('sha256').update(presentedSecret, 'utf8').digest('hex') } : {}),
      payload: payload ?? null,
    });
  }

  async list(actor: ActorV1): Promise<{ integrations: IntegrationView[] }> {
    const list = await this.rpc.request(IntakeRpc.ListAlertIntegrations, {
      actor,
    });
    return { integrations: list.integrations.map(withPath) };
  }

  async create(
    actor: ActorV1,
    body: AlertIntegrationBodyV1,
  ): Promise<AlertIntegrationSecretV1 & { integration: IntegrationView }> {
    const created = await this.rpc.request(IntakeRpc.CreateAlertIntegration, { actor, body });
    await this.audit.record(actor, {
      action: 'monitoring-integration.create',
      targetType: 'monitoring-integration',
      targetId: created.integration.id,
      before: null,
      after: created.integration,
    });
    return { integration: withPath(created.integration), secret: created.secret };
  }

  async update(actor: ActorV1, id: string, body: AlertIntegrationBodyV1): Promise<IntegrationView> {
    const before = (await this.list(actor)).integrations.find((i) => i.id === id) ?? null;
    const after = await this.rpc.request(IntakeRpc.UpdateAlertIntegration, { actor, id, body });
    await this.audit.record(actor, {
      action: 'monitoring-integration.update',
      targetType: 'monitoring-integration',
      targetId: id,
      before,
      after,
    });
    return withPath(after);
  }

  async rotate(actor: ActorV1, id: string): Promise<AlertIntegrationSecretV1 & { integration: IntegrationView }> {
    const rotated = await this.rpc.request(IntakeRpc.RotateAlertSecret, { actor, id });
    // The audit keeps when and who, never the secret.
    await this.audit.record(actor, {
      action: 'monitoring-integration.rotate-secret',
      targetType: 'monitoring-integration',
      targetId: id,
      before: null,
      after: { secretRotatedAt: rotated.integration.secretRotatedAt },
    });
    return { integration: withPath(rotated.integration), secret: rotated.secret };
  }

  recent(actor: ActorV1, filters: { integrationId?: string; limit?: number }): Promise<AlertRecordListV1> {
    return this.rpc.request(IntakeRpc.RecentAlerts, { actor, ...filters });
  }

  ofTicket(actor: ActorV1, number: number): Promise<AlertRecordListV1> {
    return this.rpc.request(IntakeRpc.TicketAlerts, { actor, number });
  }
}

function withPath(integration: AlertIntegrationV1): IntegrationView {
  return { ...integration, webhookPath: webhookPath(integration.id) };
}
