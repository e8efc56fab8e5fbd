import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { inventoryService } from '../src/inventory.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the contracts' shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'equipment.state': 'EquipmentState',
    'equipment.attributes': 'JsonColumn<Record<string, string>>',
    'equipment_history.action': 'EquipmentHistoryAction',
    'equipment_history.before': 'JsonColumn<Record<string, unknown>>',
    'equipment_history.after': 'JsonColumn<Record<string, unknown>>',
    'field_visits.visitor_kind': 'VisitorKind',
    'repairs.condition': 'RepairCondition',
    'imports.header': 'JsonColumn<string[]>',
    'import_rows.cells': 'JsonColumn<string[]>',
  },
  imports: {
    EquipmentHistoryAction: '@cau/contracts',
    EquipmentState: '@cau/contracts',
    RepairCondition: '@cau/contracts',
    VisitorKind: '@cau/contracts',
    JsonColumn: '@cau/persistence',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(inventoryService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
