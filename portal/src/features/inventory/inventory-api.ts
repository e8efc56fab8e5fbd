import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { InventorySearch } from './inventory-search';

export type Equipment = Schemas['EquipmentV1'];
export type EquipmentHistoryEntry = Schemas['EquipmentHistoryEntryV1'];
export type ImportReport = Schemas['ImportReportV1'];
export type CustodyPeriod = Schemas['CustodyPeriodV1'];

export const EQUIPMENT_STATES = ['en_uso', 'en_stock', 'en_reparacion', 'dado_de_baja'] as const;
export type EquipmentState = (typeof EQUIPMENT_STATES)[number];

/** Staff read and register equipment; supervisors and administrators also import (as the gateway decides). */
export const INVENTORY_ROLES = ['operator', 'agent', 'supervisor', 'admin'] as const;
export const IMPORT_ROLES = ['supervisor', 'admin'] as const;
export const mayUseInventory = (role: string): boolean => (INVENTORY_ROLES as readonly string[]).includes(role);
export const mayImportInventory = (role: string): boolean => (IMPORT_ROLES as readonly string[]).includes(role);

export const INVENTORY_PAGE_SIZE = 100;

export const equipmentListQuery = (search: InventorySearch) =>
  infiniteQueryOptions({
    queryKey: ['inventory', 'list', search],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/inventory/equipment', {
          params: { query: { ...search, limit: INVENTORY_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

export const equipmentQuery = (id: string) =>
  queryOptions({
    queryKey: ['inventory', 'equipment', id],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment/{id}', { params: { path: { id } } })),
  });

export const equipmentHistoryQuery = (id: string) =>
  queryOptions({
    queryKey: ['inventory', 'equipment', id, 'history'],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment/{id}/history', { params: { path: { id } } })),
  });

export const equipmentCustodyQuery = (id: string) =>
  queryOptions({
    queryKey: ['inventory', 'equipment', id, 'custody'],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment/{id}/custody', { params: { path: { id } } })),
  });

export const equipmentTypesQuery = queryOptions({
  queryKey: ['inventory', 'types'],
  queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment-types')),
  staleTime: 5 * 60_000,
});

/** The file goes as it is: the gateway reads it as it arrives and imports all of it or nothing. */
export async function importEquipment(file: File): Promise<ImportReport> {
  const form = new FormData();
  form.append('file', file, file.name);
  return unwrap(
    api.POST('/api/v1/inventory/equipment/import', {
      // The generated type describes the multipart fields; the browser builds the body and its boundary.
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
}

/** The export's address with the list's filters: the browser downloads it (the session cookie goes along). */
export function exportUrl(search: InventorySearch): string {
  const query = new URLSearchParams(Object.entries(search).filter(([, value]) => value !== undefined) as string[][]);
  const text = query.toString();
  return `/api/v1/inventory/equipment.csv${text ? `?${text}` : ''}`;
}

/** The custody document of one period (PDF): the browser downloads it with the session cookie. */
export const custodyDocumentUrl = (equipmentId: string, periodId: string): string =>
  `/api/v1/inventory/equipment/${equipmentId}/custody/${periodId}/document`;
