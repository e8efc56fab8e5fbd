import { Injectable } from '@nestjs/common';
import { sql, type Selectable } from 'kysely';
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
import { execute, fetchFirst, fetchRows, instant } from '@cau/persistence';
import { knowledgeRows as db } from '../rows.js';
import type { Articles } from '../rows.generated.js';
import type { ListPosition } from './article-list.js';
import { toDocument, type ArticleState } from './article-rules.js';

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

type ArticleRow = Selectable<Articles>;

const COLUMNS = [
  'id',
  'revision',
  'title',
  'problem',
  'cause',
  'solution_steps',
  'category',
  'area',
  'service',
  'tags',
  'visibility',
  'status',
  'author',
  'views',
  'created_at',
  'updated_at',
  'published_at',
] as const satisfies ReadonlyArray<keyof ArticleRow>;

/** Articles, their versions, the tickets they solved and their votes. */
@Injectable()
export class ArticleRepository {
  constructor(private readonly runtime: ServiceRuntime) {}

  async insert(tx: EntityManager, article: StoredArticle): Promise<void> {
    await execute(
      tx,
      db.insertInto('articles').values({
        id: article.id,
        revision: article.revision,
        title: article.title,
        problem: article.problem,
        cause: article.cause ?? null,
        solution_steps: JSON.stringify(article.solutionSteps),
        category: article.category,
        area: article.area ?? null,
        service: article.service ?? null,
        tags: article.tags,
        visibility: article.visibility,
        status: article.status,
        author: JSON.stringify(article.author),
        views: 0,
        created_at: article.createdAt,
        updated_at: article.updatedAt,
        published_at: article.publishedAt,
      }),
    );
  }

  /** Locks the row: concurrent edits of one article are applied one after the other. */
  async findForUpdate(tx: EntityManager, id: string): Promise<StoredArticle | null> {
    const row = await fetchFirst(tx, db.selectFrom('articles').select(COLUMNS).where('id', '=', id).forUpdate());
    return row ? fromRow(row) : null;
  }

  async update(tx: EntityManager, article: StoredArticle): Promise<void> {
    await execute(
      tx,
      db
        .updateTable('articles')
        .set({
          revision: article.revision,
          title: article.title,
          problem: article.problem,
          cause: article.cause ?? null,
          solution_steps: JSON.stringify(article.solutionSteps),
          category: article.category,
          area: article.area ?? null,
          service: article.service ?? null,
          tags: article.tags,
          visibility: article.visibility,
          status: article.status,
          updated_at: article.updatedAt,
          published_at: article.publishedAt,
        })
        .where('id', '=', article.id),
    );
  }

  async addVersion(
    tx: EntityManager,
    article: StoredArticle,
    change: ArticleVersionV1['change'],
    by: AccountRefV1,
  ): Promise<void> {
    await execute(
      tx,
      db.insertInto('article_versions').values({
        article_id: article.id,
        revision: article.revision,
        change,
        changed_by: JSON.stringify(by),
        changed_at: article.updatedAt,
        content: JSON.stringify(contentOf(article)),
      }),
    );
  }

  /** The article with its counters and linked tickets; counts a view when asked to. */
  async get(id: string, countView: boolean): Promise<ArticleV1 | null> {
    const row = await fetchFirst(
      this.runtime.dataSource.manager,
      db
        .with('viewed', (w) =>
          w
            .updateTable('articles')
            .set({ views: sql`views + 1` })
            .where('id', '=', id)
            .where(sql<boolean>`${countView}`)
            .returning(['id', 'views']),
        )
        .selectFrom('articles as a')
        .select(COLUMNS.filter((column) => column !== 'views').map((column) => `a.${column}` as const))
        .select((eb) => [
          eb.fn.coalesce(eb.selectFrom('viewed').select('views'), 'a.views').as('views'),
          sql<string[]>`ARRAY(${eb
            .selectFrom('article_tickets as t')
            .select(sql<string>`t.number::text`.as('number'))
            .whereRef('t.article_id', '=', 'a.id')
            .orderBy('t.linked_at', 'desc')
            .orderBy('t.number', 'desc')})`.as('tickets'),
          eb
            .selectFrom('article_tickets as t')
            .select(countAll)
            .whereRef('t.article_id', '=', 'a.id')
            .$asScalar()
            .as('uses'),
          eb
            .selectFrom('article_votes as v')
            .select(countAll)
            .whereRef('v.article_id', '=', 'a.id')
            .where('v.helpful', '=', true)
            .$asScalar()
            .as('helpful'),
          eb
            .selectFrom('article_votes as v')
            .select(countAll)
            .whereRef('v.article_id', '=', 'a.id')
            .where('v.helpful', '=', false)
            .$asScalar()
            .as('not_helpful'),
          eb
            .selectFrom('article_self_solved as s')
            .select(countAll)
            .whereRef('s.article_id', '=', 'a.id')
            .$asScalar()
            .as('self_solved'),
        ])
        .where('a.id', '=', id),
    );
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
    const rows = await fetchRows(
      this.runtime.dataSource,
      db
        .selectFrom('article_versions')
        .select(['revision', 'change', 'changed_by', 'changed_at', 'content'])
        .where('article_id', '=', id)
        .orderBy('revision', 'desc'),
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
    const { category, area, tag, after } = filter;
    const page = db
      .selectFrom('articles')
      .select(['id', 'title', 'category', 'area', 'tags', 'visibility', 'status', 'updated_at'])
      .select(sql<string>`(extract(epoch FROM updated_at) * 1000000)::bigint::text`.as('micros'))
      .where((eb) => eb('status', '=', eb.fn.any(eb.val(filter.statuses))))
      .where((eb) => eb('visibility', '=', eb.fn.any(eb.val(filter.visibilities))))
      .$if(category !== undefined, (q) =>
        q.where((eb) => eb(eb.fn('lower', ['category']), '=', eb.fn('lower', [eb.cast(eb.val(category), 'text')]))),
      )
      .$if(area !== undefined, (q) => q.where('area', '=', area!))
      .$if(tag !== undefined, (q) => q.where((eb) => eb(eb.val(tag!), '=', eb.fn.any('tags'))))
      .$if(after !== null, (q) =>
        q.where(
          sql<boolean>`(updated_at, id) < (to_timestamp(0) + ${after!.updatedMicros}::bigint * interval '1 microsecond', ${after!.id}::uuid)`,
        ),
      )
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit);
    const rows = await fetchRows(
      this.runtime.dataSource,
      // The counts only for the page's rows, once it is cut.
      db
        .selectFrom(page.as('page'))
        .selectAll('page')
        .select((eb) => [
          eb
            .selectFrom('article_tickets as t')
            .select(countAll)
            .whereRef('t.article_id', '=', 'page.id')
            .$asScalar()
            .as('uses'),
          eb
            .selectFrom('article_self_solved as v')
            .select(countAll)
            .whereRef('v.article_id', '=', 'page.id')
            .$asScalar()
            .as('self_solved'),
        ])
        .orderBy('page.updated_at', 'desc')
        .orderBy('page.id', 'desc'),
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
    const rows = await fetchRows(
      this.runtime.dataSource,
      db
        .selectFrom('articles')
        .select(['id', 'title', 'problem', 'status'])
        .where((eb) => eb('id', '=', eb.fn.any(eb.val(ids)))),
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  /** Returns false when the ticket was already linked (the count stays as it was). */
  async linkTicket(tx: EntityManager, id: string, number: number, by: AccountRefV1): Promise<boolean> {
    const rows = await fetchRows(
      tx,
      db
        .insertInto('article_tickets')
        .values({ article_id: id, number, linked_by: JSON.stringify(by), linked_at: sql`now()` })
        .onConflict((conflict) => conflict.doNothing())
        .returning('number'),
    );
    return rows.length > 0;
  }

  async vote(tx: EntityManager, id: string, accountId: string, helpful: boolean): Promise<void> {
    await execute(
      tx,
      db
        .insertInto('article_votes')
        .values({ article_id: id, account_id: accountId, helpful, voted_at: sql`now()` })
        .onConflict((conflict) =>
          conflict.columns(['article_id', 'account_id']).doUpdateSet((eb) => ({
            helpful: eb.ref('excluded.helpful'),
            voted_at: eb.ref('excluded.voted_at'),
          })),
        ),
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
    const row = await fetchFirst(
      tx,
      db
        .selectFrom('article_self_solved')
        .select(['id', 'solved_at'])
        .where('article_id', '=', articleId)
        .where('account_id', '=', accountId)
        .where('solved_at', '>', instant(since))
        .orderBy('solved_at', 'desc')
        .limit(1),
    );
    return row ? { id: row.id, solvedAt: row.solved_at.toISOString() } : null;
  }

  async addSelfSolved(
    tx: EntityManager,
    record: { id: string; articleId: string; accountId: string; role: string; query: string | null; solvedAt: string },
  ): Promise<void> {
    await execute(
      tx,
      db.insertInto('article_self_solved').values({
        id: record.id,
        article_id: record.articleId,
        account_id: record.accountId,
        role: record.role,
        query: record.query,
        solved_at: record.solvedAt,
      }),
    );
  }

  /** Every article as a search document, in batches by id (for `reindex`). */
  async *documents(batchSize = 1_000): AsyncGenerator<ArticleDocumentV1[]> {
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = await fetchRows(
        this.runtime.dataSource,
        db.selectFrom('articles').select(COLUMNS).where('id', '>', after).orderBy('id').limit(batchSize),
      );
      if (rows.length === 0) return;
      yield rows.map((r) => toDocument(fromRow(r)));
      after = rows.at(-1)!.id;
    }
  }
}

/** `count(*)` as a number (PostgreSQL's bigint would arrive as text). */
const countAll = sql<number>`count(*)::int`.as('n');

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
