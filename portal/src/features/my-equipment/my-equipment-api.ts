import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type MyEquipmentItem = Schemas['MyEquipmentItemV1'];
export type SignatureMode = Schemas['MyEquipmentV1']['signature'];

export const myEquipmentQuery = queryOptions({
  queryKey: ['inventory', 'my-equipment'],
  queryFn: () => unwrap(api.GET('/api/v1/inventory/my-equipment')),
});

/** The holder accepts the text they were shown, with the drawn signature (PNG, base64) if any. */
export const acceptCustody = (item: MyEquipmentItem, signature: string | null) =>
  unwrap(
    api.POST('/api/v1/inventory/equipment/{id}/custody/{periodId}/accept', {
      params: { path: { id: item.equipment.id, periodId: item.periodId } },
      body: { text: item.documentText, ...(signature ? { signature } : {}) },
    }),
  );
