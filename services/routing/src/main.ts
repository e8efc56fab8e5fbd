import { runServiceMain } from '@cau/messaging';
import { routingService } from './routing.service.js';

runServiceMain(routingService);
