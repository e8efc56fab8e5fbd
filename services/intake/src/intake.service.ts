import { QueueGroups } from '@cau/contracts';
import type { ServiceDefinition } from '@cau/messaging';
import { IntakeModule } from './intake.module.js';
import { IntakeSchema1763800001000 } from './migrations/1763800001000-intake-schema.js';
import { RequesterDirectory1797100000000 } from './migrations/1797100000000-requester-directory.js';

export const intakeService: ServiceDefinition = {
  name: 'intake',
  schema: 'intake',
  module: IntakeModule,
  migrations: [IntakeSchema1763800001000, RequesterDirectory1797100000000],
  portVariable: 'INTAKE_PORT',
  defaultPort: 3101,
  queueGroup: QueueGroups.intake,
};
