import { Role, type ActorV1 } from '@cau/contracts';
import type { ArticleRepository } from '../articles/article.repository.js';
import { SearchArticlesUseCase } from './search-articles.use-case.js';
import { MAX_RANKED, SearchEngine, type EngineHit, type EngineQuery } from './search-engine.js';

/** An engine where `matches` articles match every query, in order. */
class CountingEngine extends SearchEngine {
  readonly name = 'counting';
  readonly asked: EngineQuery[] = [];

  constructor(private readonly matches: number) {
    super();
  }

  index(): Promise<void> {
    return Promise.resolve();
  }

  rebuild(): Promise<number> {
    return Promise.resolve(0);
  }

  search(query: EngineQuery): Promise<EngineHit[]> {
    this.asked.push(query);
    const count = Math.max(0, Math.min(query.limit, this.matches - query.offset));
    return Promise.resolve(
      Array.from({ length: count }, (_, n) => ({
        id: String(query.offset + n),
        title: 't',
        category: 'c',
        area: null,
        tags: [],
        visibility: 'public',
        status: 'published',
        score: 1,
        snippet: '',
      })),
    );
  }
}

const actor: ActorV1 = {
  accountId: '00000000-0000-4000-8000-000000000001',
  role: Role.Operator,
  email: 'a@cau.gob',
  name: 'A',
};
const search = (matches: number, page: number, limit: number) => {
  const engine = new CountingEngine(matches);
  const useCase = new SearchArticlesUseCase(engine, {} as ArticleRepository);
  return { engine, result: useCase.search({ actor, params: { q: 'impresora', page, limit } }) };
};

describe('search pages', () => {
  it('tells whether another page follows', async () => {
    expect(await search(25, 1, 10).result).toMatchObject({ hasMore: true, capped: false });
    const last = await search(25, 3, 10).result;
    expect(last).toMatchObject({ hasMore: false, capped: false });
    expect(last.items).toHaveLength(5);
  });

  it('stops at the ranked bound and says so', async () => {
    const atBound = search(MAX_RANKED + 100, MAX_RANKED / 50, 50);
    const page = await atBound.result;
    expect(page.items).toHaveLength(50);
    expect(page).toMatchObject({ hasMore: false, capped: true });
    expect(atBound.engine.asked[0]).toMatchObject({ offset: MAX_RANKED - 50, limit: 50 });

    const beyond = search(MAX_RANKED + 100, MAX_RANKED / 50 + 1, 50);
    expect(await beyond.result).toMatchObject({ items: [], hasMore: false, capped: true });
    expect(beyond.engine.asked).toEqual([]);
  });
});
