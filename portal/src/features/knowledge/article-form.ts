import { z } from 'zod';
import type { Schemas } from '../../api/client';

export type Article = Schemas['ArticleV1'];
type ArticleContent = Omit<Schemas['CreateArticleBodyV1'], 'force'>;
type ArticleChanges = Schemas['ArticleChangesV1'];

// The knowledge service's limits (KnowledgeLimits in the contracts); the server refuses the same, naming the field.
const LIMITS = { title: 200, text: 20_000, step: 2_000, steps: 50, tag: 50, tags: 20, label: 100 } as const;

export const articleFormSchema = z.object({
  title: z.string().trim().min(1, 'validation.required').max(LIMITS.title, 'validation.tooLong'),
  problem: z.string().trim().min(1, 'validation.required').max(LIMITS.text, 'validation.tooLong'),
  cause: z.string().trim().max(LIMITS.text, 'validation.tooLong'),
  steps: z
    .array(z.object({ text: z.string().trim().min(1, 'validation.required').max(LIMITS.step, 'validation.tooLong') }))
    .min(1, 'kbEditor.stepsRequired')
    .max(LIMITS.steps, 'kbEditor.tooManySteps'),
  category: z.string().trim().min(1, 'validation.required').max(LIMITS.label, 'validation.tooLong'),
  /** An area code, or '' for an article of every area. */
  area: z.string(),
  service: z.string().trim().max(LIMITS.label, 'validation.tooLong'),
  tags: z
    .array(z.string().trim().min(1).max(LIMITS.tag, 'kbEditor.tagTooLong'))
    .max(LIMITS.tags, 'kbEditor.tooManyTags'),
  visibility: z.enum(['public', 'internal']),
});
export type ArticleFormValues = z.infer<typeof articleFormSchema>;

export const emptyArticle: ArticleFormValues = {
  title: '',
  problem: '',
  cause: '',
  steps: [{ text: '' }],
  category: '',
  area: '',
  service: '',
  tags: [],
  visibility: 'public',
};

export function formValuesOf(article: Article): ArticleFormValues {
  return {
    title: article.title,
    problem: article.problem,
    cause: article.cause ?? '',
    steps: article.solutionSteps.length > 0 ? article.solutionSteps.map((text) => ({ text })) : [{ text: '' }],
    category: article.category,
    area: article.area ?? '',
    service: article.service ?? '',
    tags: article.tags,
    visibility: article.visibility,
  };
}

/** The article as the API takes it on creation (and as the preview shows it). Values are the schema's output. */
export function contentOf(values: ArticleFormValues): ArticleContent {
  return {
    title: values.title.trim(),
    problem: values.problem.trim(),
    ...(values.cause.trim() ? { cause: values.cause.trim() } : {}),
    solutionSteps: values.steps.map((step) => step.text.trim()).filter((text) => text.length > 0),
    category: values.category.trim(),
    ...(values.area ? { area: values.area } : {}),
    ...(values.service.trim() ? { service: values.service.trim() } : {}),
    tags: [...new Set(values.tags.map((tag) => tag.trim()).filter((tag) => tag.length > 0))],
    visibility: values.visibility,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, index) => item === b[index]);

/**
 * Only what the author changed, with the revision they started from: the service keeps every edit as a
 * version and refuses (409) an edit made over someone else's newer one.
 */
export function changesOf(article: Article, values: ArticleFormValues): ArticleChanges {
  const next = contentOf(values);
  const changes: ArticleChanges = { revision: article.revision };
  if (next.title !== article.title) changes.title = next.title;
  if (next.problem !== article.problem) changes.problem = next.problem;
  if ((next.cause ?? '') !== (article.cause ?? '')) changes.cause = next.cause ?? '';
  if (!sameList(next.solutionSteps, article.solutionSteps)) changes.solutionSteps = next.solutionSteps;
  if (next.category !== article.category) changes.category = next.category;
  if (next.area && next.area !== article.area) changes.area = next.area;
  if ((next.service ?? '') !== (article.service ?? '')) changes.service = next.service ?? '';
  if (!sameList(next.tags, article.tags)) changes.tags = next.tags;
  if (next.visibility !== article.visibility) changes.visibility = next.visibility;
  return changes;
}

export const hasChanges = (changes: ArticleChanges): boolean => Object.keys(changes).length > 1;

/** The form field a refusal names: the service speaks of `solutionSteps.2`, the form of `steps.2.text`. */
export function formFieldOf(serverField: string): string {
  const step = /^solutionSteps\.(\d+)$/.exec(serverField);
  if (step) return `steps.${step[1]}.text`;
  if (serverField === 'solutionSteps') return 'steps';
  return serverField.replace(/^tags\.\d+$/, 'tags');
}
