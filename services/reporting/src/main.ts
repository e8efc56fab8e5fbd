import { runServiceMain } from '@cau/messaging';
import { reportingService } from './reporting.service.js';

runServiceMain(reportingService);
