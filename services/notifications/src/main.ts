import { runServiceMain } from '@cau/messaging';
import { notificationsService } from './notifications.service.js';

runServiceMain(notificationsService);
