import { Events, QueueGroups } from '@cau/contracts';
import { onEvent, type ServiceDefinition } from '@cau/messaging';
import { InventoryModule } from './inventory.module.js';
import { InventorySchema1798710000000 } from './migrations/1798710000000-inventory-schema.js';
import { InventoryCustody1798710000100 } from './migrations/1798710000100-custody.js';
import { InventoryCustodyAcceptance1798800000000 } from './migrations/1798800000000-custody-acceptance.js';
import { InventoryTicketEquipment1798900000000 } from './migrations/1798900000000-ticket-equipment.js';
import { InventoryFieldVisits1798900000100 } from './migrations/1798900000100-field-visits.js';
import { InventoryRepairs1798900000200 } from './migrations/1798900000200-repairs.js';
import { InventorySignOffs1798900000300 } from './migrations/1798900000300-sign-offs.js';
import { TicketEquipmentUseCases } from './ticket-equipment/ticket-equipment.use-cases.js';

/** The equipment register and its custody (docs/domain.md § Field service); it consumes registrations that name equipment. */
export const inventoryService: ServiceDefinition = {
  name: 'inventory',
  schema: 'inventory',
  module: InventoryModule,
  migrations: [
    InventorySchema1798710000000,
    InventoryCustody1798710000100,
    InventoryCustodyAcceptance1798800000000,
    InventoryTicketEquipment1798900000000,
    InventoryFieldVisits1798900000100,
    InventoryRepairs1798900000200,
    InventorySignOffs1798900000300,
  ],
  portVariable: 'INVENTORY_PORT',
  backgroundWork: true,
  defaultPort: 3107,
  queueGroup: QueueGroups.inventory,
  consumers: (app) => {
    const links = app.get(TicketEquipmentUseCases);
    return [
      {
        durable: 'inventory',
        handlers: [
          // Most tickets name no equipment: those need no transaction at all.
          onEvent(Events.TicketRegistered, (event, tx) => links.linkReported(event, tx), {
            concerns: (event) => (event.data.equipmentIds?.length ?? 0) > 0,
          }),
        ],
      },
    ];
  },
};
