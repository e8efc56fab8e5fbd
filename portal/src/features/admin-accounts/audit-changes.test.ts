import { describe, expect, it } from 'vitest';
import { auditChanges } from './audit-changes';

describe('auditChanges', () => {
  it('lists only the fields that changed', () => {
    expect(
      auditChanges(
        { name: 'Ana', role: 'agent', area: 'UIT', active: true },
        { name: 'Ana', role: 'agent', area: 'L1', active: false },
      ),
    ).toEqual([
      { field: 'area', before: 'UIT', after: 'L1' },
      { field: 'active', before: 'true', after: 'false' },
    ]);
  });

  it('lists every field of a creation or a deletion', () => {
    expect(auditChanges(null, { name: 'Ana', jurisdiction: null, area: 'UIT' })).toEqual([
      { field: 'name', before: null, after: 'Ana' },
      { field: 'area', before: null, after: 'UIT' },
    ]);
    expect(auditChanges({ title: 'Hola' }, null)).toEqual([{ field: 'title', before: 'Hola', after: null }]);
  });

  it('compares nested values as JSON', () => {
    const edges = [{ from: 'L1', to: 'UIT' }];
    expect(auditChanges({ edges }, { edges: [...edges] })).toEqual([]);
    expect(auditChanges({ edges }, { edges: [] })).toEqual([
      { field: 'edges', before: '[{"from":"L1","to":"UIT"}]', after: '[]' },
    ]);
  });
});
