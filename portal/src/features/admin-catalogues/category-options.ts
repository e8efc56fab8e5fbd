import type { components } from '../../api/schema';

export type CategoryTreeEntry = components['schemas']['CategoryTreeEntryV1'];

/**
 * The active category tree as the options of one select: each category followed by its subcategories
 * ("Impresoras › Impresoras láser"); registration takes either code.
 */
export function categoryOptions(
  tree: readonly CategoryTreeEntry[] | undefined,
  language: string,
): Array<{ value: string; label: string }> {
  const label = (entry: { label: { es: string; en: string } }) => (language === 'en' ? entry.label.en : entry.label.es);
  return (tree ?? []).flatMap((category) => [
    { value: category.code, label: label(category) },
    ...category.children.map((child) => ({ value: child.code, label: `${label(category)} › ${label(child)}` })),
  ]);
}

/** The words for a category or subcategory code; the code itself when the active tree no longer has it. */
export function categoryLabel(tree: readonly CategoryTreeEntry[] | undefined, code: string, language: string): string {
  return categoryOptions(tree, language).find((option) => option.value === code)?.label ?? code;
}
