import { runServiceMain } from '@cau/messaging';
import { resolutionService } from './resolution.service.js';

runServiceMain(resolutionService);
