import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { gatewayService } from '../src/gateway.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the contracts' shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'accounts.role': 'Role',
    'accounts.language': 'Language',
    'registrations.language': 'Language',
    'attachments.kind': "'file' | 'link'",
    'audit_log.action': 'AuditAction',
    'audit_log.target_type': 'AuditTargetType',
    'audit_log.before': 'JsonColumn<unknown>',
    'audit_log.after': 'JsonColumn<unknown>',
  },
  imports: {
    AuditAction: './audit/audit.dto.js',
    AuditTargetType: './audit/audit.dto.js',
    JsonColumn: '@cau/persistence',
    Language: '@cau/contracts',
    Role: '@cau/contracts',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(gatewayService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
