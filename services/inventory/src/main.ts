import { runServiceMain } from '@cau/messaging';
import { inventoryService } from './inventory.service.js';

runServiceMain(inventoryService);
