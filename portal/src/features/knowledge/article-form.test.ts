import { describe, expect, it } from 'vitest';
import {
  articleFormSchema,
  changesOf,
  contentOf,
  emptyArticle,
  formFieldOf,
  formValuesOf,
  hasChanges,
  type Article,
} from './article-form';

const article = {
  id: '6f1c4f0e-8a1b-4c55-9a55-2b8f8a3a9a11',
  revision: 3,
  title: 'La impresora no imprime',
  problem: 'Los trabajos quedan en cola',
  cause: null,
  solutionSteps: ['Reiniciar la cola', 'Probar una página'],
  category: 'impresoras',
  area: null,
  service: null,
  tags: ['impresion'],
  visibility: 'public',
  status: 'draft',
} as unknown as Article;

describe('the article form', () => {
  it('round-trips an article without inventing changes', () => {
    const values = formValuesOf(article);
    expect(changesOf(article, values)).toEqual({ revision: 3 });
    expect(hasChanges(changesOf(article, values))).toBe(false);
  });

  it('sends only what changed, trimmed, with the revision it started from', () => {
    const values = {
      ...formValuesOf(article),
      title: '  La impresora no imprime nada ',
      steps: [{ text: 'Reiniciar la cola' }, { text: '  ' }, { text: 'Limpiar el cabezal' }],
      tags: ['impresion', 'cola', 'cola', ' '],
      cause: 'Un trabajo trabado',
    };
    expect(changesOf(article, values)).toEqual({
      revision: 3,
      title: 'La impresora no imprime nada',
      solutionSteps: ['Reiniciar la cola', 'Limpiar el cabezal'],
      tags: ['impresion', 'cola'],
      cause: 'Un trabajo trabado',
    });
  });

  it('clears the cause and the service with an empty text, and never sends an empty area', () => {
    const withCause = { ...article, cause: 'Vieja', service: 'Correo', area: 'UIT' } as Article;
    const values = { ...formValuesOf(withCause), cause: '', service: '', area: '' };
    expect(changesOf(withCause, values)).toEqual({ revision: 3, cause: '', service: '' });
  });

  it('builds the creation body without empty optional fields', () => {
    const values = { ...emptyArticle, title: 'T', problem: 'P', category: 'c', steps: [{ text: 'uno' }] };
    expect(contentOf(values)).toEqual({
      title: 'T',
      problem: 'P',
      solutionSteps: ['uno'],
      category: 'c',
      tags: [],
      visibility: 'public',
    });
  });

  it('refuses blank required fields and an article without steps', () => {
    const result = articleFormSchema.safeParse({ ...emptyArticle, title: '   ', steps: [] });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['title', 'problem', 'category', 'steps']));
  });

  it('maps the service field names onto the form', () => {
    expect(formFieldOf('solutionSteps.2')).toBe('steps.2.text');
    expect(formFieldOf('solutionSteps')).toBe('steps');
    expect(formFieldOf('tags.4')).toBe('tags');
    expect(formFieldOf('title')).toBe('title');
  });
});
