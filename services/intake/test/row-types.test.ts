import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { intakeService } from '../src/intake.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the service's shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'alert_integrations.kind': 'AlertSourceKind',
    'alert_integrations.settings': 'JsonColumn<IntegrationSettings>',
    'alert_records.priority': 'Priority',
    'alert_records.status': "AlertRecordV1['status']",
    'alert_records.labels': 'JsonColumn<Record<string, string>>',
    'alert_parked_firings.alert': 'JsonColumn<ParsedAlert>',
  },
  imports: {
    AlertRecordV1: '@cau/contracts',
    AlertSourceKind: '@cau/contracts',
    IntegrationSettings: './alerts/alert-rules.js',
    JsonColumn: '@cau/persistence',
    ParsedAlert: './alerts/alert-payloads.js',
    Priority: '@cau/contracts',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(intakeService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
