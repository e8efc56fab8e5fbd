import type { ActorV1 } from '@cau/contracts';
import { DUPLICATE_THRESHOLD, mayRead, mayTransition, similarity, toDocument } from './article-rules.js';

const actor = (role: ActorV1['role']): ActorV1 => ({
  accountId: '6f1c1c34-7a39-4f57-9d5b-3f0c7a0b1e11',
  role,
  email: `${role}@cau.gob`,
  name: role,
});

describe('article rules', () => {
  it('lets requesters read published public articles only', () => {
    expect(mayRead(actor('requester'), { status: 'published', visibility: 'public' })).toBe(true);
    expect(mayRead(actor('requester'), { status: 'published', visibility: 'internal' })).toBe(false);
    expect(mayRead(actor('referente'), { status: 'draft', visibility: 'public' })).toBe(false);
    expect(mayRead(actor('operator'), { status: 'draft', visibility: 'internal' })).toBe(true);
  });

  it('refuses editing archived articles and repeating a publication or archive', () => {
    expect(mayTransition('archived', 'update').allowed).toBe(false);
    expect(mayTransition('published', 'update').allowed).toBe(true);
    expect(mayTransition('published', 'publish').allowed).toBe(false);
    expect(mayTransition('archived', 'publish').allowed).toBe(true);
    expect(mayTransition('archived', 'archive').allowed).toBe(false);
  });

  it('scores near-duplicates above the threshold and different articles below', () => {
    const printer = { title: 'La impresora no imprime', problem: 'La impresora del piso muestra error de papel' };
    expect(
      similarity(printer, { title: 'Impresoras que no imprimen', problem: 'Error de papel en la impresora del piso' }),
    ).toBeGreaterThan(DUPLICATE_THRESHOLD);
    expect(
      similarity(printer, { title: 'Sin acceso al correo', problem: 'El servidor de correo rechaza la contraseña' }),
    ).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(similarity(printer, printer)).toBeCloseTo(1);
  });

  it('indexes cause and solution steps as the body', () => {
    const document = toDocument({
      id: 'a',
      revision: 2,
      title: 't',
      problem: 'p',
      cause: 'c',
      solutionSteps: ['uno', 'dos'],
      category: 'red',
      tags: [],
      visibility: 'public',
      status: 'draft',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(document.body).toBe('c\nuno\ndos');
    expect(document.area).toBeNull();
  });
});
