// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('mantine-styles.css', () => {
  it('lists the stylesheet of every Mantine component the portal renders (regenerate with scripts/mantine-styles.mjs)', () => {
    const check = spawnSync(process.execPath, ['scripts/mantine-styles.mjs', '--check'], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.status).toBe(0);
  });
});
