import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CatalogueKind, CategoryV1, JurisdictionV1, ServiceV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { CategorySetting, JurisdictionSetting } from './catalogue-seed.js';

interface CategoryRow {
  code: string;
  parent_code: string | null;
  label_es: string;
  label_en: string;
  position: number;
  retired: boolean;
}

interface ServiceRow {
  code: string;
  label_es: string;
  label_en: string;
  retired: boolean;
}

interface JurisdictionRow {
  code: string;
  name: string | null;
  referente_emails: string[];
  supervisor_emails: string[];
  listed: boolean;
  retired: boolean;
}

/** A registration's catalogue values as the catalogue knows them. */
export interface RegistrationValues {
  /** code → retired (a subcategory under a retired category counts as retired). */
  categories: Map<string, boolean>;
  /** code → retired, for the services named. */
  services: Map<string, boolean>;
  jurisdictions: Map<string, { listed: boolean; retired: boolean }>;
  /** Whether any jurisdiction is listed: only then is `jurisdiction` checked against the catalogue. */
  jurisdictionsClosed: boolean;
}

const TABLE: Record<CatalogueKind, string> = {
  category: 'categories',
  service: 'services',
  jurisdiction: 'jurisdictions',
};

const toCategory = (r: CategoryRow): CategoryV1 => ({
  code: r.code,
  parent: r.parent_code,
  label: { es: r.label_es, en: r.label_en },
  order: r.position,
  retired: r.retired,
});
const toService = (r: ServiceRow): ServiceV1 => ({
  code: r.code,
  label: { es: r.label_es, en: r.label_en },
  retired: r.retired,
});
const toJurisdiction = (r: JurisdictionRow): JurisdictionV1 => ({
  code: r.code,
  name: r.name ?? r.code,
  referenteEmails: r.referente_emails,
  supervisorEmails: r.supervisor_emails,
  listed: r.listed,
  retired: r.retired,
});

/** The catalogue tables of the intake schema. */
@Injectable()
export class CatalogueRepository {
  private readonly s: string;

  constructor(runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  /** Top-level categories in order, each followed by its subcategories in order. */
  async categories(db: EntityManager): Promise<CategoryV1[]> {
    const rows: CategoryRow[] = await db.query(
      `SELECT c.code, c.parent_code, c.label_es, c.label_en, c.position, c.retired
       FROM "${this.s}".categories c LEFT JOIN "${this.s}".categories p ON p.code = c.parent_code
       ORDER BY coalesce(p.position, c.position), coalesce(p.code, c.code), c.parent_code NULLS FIRST,
                c.position, c.code`,
    );
    return rows.map(toCategory);
  }

  async services(db: EntityManager): Promise<ServiceV1[]> {
    const rows: ServiceRow[] = await db.query(
      `SELECT code, label_es, label_en, retired FROM "${this.s}".services ORDER BY label_es, code`,
    );
    return rows.map(toService);
  }

  async jurisdictions(db: EntityManager): Promise<JurisdictionV1[]> {
    const rows: JurisdictionRow[] = await db.query(
      `SELECT code, name, referente_emails, supervisor_emails, listed, retired FROM "${this.s}".jurisdictions
       ORDER BY coalesce(name, code), code`,
    );
    return rows.map(toJurisdiction);
  }

  /** The row, locked until the transaction ends (changes to one entry happen one at a time). */
  async category(tx: EntityManager, code: string): Promise<CategoryV1 | null> {
    const rows: CategoryRow[] = await tx.query(
      `SELECT code, parent_code, label_es, label_en, position, retired FROM "${this.s}".categories
       WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return rows[0] ? toCategory(rows[0]) : null;
  }

  async service(tx: EntityManager, code: string): Promise<ServiceV1 | null> {
    const rows: ServiceRow[] = await tx.query(
      `SELECT code, label_es, label_en, retired FROM "${this.s}".services WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return rows[0] ? toService(rows[0]) : null;
  }

  async jurisdiction(tx: EntityManager, code: string): Promise<JurisdictionV1 | null> {
    const rows: JurisdictionRow[] = await tx.query(
      `SELECT code, name, referente_emails, supervisor_emails, listed, retired FROM "${this.s}".jurisdictions
       WHERE code = $1 FOR UPDATE`,
      [code],
    );
    return rows[0] ? toJurisdiction(rows[0]) : null;
  }

  async hasSubcategories(tx: EntityManager, code: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".categories WHERE parent_code = $1 LIMIT 1`, [
      code,
    ]);
    return rows.length > 0;
  }

  /** The position after the last sibling. */
  async nextPosition(tx: EntityManager, parent: string | null): Promise<number> {
    const rows: Array<{ next: number }> = await tx.query(
      `SELECT coalesce(max(position) + 1, 0)::int AS next FROM "${this.s}".categories
       WHERE parent_code IS NOT DISTINCT FROM $1`,
      [parent],
    );
    return rows[0]!.next;
  }

  async saveCategory(tx: EntityManager, c: CategoryV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".categories (code, parent_code, label_es, label_en, position, retired)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET parent_code = EXCLUDED.parent_code, label_es = EXCLUDED.label_es,
         label_en = EXCLUDED.label_en, position = EXCLUDED.position, retired = EXCLUDED.retired, updated_at = now()`,
      [c.code, c.parent, c.label.es, c.label.en, c.order, c.retired],
    );
  }

  async saveService(tx: EntityManager, v: ServiceV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".services (code, label_es, label_en, retired) VALUES ($1, $2, $3, $4)
       ON CONFLICT (code) DO UPDATE SET label_es = EXCLUDED.label_es, label_en = EXCLUDED.label_en,
         retired = EXCLUDED.retired, updated_at = now()`,
      [v.code, v.label.es, v.label.en, v.retired],
    );
  }

  async saveJurisdiction(tx: EntityManager, j: JurisdictionV1): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".jurisdictions (code, name, referente_emails, supervisor_emails, listed, retired)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, referente_emails = EXCLUDED.referente_emails,
         supervisor_emails = EXCLUDED.supervisor_emails, listed = EXCLUDED.listed, retired = EXCLUDED.retired,
         updated_at = now()`,
      [j.code, j.name, j.referenteEmails, j.supervisorEmails, j.listed, j.retired],
    );
  }

  async setRetired(tx: EntityManager, kind: CatalogueKind, code: string, retired: boolean): Promise<void> {
    await tx.query(`UPDATE "${this.s}".${TABLE[kind]} SET retired = $2, updated_at = now() WHERE code = $1`, [
      code,
      retired,
    ]);
  }

  /** What the catalogue says about the categories, services and jurisdictions of a batch of registrations. */
  async registrationValues(
    tx: EntityManager,
    categories: string[],
    jurisdictions: string[],
    services: string[],
  ): Promise<RegistrationValues> {
    const categoryRows: Array<{ code: string; retired: boolean }> = await tx.query(
      `SELECT c.code, c.retired OR coalesce(p.retired, false) AS retired
       FROM "${this.s}".categories c LEFT JOIN "${this.s}".categories p ON p.code = c.parent_code
       WHERE c.code = ANY($1::text[])`,
      [[...new Set(categories)]],
    );
    const jurisdictionRows: Array<{ code: string; listed: boolean; retired: boolean }> = await tx.query(
      `SELECT code, listed, retired FROM "${this.s}".jurisdictions WHERE code = ANY($1::text[])`,
      [[...new Set(jurisdictions)]],
    );
    const serviceRows: Array<{ code: string; retired: boolean }> =
      services.length === 0
        ? []
        : await tx.query(`SELECT code, retired FROM "${this.s}".services WHERE code = ANY($1::text[])`, [
            [...new Set(services)],
          ]);
    const closed: unknown[] = await tx.query(`SELECT 1 FROM "${this.s}".jurisdictions WHERE listed LIMIT 1`);
    return {
      categories: new Map(categoryRows.map((r) => [r.code, r.retired])),
      services: new Map(serviceRows.map((r) => [r.code, r.retired])),
      jurisdictions: new Map(jurisdictionRows.map((r) => [r.code, { listed: r.listed, retired: r.retired }])),
      jurisdictionsClosed: closed.length > 0,
    };
  }

  /**
   * Fills the catalogue from the old settings once per kind, whatever instance starts first (an advisory
   * lock serializes concurrent starts; `catalogue_seeded` remembers what was done).
   */
  async seedOnce(
    tx: EntityManager,
    categories: readonly CategorySetting[],
    jurisdictions: readonly JurisdictionSetting[],
  ): Promise<string[]> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`cau-catalogue-seed-${this.s}`]);
    const done: Array<{ kind: string }> = await tx.query(`SELECT kind FROM "${this.s}".catalogue_seeded`);
    const seeded = new Set(done.map((r) => r.kind));
    const now: string[] = [];
    if (!seeded.has('category')) {
      await tx.query(
        `INSERT INTO "${this.s}".categories (code, label_es, label_en, position)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) ON CONFLICT (code) DO NOTHING`,
        [
          categories.map((c) => c.code),
          categories.map((c) => c.es),
          categories.map((c) => c.en),
          categories.map((_, i) => i),
        ],
      );
      now.push('category');
    }
    if (!seeded.has('jurisdiction')) {
      for (const j of jurisdictions) {
        await tx.query(
          `INSERT INTO "${this.s}".jurisdictions (code, referente_emails, supervisor_emails) VALUES ($1, $2, $3)
           ON CONFLICT (code) DO UPDATE SET referente_emails = EXCLUDED.referente_emails,
             supervisor_emails = EXCLUDED.supervisor_emails, updated_at = now()`,
          [j.code, j.referenteEmails, j.supervisorEmails],
        );
      }
      now.push('jurisdiction');
    }
    if (now.length > 0) {
      await tx.query(`INSERT INTO "${this.s}".catalogue_seeded (kind, at) SELECT unnest($1::text[]), now()`, [now]);
    }
    return now;
  }
}
