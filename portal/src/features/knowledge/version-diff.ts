import { diffWordsWithSpace, type ChangeObject } from 'diff';
import type { Schemas } from '../../api/client';

export type ArticleVersion = Schemas['ArticleVersionV1'];
type VersionContent = ArticleVersion['content'];

export const DIFF_FIELDS = [
  'title',
  'problem',
  'cause',
  'solutionSteps',
  'category',
  'area',
  'service',
  'tags',
  'visibility',
  'status',
] as const;
export type DiffField = (typeof DIFF_FIELDS)[number];

export interface FieldDiff {
  field: DiffField;
  parts: Array<ChangeObject<string>>;
}

/** Words for a coded value (visibility, status); codes are shown as they are without it. */
export type ValueWords = (field: 'visibility' | 'status', code: string) => string;

/** A field as text to compare: steps one per numbered line, tags separated by commas, codes in words. */
function textOf(content: VersionContent | undefined, field: DiffField, words: ValueWords): string {
  if (!content) return '';
  if (field === 'solutionSteps') return content.solutionSteps.map((step, index) => `${index + 1}. ${step}`).join('\n');
  if (field === 'tags') return content.tags.join(', ');
  if (field === 'visibility' || field === 'status') return words(field, content[field]);
  return content[field] ?? '';
}

/**
 * What changed from one version to the next, word by word, field by field; fields that did not change are
 * left out. Without an earlier version (the first one) everything is new.
 */
export function versionDiff(
  earlier: ArticleVersion | undefined,
  later: ArticleVersion,
  words: ValueWords = (_field, code) => code,
): FieldDiff[] {
  return DIFF_FIELDS.flatMap((field) => {
    const before = textOf(earlier?.content, field, words);
    const after = textOf(later.content, field, words);
    if (before === after) return [];
    // A coded value is replaced whole: "Público" → "Interno", not a word-level diff of two labels.
    const whole = field === 'visibility' || field === 'status';
    const parts = whole
      ? [
          ...(before ? [{ value: before, removed: true, added: false, count: 1 }] : []),
          { value: after, added: true, removed: false, count: 1 },
        ]
      : diffWordsWithSpace(before, after);
    return [{ field, parts }];
  });
}
