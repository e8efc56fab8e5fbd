import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { knowledgeService } from '../src/knowledge.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the contracts' shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'articles.status': 'ArticleStatus',
    'articles.visibility': 'ArticleVisibility',
    'articles.author': 'JsonColumn<AccountRefV1>',
    'articles.solution_steps': 'JsonColumn<string[]>',
    'article_versions.change': "ArticleVersionV1['change']",
    'article_versions.changed_by': 'JsonColumn<AccountRefV1>',
    'article_versions.content': "JsonColumn<ArticleVersionV1['content']>",
    'article_tickets.linked_by': 'JsonColumn<AccountRefV1>',
    'search_documents.status': 'ArticleStatus',
    'search_documents.visibility': 'ArticleVisibility',
    'tickets.priority': 'Priority',
  },
  imports: {
    AccountRefV1: '@cau/contracts',
    ArticleStatus: '@cau/contracts',
    ArticleVersionV1: '@cau/contracts',
    ArticleVisibility: '@cau/contracts',
    Priority: '@cau/contracts',
    JsonColumn: '@cau/persistence',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(knowledgeService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
