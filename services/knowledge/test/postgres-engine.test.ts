import { startService } from '@cau/messaging';
import { createTestInfrastructure } from '@cau/testing';
import { knowledgeService } from '../src/knowledge.service.js';
import { SearchEngine } from '../src/search/search-engine.js';
import { searchEngineContract } from './search-engine.contract.js';

describe('search engine contract: PostgreSQL', () => {
  searchEngineContract(async () => {
    const infra = await createTestInfrastructure('kbpgengine');
    const service = await startService(knowledgeService, { ...process.env, ...infra.env, KNOWLEDGE_PORT: '0' });
    return {
      engine: service.app.get(SearchEngine),
      async stop() {
        await service.stop();
        await infra.cleanup();
      },
    };
  });
});
