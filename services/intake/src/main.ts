import { runServiceMain } from '@cau/messaging';
import { intakeService } from './intake.service.js';

runServiceMain(intakeService);
