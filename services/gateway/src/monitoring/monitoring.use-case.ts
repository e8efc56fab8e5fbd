import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  type ActorV1,
  type AlertIntegrationBodyV1,
  type AlertIntegrationV1,
  type ReceiveAlertsResultV1,
} from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { IntakeClient } from '../http/service-clients.js';
import type {
  MonitoringIntegration,
  MonitoringIntegrationList,
  MonitoringIntegrationSecret,
} from './monitoring.dto.js';

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
    private readonly intake: IntakeClient,
    private readonly audit: AuditRepository,
  ) {}

  receive(integrationId: string, presentedSecret: string | null, payload: unknown): Promise<ReceiveAlertsResultV1> {
    return this.intake.request(IntakeRpc.ReceiveAlerts, {
      integrationId,
      ...(presentedSecret ? { secretSha256: createHash('sha256').update(presentedSecret, 'utf8').digest('hex') } : {}),
      payload: payload ?? null,
    });
  }

  async list(actor: ActorV1): Promise<MonitoringIntegrationList> {
    const list = await this.intake.request(IntakeRpc.ListAlertIntegrations, {
      actor,
    });
    return { integrations: list.integrations.map(withPath) };
  }

  async create(actor: ActorV1, body: AlertIntegrationBodyV1): Promise<MonitoringIntegrationSecret> {
    const created = await this.intake.request(IntakeRpc.CreateAlertIntegration, { actor, body });
    await this.audit.record(actor, {
      action: 'monitoring-integration.create',
      targetType: 'monitoring-integration',
      targetId: created.integration.id,
      before: null,
      after: created.integration,
    });
    return { integration: withPath(created.integration), secret: created.secret };
  }

  async update(actor: ActorV1, id: string, body: AlertIntegrationBodyV1): Promise<MonitoringIntegration> {
    const before = (await this.list(actor)).integrations.find((i) => i.id === id) ?? null;
    const after = await this.intake.request(IntakeRpc.UpdateAlertIntegration, { actor, id, body });
    await this.audit.record(actor, {
      action: 'monitoring-integration.update',
      targetType: 'monitoring-integration',
      targetId: id,
      before,
      after,
    });
    return withPath(after);
  }

  async rotate(actor: ActorV1, id: string): Promise<MonitoringIntegrationSecret> {
    const rotated = await this.intake.request(IntakeRpc.RotateAlertSecret, { actor, id });
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
}

function withPath(integration: AlertIntegrationV1): MonitoringIntegration {
  return { ...integration, webhookPath: webhookPath(integration.id) };
}
