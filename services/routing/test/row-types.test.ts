import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { routingService } from '../src/routing.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the contracts' shapes. Only this service writes them, through the same types, so reading them back as those
 * types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'tickets.type': 'TicketType',
    'tickets.impact': 'Impact',
    'tickets.urgency': 'Urgency',
    'tickets.priority': 'Priority',
    'edges.kind': 'DerivationKind',
    'derivations.kind': 'DerivationKind',
    'derivations.by': 'JsonColumn<ByV1>',
  },
  imports: {
    ByV1: '@cau/contracts',
    DerivationKind: '@cau/contracts',
    Impact: '@cau/contracts',
    Priority: '@cau/contracts',
    TicketType: '@cau/contracts',
    Urgency: '@cau/contracts',
    JsonColumn: '@cau/persistence',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(routingService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
