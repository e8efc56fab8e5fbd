import { Injectable } from '@nestjs/common';
import {
  CatalogueCommands,
  type ActorV1,
  type CatalogueChangeV1,
  type CatalogueKind,
  type CatalogueV1,
  type CategoryInputV1,
  type CategoryV1,
  type JurisdictionInputV1,
  type JurisdictionV1,
  type ServiceInputV1,
  type ServiceV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { AuditRepository } from '../audit/audit.repository.js';

/**
 * Intake owns the catalogues and decides who may change them; the gateway audits each change with the
 * before and after intake answers (audited after intake commits, like the areas).
 */
@Injectable()
export class ManageCatalogueUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly audit: AuditRepository,
  ) {}

  list(actor: ActorV1): Promise<CatalogueV1> {
    return this.rpc.request<CatalogueV1>(CatalogueCommands.List, { actor, full: true });
  }

  saveCategory(actor: ActorV1, code: string, entry: CategoryInputV1): Promise<CategoryV1> {
    return this.save(actor, 'category', code, CatalogueCommands.SaveCategory, entry);
  }

  saveService(actor: ActorV1, code: string, entry: ServiceInputV1): Promise<ServiceV1> {
    return this.save(actor, 'service', code, CatalogueCommands.SaveService, entry);
  }

  saveJurisdiction(actor: ActorV1, code: string, entry: JurisdictionInputV1): Promise<JurisdictionV1> {
    return this.save(actor, 'jurisdiction', code, CatalogueCommands.SaveJurisdiction, entry);
  }

  async setRetired<T extends CategoryV1 | ServiceV1 | JurisdictionV1>(
    actor: ActorV1,
    kind: CatalogueKind,
    code: string,
    retired: boolean,
  ): Promise<T> {
    const change = await this.rpc.request<CatalogueChangeV1<T>>(CatalogueCommands.SetRetired, {
      actor,
      kind,
      code,
      retired,
    });
    await this.record(actor, kind, code, retired ? 'retire' : 'restore', change);
    return change.after;
  }

  private async save<T extends object>(
    actor: ActorV1,
    kind: CatalogueKind,
    code: string,
    subject: string,
    entry: object,
  ): Promise<T> {
    const change = await this.rpc.request<CatalogueChangeV1<T>>(subject, { actor, code, entry });
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
