import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  type ActorV1,
  type CatalogueChangeV1,
  type CatalogueKind,
  type CategoryInputV1,
  type CategoryV1,
  type JurisdictionInputV1,
  type JurisdictionV1,
  type ServiceInputV1,
  type ServiceV1,
} from '@cau/contracts';
import { AuditRepository } from '../audit/audit.repository.js';
import { IntakeClient } from '../http/service-clients.js';

/**
 * Intake owns the catalogues and decides who may change them; the gateway audits each change with the
 * before and after intake answers (audited after intake commits, like the areas).
 */
@Injectable()
export class ManageCatalogueUseCase {
  constructor(
    private readonly intake: IntakeClient,
    private readonly audit: AuditRepository,
  ) {}

  async saveCategory(actor: ActorV1, code: string, entry: CategoryInputV1): Promise<CategoryV1> {
    const change = await this.intake.request(IntakeRpc.SaveCategory, { actor, code, entry });
    return this.recordSave(actor, 'category', code, change);
  }

  async saveService(actor: ActorV1, code: string, entry: ServiceInputV1): Promise<ServiceV1> {
    const change = await this.intake.request(IntakeRpc.SaveService, { actor, code, entry });
    return this.recordSave(actor, 'service', code, change);
  }

  async saveJurisdiction(actor: ActorV1, code: string, entry: JurisdictionInputV1): Promise<JurisdictionV1> {
    const change = await this.intake.request(IntakeRpc.SaveJurisdiction, { actor, code, entry });
    return this.recordSave(actor, 'jurisdiction', code, change);
  }

  async setRetired<T extends CategoryV1 | ServiceV1 | JurisdictionV1>(
    actor: ActorV1,
    kind: CatalogueKind,
    code: string,
    retired: boolean,
  ): Promise<T> {
    const change = await this.intake.request(IntakeRpc.SetCatalogueEntryRetired, {
      actor,
      kind,
      code,
      retired,
    });
    await this.record(actor, kind, code, retired ? 'retire' : 'restore', change);
    // The caller names the kind it asked for, and intake answers an entry of that kind.
    return change.after as T;
  }

  private async recordSave<T extends object>(
    actor: ActorV1,
    kind: CatalogueKind,
    code: string,
    change: CatalogueChangeV1<T>,
  ): Promise<T> {
    await this.record(actor, kind, code, change.before === null ? 'create' : 'update', change);
    return change.after;
  }

  private record(
    actor: ActorV1,
    kind: CatalogueKind,
    code: string,
    verb: 'create' | 'update' | 'retire' | 'restore',
    change: CatalogueChangeV1<object>,
  ): Promise<void> {
    return this.audit.record(actor, {
      action: `catalogue.${kind}.${verb}` as const,
      targetType: `catalogue-${kind}` as const,
      targetId: code,
      before: change.before,
      after: change.after,
    });
  }
}
