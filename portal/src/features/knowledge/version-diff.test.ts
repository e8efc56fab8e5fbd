import { describe, expect, it } from 'vitest';
import { versionDiff, type ArticleVersion } from './version-diff';

const version = (revision: number, content: Partial<ArticleVersion['content']>): ArticleVersion => ({
  revision,
  change: 'updated',
  at: '2026-12-01T10:00:00Z',
  by: { accountId: 'a', name: 'Ana' },
  content: {
    title: 'La impresora no imprime',
    problem: 'Trabajos en cola',
    solutionSteps: ['Reiniciar la cola'],
    category: 'impresoras',
    tags: ['impresion'],
    visibility: 'public',
    status: 'draft',
    ...content,
  },
});

describe('versionDiff', () => {
  it('names only the fields that changed, with the removed and added words', () => {
    const diff = versionDiff(
      version(1, {}),
      version(2, { title: 'La impresora láser no imprime', solutionSteps: ['Reiniciar la cola', 'Probar'] }),
    );
    expect(diff.map((d) => d.field)).toEqual(['title', 'solutionSteps']);
    const title = diff[0]!.parts;
    expect(title.filter((p) => p.added).map((p) => p.value.trim())).toEqual(['láser']);
    expect(title.some((p) => p.removed)).toBe(false);
    const steps = diff[1]!.parts
      .filter((p) => p.added)
      .map((p) => p.value)
      .join('');
    expect(steps).toContain('2. Probar');
  });

  it('shows a status change in words, whole, and a removed cause', () => {
    const words = (field: string, code: string) => `${field}:${code}`;
    const diff = versionDiff(version(2, { cause: 'Driver viejo' }), version(3, { status: 'published' }), words);
    expect(diff.map((d) => d.field)).toEqual(['cause', 'status']);
    expect(diff[0]!.parts.every((p) => p.removed)).toBe(true);
    expect(diff[1]!.parts.map((p) => [p.removed, p.added, p.value])).toEqual([
      [true, false, 'status:draft'],
      [false, true, 'status:published'],
    ]);
  });

  it('treats the first version as all new', () => {
    const diff = versionDiff(undefined, version(1, {}));
    expect(diff.map((d) => d.field)).toEqual([
      'title',
      'problem',
      'solutionSteps',
      'category',
      'tags',
      'visibility',
      'status',
    ]);
  });
});
