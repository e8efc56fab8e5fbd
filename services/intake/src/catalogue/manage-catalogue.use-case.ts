import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  CatalogueEvents,
  INBOUND_MAIL_CATEGORY,
  Role,
  type ActorV1,
  type CatalogueChangeV1,
  type CatalogueKind,
  type CatalogueV1,
  type CategoryV1,
  type JurisdictionV1,
  type ListCatalogueQueryV1,
  type SaveCategoryCommandV1,
  type SaveJurisdictionCommandV1,
  type SaveServiceCommandV1,
  type ServiceV1,
  type SetRetiredCommandV1,
} from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { CatalogueRepository } from './catalogue.repository.js';
import { categoryCatalogueFromEnv, jurisdictionSeedFromEnv } from './catalogue-seed.js';

type Entry = CategoryV1 | ServiceV1 | JurisdictionV1;

function mustBeAdmin(actor: ActorV1): void {
  if (actor.role !== Role.Admin) throw ServiceError.forbidden({ code: 'intake.catalogues-admins-only' });
}

/**
 * Categories, services and jurisdictions as administered data. Every change is one transaction that
 * writes the row and a `catalogue.changed` event; the gateway audits the before/after it answers.
 * Retiring never touches tickets: they keep the code they were registered with.
 */
@Injectable()
export class ManageCatalogueUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly catalogue: CatalogueRepository,
  ) {}

  /** Everyone reads the active catalogue without e-mails; administrators read it all (`full`). */
  async list({ actor, full }: ListCatalogueQueryV1): Promise<CatalogueV1> {
    if (full) mustBeAdmin(actor);
    const db = this.runtime.dataSource.manager;
    const [categories, services, jurisdictions] = await Promise.all([
      this.catalogue.categories(db),
      this.catalogue.services(db),
      this.catalogue.jurisdictions(db),
    ]);
    if (full) return { categories, services, jurisdictions };
    const retiredParents = new Set(categories.filter((c) => c.retired).map((c) => c.code));
    return {
      categories: categories.filter((c) => !c.retired && !(c.parent !== null && retiredParents.has(c.parent))),
      services: services.filter((s) => !s.retired),
      jurisdictions: jurisdictions
        .filter((j) => !j.retired)
        .map((j) => ({ ...j, referenteEmails: [], supervisorEmails: [] })),
    };
  }

  async saveCategory({ actor, code, entry }: SaveCategoryCommandV1): Promise<CatalogueChangeV1<CategoryV1>> {
    mustBeAdmin(actor);
    const parent = entry.parent ?? null;
    return this.change('category', code, async (tx) => {
      const before = await this.catalogue.category(tx, code);
      if (parent !== null) {
        if (code === INBOUND_MAIL_CATEGORY) {
          throw ServiceError.validation([{ field: 'parent', constraint: 'inboundMailCategory', params: [code] }]);
        }
        const parentRow = parent === code ? null : await this.catalogue.category(tx, parent);
        if (!parentRow || parentRow.parent !== null || parentRow.retired) {
          throw ServiceError.validation([{ field: 'parent', constraint: 'parentNotTopLevel', params: [parent] }]);
        }
        if (before && (await this.catalogue.hasSubcategories(tx, code))) {
          throw ServiceError.validation([{ field: 'parent', constraint: 'hasSubcategories', params: [code] }]);
        }
      }
      const samePlace = before !== null && before.parent === parent;
      const after: CategoryV1 = {
        code,
        parent,
        label: { es: entry.label.es, en: entry.label.en },
        order: entry.order ?? (samePlace ? before.order : await this.catalogue.nextPosition(tx, parent)),
        retired: before?.retired ?? false,
      };
      await this.catalogue.saveCategory(tx, after);
      return { before, after };
    });
  }

  async saveService({ actor, code, entry }: SaveServiceCommandV1): Promise<CatalogueChangeV1<ServiceV1>> {
    mustBeAdmin(actor);
    return this.change('service', code, async (tx) => {
      const before = await this.catalogue.service(tx, code);
      const after: ServiceV1 = {
        code,
        label: { es: entry.label.es, en: entry.label.en },
        retired: before?.retired ?? false,
      };
      await this.catalogue.saveService(tx, after);
      return { before, after };
    });
  }

  /** Saving a jurisdiction lists it: from then on registration takes only listed jurisdictions. */
  async saveJurisdiction({
    actor,
    code,
    entry,
  }: SaveJurisdictionCommandV1): Promise<CatalogueChangeV1<JurisdictionV1>> {
    mustBeAdmin(actor);
    return this.change('jurisdiction', code, async (tx) => {
      const before = await this.catalogue.jurisdiction(tx, code);
      const after: JurisdictionV1 = {
        code,
        name: entry.name,
        referenteEmails: entry.referenteEmails,
        supervisorEmails: entry.supervisorEmails,
        listed: true,
        retired: before?.retired ?? false,
      };
      await this.catalogue.saveJurisdiction(tx, after);
      return { before, after };
    });
  }

  async setRetired({ actor, kind, code, retired }: SetRetiredCommandV1): Promise<CatalogueChangeV1<Entry>> {
    mustBeAdmin(actor);
    if (kind === 'category' && code === INBOUND_MAIL_CATEGORY && retired) {
      throw ServiceError.validation([{ field: 'retired', constraint: 'inboundMailCategory', params: [code] }]);
    }
    return this.change(kind, code, async (tx) => {
      const before = await this.read(tx, kind, code);
      if (!before) throw ServiceError.notFound(kind, code);
      await this.catalogue.setRetired(tx, kind, code, retired);
      return { before, after: { ...before, retired } };
    });
  }

  /** Seeds the catalogue from the old environment variables at the first start (see catalogue-seed.ts). */
  seed(env: NodeJS.ProcessEnv): Promise<string[]> {
    const categories = categoryCatalogueFromEnv(env).categories.map((c) => ({
      code: c.code,
      es: c.label.es,
      en: c.label.en,
    }));
    const jurisdictions = jurisdictionSeedFromEnv(env);
    return this.runtime.transaction((tx) => this.catalogue.seedOnce(tx, categories, jurisdictions));
  }

  private read(tx: EntityManager, kind: CatalogueKind, code: string): Promise<Entry | null> {
    if (kind === 'category') return this.catalogue.category(tx, code);
    if (kind === 'service') return this.catalogue.service(tx, code);
    return this.catalogue.jurisdiction(tx, code);
  }

  private change<T extends Entry>(
    kind: CatalogueKind,
    code: string,
    apply: (tx: EntityManager) => Promise<CatalogueChangeV1<T>>,
  ): Promise<CatalogueChangeV1<T>> {
    return this.runtime.transaction(async (tx) => {
      const change = await apply(tx);
      const after = change.after;
      await this.runtime.outbox.append(tx, {
        definition: CatalogueEvents.Changed,
        ticketId: null,
        data: {
          kind,
          code,
          retired: after.retired,
          ...('referenteEmails' in after
            ? { referenteEmails: after.referenteEmails, supervisorEmails: after.supervisorEmails }
            : {}),
        },
      });
      return change;
    });
  }
}
