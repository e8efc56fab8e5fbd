import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { uploadFiles } from '../tickets/attachments/attachments-api';
import { ticketQuery } from '../tickets/tickets-api';
import { registrationFrom, solutionFrom, submissionFrom, type DeskValues, type FirstContact } from './desk-form';
import { untilKnown } from './first-contact';

export const categoriesQuery = queryOptions({
  queryKey: ['catalogue', 'categories'],
  queryFn: () => unwrap(api.GET('/api/v1/catalogue/categories')),
  staleTime: 10 * 60_000,
});

export const closureReportQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'closure-report', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/closure-report', { params: { path: { number } } })),
  });

/** A person intake's directory knows: someone a ticket was registered for before. */
export type FoundRequester = components['schemas']['RequesterV1'];

export const requestersQuery = (search: string) =>
  queryOptions({
    queryKey: ['requesters', 'search', search],
    queryFn: () => unwrap(api.GET('/api/v1/requesters', { params: { query: { search, limit: 10 } } })),
    // Every registration may add someone: a search typed again asks again.
    staleTime: 0,
  });

/**
 * The equipment a person holds now, found by the address the registration will carry: the same open
 * custody periods the gateway checks `equipmentIds` against, so the picker offers only what it accepts.
 */
export const heldEquipmentQuery = (email: string) =>
  queryOptions({
    queryKey: ['inventory', 'held', email.toLowerCase()],
    queryFn: () =>
      unwrap(api.GET('/api/v1/inventory/equipment', { params: { query: { holderEmail: email, limit: 100 } } })),
  });

/** Files are staged first; the registration names them, under one Idempotency-Key per registration. */
export async function registerTicket(values: DeskValues, files: File[], idempotencyKey: string) {
  const attachmentIds = files.length > 0 ? (await uploadFiles(files)).map((file) => file.id) : undefined;
  return unwrap(
    api.POST('/api/v1/tickets', {
      params: { header: { 'Idempotency-Key': idempotencyKey } },
      body: { ...registrationFrom(values), ...(attachmentIds ? { attachmentIds } : {}) },
    }),
  );
}

export const takeTicket = (number: number) =>
  untilKnown(() => unwrap(api.POST('/api/v1/tickets/{number}/take', { params: { path: { number } } })));

export const recordSolution = (number: number, firstContact: FirstContact) =>
  unwrap(
    api.POST('/api/v1/tickets/{number}/solution', { params: { path: { number } }, body: solutionFrom(firstContact) }),
  );

export const submitForReview = (number: number, firstContact: FirstContact, note: string) =>
  unwrap(
    api.POST('/api/v1/tickets/{number}/submit', {
      params: { path: { number } },
      body: submissionFrom(firstContact, note),
    }),
  );

/**
 * The ticket's page reads the read side, which learns of a new ticket through events a moment after
 * intake numbered it. Before going there, wait (briefly) until it can show the ticket, so the operator
 * never lands on "not found" for the ticket just registered.
 */
export async function waitUntilReadable(queryClient: QueryClient, number: number, timeoutMs = 10_000): Promise<void> {
  try {
    const ticket = await untilKnown(
      () => unwrap(api.GET('/api/v1/tickets/{number}', { params: { path: { number } } })),
      { timeoutMs, intervalMs: 250 },
    );
    queryClient.setQueryData(ticketQuery(number).queryKey, ticket);
  } catch {
    // The page says so itself and can be reloaded; the registration is done either way.
  }
}
