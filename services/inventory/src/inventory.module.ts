import { Module } from '@nestjs/common';
import { EquipmentHandler } from './equipment/equipment.handler.js';
import { EquipmentRepository } from './equipment/equipment.repository.js';
import { ManageEquipmentUseCase, ReadEquipmentUseCase } from './equipment/equipment.use-cases.js';
import { CustodyHandler } from './custody/custody.handler.js';
import { CustodyRepository } from './custody/custody.repository.js';
import { ManageCustodyUseCase } from './custody/custody.use-cases.js';
import { AcceptCustodyUseCase } from './custody/custody-acceptance.use-case.js';
import { CustodyDocumentUseCase } from './custody/custody-document.use-case.js';
import { CustodySettings } from './custody/custody-settings.js';
import { ImportHandler } from './import/import.handler.js';
import { ImportRepository } from './import/import.repository.js';
import { ImportEquipmentUseCase } from './import/import.use-case.js';
import { LETTERHEAD, letterheadFromEnv } from './documents/letterhead.js';

@Module({
  controllers: [EquipmentHandler, ImportHandler, CustodyHandler],
  providers: [
    EquipmentRepository,
    ImportRepository,
    ManageEquipmentUseCase,
    ReadEquipmentUseCase,
    ImportEquipmentUseCase,
    CustodyRepository,
    ManageCustodyUseCase,
    // A factory, so a bad CUSTODY_SIGNATURE or CAU_TIME_ZONE stops the start with its variable named.
    { provide: CustodySettings, useFactory: () => CustodySettings.fromEnv(process.env) },
    AcceptCustodyUseCase,
    CustodyDocumentUseCase,
    // Read once at start: a bad CAU_OFFICE_LOGO stops the start naming the variable.
    { provide: LETTERHEAD, useFactory: () => letterheadFromEnv(process.env) },
  ],
})
export class InventoryModule {}
