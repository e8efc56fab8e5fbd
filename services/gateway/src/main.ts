import { runServiceMain } from '@cau/messaging';
import { gatewayService } from './gateway.service.js';

runServiceMain(gatewayService);
