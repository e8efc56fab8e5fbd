import { runServiceMain } from '@cau/messaging';
import { knowledgeService } from './knowledge.service.js';

runServiceMain(knowledgeService);
