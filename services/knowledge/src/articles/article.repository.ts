import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type {
  AccountRefV1,
  ArticleContentV1,
  ArticleDocumentV1,
  ArticleStatus,
  ArticleV1,
  ArticleVersionV1,
  ArticleVisibility,
  KbArticleSummaryV1,
} from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import type { ListPosition } from './article-list.js';
import { toDocument, type ArticleState } from './article-rules.js';

interface ArticleRow {
  id: string;
  revision: number;
  title: string;
  problem: string;
  cause: string | null;
  solution_steps: string[];
  category: string;
  area: string | null;
  service: string | null;
  tags: string[];
  visibility: ArticleVisibility;
  status: ArticleStatus;
  author: AccountRefV1;
  views: string;
  created_at: Date;
  updated_at: Date;
  published_at: Date | null;
}

export interface ArticleListFilter {
  statuses: readonly ArticleStatus[];
  visibilities: readonly ArticleVisibility[];
  category?: string | undefined;
  area?: string | undefined;
  tag?: string | undefined;
  after: ListPosition | null;
  limit: number;
}

export interface StoredArticle extends ArticleState {
  author: AccountRefV1;
  createdAt: string;
  publishedAt: string | null;
  views: number;
}

const COLUMNS = `id, revision, title, problem, cause, solution_steps, category, area, service, tags, visibility,
  status, author, views, created_at, updated_at, published_at`;

/** Articles, their versions, the tickets they solved and their votes. */
@Injectable()
export class ArticleRepository {
  private readonly s: string;

  constructor(private readonly runtime: ServiceRuntime) {
    this.s = runtime.schema;
  }

  async insert(tx: EntityManager, article: StoredArticle): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".articles (${COLUMNS})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 0, $14, $15, $16)`,
      [
        article.id,
        article.revision,
        article.title,
        article.problem,
        article.cause ?? null,
        JSON.stringify(article.solutionSteps),
        article.category,
        article.area ?? null,
        article.service ?? null,
        article.tags,
        article.visibility,
        article.status,
        JSON.stringify(article.author),
        article.createdAt,
        article.updatedAt,
        article.publishedAt,
      ],
    );
  }

  /** Locks the row: concurrent edits of one article are applied one after the other. */
  async findForUpdate(tx: EntityManager, id: string): Promise<StoredArticle | null> {
    const rows: ArticleRow[] = await tx.query(`SELECT ${COLUMNS} FROM "${this.s}".articles WHERE id = $1 FOR UPDATE`, [
      id,
    ]);
    return rows[0] ? fromRow(rows[0]) : null;
  }

  async update(tx: EntityManager, article: StoredArticle): Promise<void> {
    await tx.query(
      `UPDATE "${this.s}".articles SET revision = $2, title = $3, problem = $4, cause = $5, solution_steps = $6,
         category = $7, area = $8, service = $9, tags = $10, visibility = $11, status = $12, updated_at = $13,
         published_at = $14
       WHERE id = $1`,
      [
        article.id,
        article.revision,
        article.title,
        article.problem,
        article.cause ?? null,
        JSON.stringify(article.solutionSteps),
        article.category,
        article.area ?? null,
        article.service ?? null,
        article.tags,
        article.visibility,
        article.status,
        article.updatedAt,
        article.publishedAt,
      ],
    );
  }

  async addVersion(
    tx: EntityManager,
    article: StoredArticle,
    change: ArticleVersionV1['change'],
    by: AccountRefV1,
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".article_versions (article_id, revision, change, changed_by, changed_at, content)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [article.id, article.revision, change, JSON.stringify(by), article.updatedAt, JSON.stringify(contentOf(article))],
    );
  }

  /** The article with its counters and linked tickets; counts a view when asked to. */
  async get(id: string, countView: boolean): Promise<ArticleV1 | null> {
    const run = this.runtime.dataSource.manager;
    const rows: Array<
      ArticleRow & { tickets: string[]; uses: number; helpful: number; not_helpful: number; self_solved: number }
    > = await run.query(
      `WITH viewed AS (
           UPDATE "${this.s}".articles SET views = views + 1 WHERE id = $1 AND $2 RETURNING id, views
         )
         SELECT ${COLUMNS.replace('views,', 'COALESCE((SELECT views FROM viewed), a.views) AS views,')},
           ARRAY(SELECT t.number::text FROM "${this.s}".article_tickets t WHERE t.article_id = a.id
                 ORDER BY t.linked_at DESC, t.number DESC) AS tickets,
           (SELECT count(*)::int FROM "${this.s}".article_tickets t WHERE t.article_id = a.id) AS uses,
           (SELECT count(*)::int FROM "${this.s}".article_votes v WHERE v.article_id = a.id AND v.helpful) AS helpful,
           (SELECT count(*)::int FROM "${this.s}".article_votes v WHERE v.article_id = a.id AND NOT v.helpful)
             AS not_helpful,
           (SELECT count(*)::int FROM "${this.s}".article_self_solved s WHERE s.article_id = a.id) AS self_solved
         FROM "${this.s}".articles a WHERE a.id = $1`,
      [id, countView],
    );
    const row = rows[0];
    if (!row) return null;
    const article = fromRow(row);
    return {
      id: article.id,
      revision: article.revision,
      ...contentOf(article),
      cause: article.cause ?? null,
      area: article.area ?? null,
      service: article.service ?? null,
      status: article.status,
      author: article.author,
      createdAt: article.createdAt,
      updatedAt: article.updatedAt,
      publishedAt: article.publishedAt,
      tickets: row.tickets.map(Number),
      counters: {
        views: article.views,
        uses: row.uses,
        helpful: row.helpful,
        notHelpful: row.not_helpful,
        selfSolved: row.self_solved,
      },
    };
  }

  async versions(id: string): Promise<ArticleVersionV1[]> {
    const rows: Array<{
      revision: number;
      change: ArticleVersionV1['change'];
      changed_by: AccountRefV1;
      changed_at: Date;
      content: ArticleVersionV1['content'];
    }> = await this.runtime.dataSource.query(
      `SELECT revision, change, changed_by, changed_at, content FROM "${this.s}".article_versions
       WHERE article_id = $1 ORDER BY revision DESC`,
      [id],
    );
    return rows.map((r) => ({
      revision: r.revision,
      change: r.change,
      by: r.changed_by,
      at: r.changed_at.toISOString(),
      content: r.content,
    }));
  }

  /** Newest edits first, after a position; each summary carries the position that follows it. */
  async list(filter: ArticleListFilter): Promise<Array<{ summary: KbArticleSummaryV1; position: ListPosition }>> {
    const rows: Array<{
      id: string;
      title: string;
      category: string;
      area: string | null;
      tags: string[];
      visibility: ArticleVisibility;
      status: ArticleStatus;
      updated_at: Date;
      micros: string;
      uses: number;
      self_solved: number;
    }> = await this.runtime.dataSource.query(
      // The counts only for the page's rows, once it is cut.
      `SELECT page.*,
              (SELECT count(*)::int FROM "${this.s}".article_tickets t WHERE t.article_id = page.id) AS uses,
              (SELECT count(*)::int FROM "${this.s}".article_self_solved v WHERE v.article_id = page.id) AS self_solved
       FROM (
         SELECT id, title, category, area, tags, visibility, status, updated_at,
                (extract(epoch FROM updated_at) * 1000000)::bigint::text AS micros
         FROM "${this.s}".articles
         WHERE status = ANY($1::text[]) AND visibility = ANY($2::text[])
           AND ($3::text IS NULL OR lower(category) = lower($3))
           AND ($4::text IS NULL OR area = $4)
           AND ($5::text IS NULL OR $5 = ANY(tags))
           AND ($6::bigint IS NULL OR (updated_at, id) < (to_timestamp(0) + $6::bigint * interval '1 microsecond', $7::uuid))
         ORDER BY updated_at DESC, id DESC
         LIMIT $8
       ) page
       ORDER BY page.updated_at DESC, page.id DESC`,
      [
        filter.statuses,
        filter.visibilities,
        filter.category ?? null,
        filter.area ?? null,
        filter.tag ?? null,
        filter.after?.updatedMicros ?? null,
        filter.after?.id ?? null,
        filter.limit,
      ],
    );
    return rows.map((r) => ({
      summary: {
        id: r.id,
        title: r.title,
        category: r.category,
        area: r.area,
        tags: r.tags,
        visibility: r.visibility,
        status: r.status,
        updatedAt: r.updated_at.toISOString(),
        uses: r.uses,
        selfSolved: r.self_solved,
      },
      position: { updatedMicros: r.micros, id: r.id },
    }));
  }

  /** Title and problem of some articles, for the duplicate check. */
  async summaries(
    ids: readonly string[],
  ): Promise<Map<string, { title: string; problem: string; status: ArticleStatus }>> {
    if (ids.length === 0) return new Map();
    const rows: Array<{ id: string; title: string; problem: string; status: ArticleStatus }> =
      await this.runtime.dataSource.query(
        `SELECT id, title, problem, status FROM "${this.s}".articles WHERE id = ANY($1::uuid[])`,
        [ids],
      );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Returns false when the ticket was already linked (the count stays as it was). */
  async linkTicket(tx: EntityManager, id: string, number: number, by: AccountRefV1): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "${this.s}".article_tickets (article_id, number, linked_by, linked_at) VALUES ($1, $2, $3, now())
       ON CONFLICT DO NOTHING RETURNING number`,
      [id, number, JSON.stringify(by)],
    );
    return rows.length > 0;
  }

  async vote(tx: EntityManager, id: string, accountId: string, helpful: boolean): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".article_votes (article_id, account_id, helpful, voted_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (article_id, account_id) DO UPDATE SET helpful = EXCLUDED.helpful, voted_at = EXCLUDED.voted_at`,
      [id, accountId, helpful],
    );
  }

  /**
   * The account's latest "this solved my problem" for the article since `since`, if any. Call
   * with the article's row locked (`findForUpdate`), so two clicks at once are decided one after the other.
   */
  async recentSelfSolved(
    tx: EntityManager,
    articleId: string,
    accountId: string,
    since: string,
  ): Promise<{ id: string; solvedAt: string } | null> {
    const rows: Array<{ id: string; solved_at: Date }> = await tx.query(
      `SELECT id, solved_at FROM "${this.s}".article_self_solved
       WHERE article_id = $1 AND account_id = $2 AND solved_at > $3
       ORDER BY solved_at DESC LIMIT 1`,
      [articleId, accountId, since],
    );
    const row = rows[0];
    return row ? { id: row.id, solvedAt: row.solved_at.toISOString() } : null;
  }

  async addSelfSolved(
    tx: EntityManager,
    record: { id: string; articleId: string; accountId: string; role: string; query: string | null; solvedAt: string },
  ): Promise<void> {
    await tx.query(
      `INSERT INTO "${this.s}".article_self_solved (id, article_id, account_id, role, query, solved_at)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [record.id, record.articleId, record.accountId, record.role, record.query, record.solvedAt],
    );
  }

  /** Every article as a search document, in batches by id (for `reindex`). */
  async *documents(batchSize = 1_000): AsyncGenerator<ArticleDocumentV1[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: ArticleRow[] = await this.runtime.dataSource.query(
        `SELECT ${COLUMNS} FROM "${this.s}".articles WHERE id > $1 ORDER BY id LIMIT $2`,
        [after, batchSize],
      );
      if (rows.length === 0) return;
      yield rows.map((r) => toDocument(fromRow(r)));
      after = rows.at(-1)!.id;
    }
  }
}

function fromRow(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    revision: row.revision,
    title: row.title,
    problem: row.problem,
    ...(row.cause !== null ? { cause: row.cause } : {}),
    solutionSteps: row.solution_steps,
    category: row.category,
    ...(row.area !== null ? { area: row.area } : {}),
    ...(row.service !== null ? { service: row.service } : {}),
    tags: row.tags,
    visibility: row.visibility,
    status: row.status,
    author: row.author,
    views: Number(row.views),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    publishedAt: row.published_at?.toISOString() ?? null,
  };
}

function contentOf(article: StoredArticle): ArticleContentV1 & { status: ArticleStatus } {
  return {
    title: article.title,
    problem: article.problem,
    ...(article.cause !== undefined ? { cause: article.cause } : {}),
    solutionSteps: article.solutionSteps,
    category: article.category,
    ...(article.area !== undefined ? { area: article.area } : {}),
    ...(article.service !== undefined ? { service: article.service } : {}),
    tags: article.tags,
    visibility: article.visibility,
    status: article.status,
  };
}
