import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type Catalogue = Schemas['CatalogueV1'];
export type Category = Catalogue['categories'][number];
export type Service = Catalogue['services'][number];
export type Jurisdiction = Catalogue['jurisdictions'][number];
export type CatalogueKind = 'category' | 'service' | 'jurisdiction';

/** The whole catalogue, retired entries included (administrators only). */
export const catalogueQuery = queryOptions({
  queryKey: ['admin', 'catalogue'],
  queryFn: () => unwrap(api.GET('/api/v1/catalogue')),
});

/** After a change: this page's list and the registration forms' category tree and services. */
export async function catalogueChanged(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: catalogueQuery.queryKey }),
    queryClient.invalidateQueries({ queryKey: ['catalogue', 'categories'] }),
    queryClient.invalidateQueries({ queryKey: ['catalogue', 'services'] }),
  ]);
}

/** Without `parent` the category is (or becomes) a top-level one. */
export const saveCategory = (code: string, label: { es: string; en: string }, parent: string | null) =>
  unwrap(
    api.PUT('/api/v1/catalogue/categories/{code}', {
      params: { path: { code } },
      body: parent === null ? { label } : { label, parent },
    }),
  );

export const saveService = (code: string, body: { label: { es: string; en: string } }) =>
  unwrap(api.PUT('/api/v1/catalogue/services/{code}', { params: { path: { code } }, body }));

export const saveJurisdiction = (
  code: string,
  body: { name: string; referenteEmails: string[]; supervisorEmails: string[] },
) => unwrap(api.PUT('/api/v1/catalogue/jurisdictions/{code}', { params: { path: { code } }, body }));

export const setRetired = (kind: CatalogueKind, code: string, retired: boolean) => {
  const options = { params: { path: { code } }, body: { retired } };
  if (kind === 'category') return unwrap(api.PUT('/api/v1/catalogue/categories/{code}/retired', options));
  if (kind === 'service') return unwrap(api.PUT('/api/v1/catalogue/services/{code}/retired', options));
  return unwrap(api.PUT('/api/v1/catalogue/jurisdictions/{code}/retired', options));
};

/** `a@x.gob, b@x.gob` or one per line → the addresses, trimmed, without empty entries. */
export const emailList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
