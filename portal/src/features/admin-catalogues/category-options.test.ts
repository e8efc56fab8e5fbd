import { describe, expect, it } from 'vitest';
import { categoryLabel, categoryOptions } from './category-options';

const tree = [
  {
    code: 'impresoras',
    label: { es: 'Impresoras', en: 'Printers' },
    children: [{ code: 'impresoras-laser', label: { es: 'Láser', en: 'Laser' } }],
  },
  { code: 'otros', label: { es: 'Otros', en: 'Other' }, children: [] },
];

describe('categoryOptions', () => {
  it('lists each category followed by its subcategories', () => {
    expect(categoryOptions(tree, 'es')).toEqual([
      { value: 'impresoras', label: 'Impresoras' },
      { value: 'impresoras-laser', label: 'Impresoras › Láser' },
      { value: 'otros', label: 'Otros' },
    ]);
    expect(categoryOptions(tree, 'en')[1]).toEqual({ value: 'impresoras-laser', label: 'Printers › Laser' });
    expect(categoryOptions(undefined, 'es')).toEqual([]);
  });

  it('names a code, or shows it as it is when it is retired', () => {
    expect(categoryLabel(tree, 'impresoras-laser', 'es')).toBe('Impresoras › Láser');
    expect(categoryLabel(tree, 'telefonia', 'es')).toBe('telefonia');
  });
});
