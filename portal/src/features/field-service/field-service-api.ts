import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import { useTicketEvents } from '../../app/live-updates';

export type TicketEquipment = Schemas['TicketEquipmentV1'];
export type EquipmentSummary = Schemas['EquipmentSummaryV1'];
export type FieldVisit = Schemas['FieldVisitV1'];
export type PlanVisitBody = Schemas['PlanVisitBodyV1'];
export type RecordVisitBody = Schemas['RecordVisitBodyV1'];
export type VisitorBody = PlanVisitBody['visitor'];
export type Repair = Schemas['RepairV1'];
export type RepairOutBody = Schemas['RepairOutBodyV1'];
export type RepairReturnBody = Schemas['RepairReturnBodyV1'];

export type SignOff = Schemas['SignOffV1'];

/** The ticket's sign-off; a 404 means there is none yet (not worth retrying). */
export const ticketSignOffQuery = (number: number) =>
  queryOptions({
    queryKey: ['field-service', 'ticket', number, 'sign-off'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/sign-off', { params: { path: { number } } })),
    retry: false,
  });

/** Inventory's field work on a ticket (equipment.ticket-linked, field-visit.recorded, field.signed-off…). */
export const isFieldEvent = (type: string): boolean => /^(equipment|field-visit|field)\./.test(type);

/**
 * Keeps the ticket's field sections live: when someone else links equipment, records a visit, a repair or
 * the sign-off, the live stream says so and the sections read their data again (straight from inventory,
 * which has committed before its event is out, so there is no read side to wait for).
 */
export function useLiveFieldService(number: number): void {
  const queryClient = useQueryClient();
  useTicketEvents(number, (event) => {
    if (isFieldEvent(event.type)) void queryClient.invalidateQueries({ queryKey: ['field-service', 'ticket', number] });
  });
}

export const REPAIR_CONDITIONS = ['funciona', 'no_funciona', 'reemplazado'] as const;

/** How many matches the workspace's equipment search shows: a number or a serial finds one or a few. */
export const EQUIPMENT_SEARCH_LIMIT = 8;

export const ticketEquipmentQuery = (number: number) =>
  queryOptions({
    queryKey: ['field-service', 'ticket', number, 'equipment'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/equipment', { params: { path: { number } } })),
  });

export const equipmentTicketsQuery = (id: string) =>
  queryOptions({
    queryKey: ['field-service', 'equipment', id, 'tickets'],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment/{id}/tickets', { params: { path: { id } } })),
  });

export const equipmentSearchQuery = (text: string) =>
  queryOptions({
    queryKey: ['field-service', 'search', text],
    queryFn: () =>
      unwrap(api.GET('/api/v1/inventory/equipment', { params: { query: { text, limit: EQUIPMENT_SEARCH_LIMIT } } })),
    enabled: text !== '',
  });

export const ticketVisitsQuery = (number: number) =>
  queryOptions({
    queryKey: ['field-service', 'ticket', number, 'visits'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/visits', { params: { path: { number } } })),
  });

export const ticketRepairsQuery = (number: number) =>
  queryOptions({
    queryKey: ['field-service', 'ticket', number, 'repairs'],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/repairs', { params: { path: { number } } })),
  });

export const equipmentRepairsQuery = (id: string) =>
  queryOptions({
    queryKey: ['field-service', 'equipment', id, 'repairs'],
    queryFn: () => unwrap(api.GET('/api/v1/inventory/equipment/{id}/repairs', { params: { path: { id } } })),
  });

/** The F03's address: the browser downloads it with the session cookie. */
export const repairFormUrl = (number: number, repairId: string): string =>
  `/api/v1/tickets/${number}/repairs/${repairId}/f03.pdf`;

/** A machine leaves or comes back: the ticket's repairs and equipment (its state changed) are read again. */
export function useRepairChange(number: number) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ticketRepairsQuery(number).queryKey }),
      queryClient.invalidateQueries({ queryKey: ticketEquipmentQuery(number).queryKey }),
    ]);
  const out = useMutation({
    mutationFn: (body: RepairOutBody) =>
      unwrap(api.POST('/api/v1/tickets/{number}/repairs', { params: { path: { number } }, body })),
    onSuccess: refresh,
  });
  const back = useMutation({
    mutationFn: ({ repairId, body }: { repairId: string; body: RepairReturnBody }) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/repairs/{repairId}/return', {
          params: { path: { number, repairId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
  return { out, back };
}

/** Plan a visit or record one: the ticket's visits are read again after either. */
export function useVisitChange(number: number) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ticketVisitsQuery(number).queryKey });
  const plan = useMutation({
    mutationFn: (body: PlanVisitBody) =>
      unwrap(api.POST('/api/v1/tickets/{number}/visits', { params: { path: { number } }, body })),
    onSuccess: refresh,
  });
  const record = useMutation({
    mutationFn: ({ visitId, body }: { visitId: string; body: RecordVisitBody }) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/visits/{visitId}/record', { params: { path: { number, visitId } }, body }),
      ),
    onSuccess: refresh,
  });
  return { plan, record };
}

/** Link or unlink: the answer is the ticket's equipment now, written straight into its query. */
export function useTicketEquipmentChange(number: number) {
  const queryClient = useQueryClient();
  const done = async (links: TicketEquipment[], equipmentId: string) => {
    queryClient.setQueryData(ticketEquipmentQuery(number).queryKey, links);
    await queryClient.invalidateQueries({ queryKey: equipmentTicketsQuery(equipmentId).queryKey });
  };
  const link = useMutation({
    mutationFn: (equipmentId: string) =>
      unwrap(api.POST('/api/v1/tickets/{number}/equipment', { params: { path: { number } }, body: { equipmentId } })),
    onSuccess: (links, equipmentId) => done(links, equipmentId),
  });
  const unlink = useMutation({
    mutationFn: (equipmentId: string) =>
      unwrap(
        api.DELETE('/api/v1/tickets/{number}/equipment/{equipmentId}', {
          params: { path: { number, equipmentId } },
        }),
      ),
    onSuccess: (links, equipmentId) => done(links, equipmentId),
  });
  return { link, unlink };
}

/** "PC · Dell Optiplex 7090": what the header and lists print after the inventory number. */
export function equipmentDescription(equipment: EquipmentSummary, typeLabel: (code: string) => string): string {
  const make = [equipment.brand, equipment.model].filter(Boolean).join(' ');
  return make ? `${typeLabel(equipment.type)} · ${make}` : typeLabel(equipment.type);
}
