import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  Role,
  RoutingRpc,
  STAFF_ROLES,
  type ActorV1,
  type AlertIntegrationBodyV1,
  type AlertIntegrationSecretV1,
  type AlertIntegrationV1,
  type AlertRecordListV1,
  type CreateAlertIntegrationCommandV1,
  type FieldProblem,
  type RecentAlertsQueryV1,
  type TicketAlertsQueryV1,
  type UpdateAlertIntegrationCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { CatalogueRepository } from '../catalogue/catalogue.repository.js';
import { normalizeSettings, type Integration } from './alert-rules.js';
import { AlertsRepository } from './alerts.repository.js';

/** Administrators manage the monitoring integrations; staff read the alerts of a ticket. */
@Injectable()
export class ManageIntegrationsUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly alerts: AlertsRepository,
    private readonly catalogue: CatalogueRepository,
  ) {}

  async list(actor: ActorV1): Promise<{ integrations: AlertIntegrationV1[] }> {
    mustBeAdmin(actor);
    return { integrations: (await this.alerts.listIntegrations()).map(toView) };
  }

  async create(command: CreateAlertIntegrationCommandV1): Promise<AlertIntegrationSecretV1> {
    mustBeAdmin(command.actor);
    await this.check(command.body, null);
    const secret = newSecret();
    const integration = await this.alerts.insertIntegration({
      id: randomUUID(),
      name: command.body.name.trim(),
      kind: command.body.kind,
      enabled: command.body.enabled ?? true,
      secretSha256: sha256(secret),
      settings: normalizeSettings(command.body),
    });
    return { integration: toView(integration), secret };
  }

  async update(command: UpdateAlertIntegrationCommandV1): Promise<AlertIntegrationV1> {
    mustBeAdmin(command.actor);
    await this.check(command.body, command.id);
    const updated = await this.alerts.updateIntegration({
      id: command.id,
      name: command.body.name.trim(),
      kind: command.body.kind,
      enabled: command.body.enabled ?? true,
      settings: normalizeSettings(command.body),
    });
    if (!updated) throw ServiceError.notFound('integration', command.id);
    return toView(updated);
  }

  async rotate(actor: ActorV1, id: string): Promise<AlertIntegrationSecretV1> {
    mustBeAdmin(actor);
    const secret = newSecret();
    const rotated = await this.alerts.rotateSecret(id, sha256(secret));
    if (!rotated) throw ServiceError.notFound('integration', id);
    return { integration: toView(rotated), secret };
  }

  async recent(query: RecentAlertsQueryV1): Promise<AlertRecordListV1> {
    mustBeAdmin(query.actor);
    return { alerts: await this.alerts.recent(query.limit ?? 50, query.integrationId) };
  }

  async ofTicket(query: TicketAlertsQueryV1): Promise<AlertRecordListV1> {
    if (!STAFF_ROLES.includes(query.actor.role)) throw ServiceError.forbidden({ code: 'intake.alerts-staff-only' });
    return { alerts: await this.alerts.ofTicketNumber(query.number) };
  }

  /**
   * What would make every alert's registration fail is refused here, naming the field: a category or
   * jurisdiction the catalogue refuses, an area routing does not have, a name already used.
   */
  private async check(body: AlertIntegrationBodyV1, id: string | null): Promise<void> {
    const problems: FieldProblem[] = [];
    if (await this.alerts.nameTaken(body.name.trim(), id))
      problems.push({ field: 'name', constraint: 'duplicateName', params: [body.name.trim()] });
    const values = await this.runtime.transaction((tx) =>
      this.catalogue.registrationValues(tx, [body.category.trim()], [body.jurisdiction], []),
    );
    const categoryRetired = values.categories.get(body.category.trim());
    if (categoryRetired !== false)
      problems.push({
        field: 'category',
        constraint: categoryRetired === undefined ? 'unknownCatalogueValue' : 'retiredCatalogueValue',
        params: ['category', body.category.trim()],
      });
    const jurisdiction = values.jurisdictions.get(body.jurisdiction);
    if (jurisdiction?.retired || (values.jurisdictionsClosed && !jurisdiction?.listed))
      problems.push({
        field: 'jurisdiction',
        constraint: jurisdiction?.retired ? 'retiredCatalogueValue' : 'unknownCatalogueValue',
        params: ['jurisdiction', body.jurisdiction],
      });
    const areas = await this.runtime.rpc.request(RoutingRpc.ListAreas, {
      actor: SYSTEM_READER,
    });
    const known = new Set(areas.map((a) => a.code));
    if (!known.has(body.defaultArea))
      problems.push({ field: 'defaultArea', constraint: 'unknownArea', params: [body.defaultArea] });
    (body.areaRules ?? []).forEach((rule, i) => {
      if (!known.has(rule.area))
        problems.push({ field: `areaRules.${i}.area`, constraint: 'unknownArea', params: [rule.area] });
      if (rule.match === 'label' && !rule.key?.trim())
        problems.push({ field: `areaRules.${i}.key`, constraint: 'isDefined' });
    });
    if (problems.length > 0) throw ServiceError.validation(problems);
  }
}

const SYSTEM_READER: ActorV1 = {
  accountId: '6d6f6e69-0000-4000-8000-6361752d6d6f',
  role: Role.Operator,
  email: 'monitoreo@cau.invalid',
  name: 'Canal de monitoreo',
};

function mustBeAdmin(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'intake.integrations-admins-only' });
}

/** 32 random bytes, URL-safe: what Alertmanager's `credentials` or Zabbix's script send as a Bearer token. */
function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function toView(i: Integration): AlertIntegrationV1 {
  return {
    id: i.id,
    name: i.name,
    kind: i.kind,
    enabled: i.enabled,
    ...i.settings,
    secretRotatedAt: i.secretRotatedAt.toISOString(),
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}
