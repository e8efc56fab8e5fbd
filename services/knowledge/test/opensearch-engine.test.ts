import { uniqueToken } from '@cau/testing';
import { OpenSearchEngine } from '../src/search/opensearch-search.engine.js';
import { searchEngineContract } from './search-engine.contract.js';

const url = process.env.OPENSEARCH_URL;

if (url) {
  describe('search engine contract: OpenSearch', () => {
    searchEngineContract(async () => {
      // An alias of its own, so test runs sharing one cluster stay apart.
      const engine = OpenSearchEngine.fromUrl(url, `cau-kb-test-${uniqueToken()}`);
      await engine.start();
      return { engine, stop: () => engine.drop() };
    });
  });
} else {
  describe('search engine contract: OpenSearch', () => {
    console.warn('OpenSearch contract suite SKIPPED: OPENSEARCH_URL is not set');
    it.skip('OpenSearch contract suite SKIPPED: OPENSEARCH_URL is not set', () => undefined);
  });
}
