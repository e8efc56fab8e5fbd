import { infiniteQueryOptions, keepPreviousData } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

export type AccountRow = Schemas['AccountSummaryResponse'];
export type AuditEntry = Schemas['AuditEntryResponse'];
export type Role = AccountRow['role'];
export type AccountFilters = NonNullable<paths['/api/v1/accounts']['get']['parameters']['query']>;
export type AuditFilters = Omit<NonNullable<paths['/api/v1/audit']['get']['parameters']['query']>, 'cursor' | 'limit'>;
export type AuditTargetType = NonNullable<AuditFilters['targetType']>;

export const ROLES: readonly Role[] = ['requester', 'referente', 'operator', 'agent', 'supervisor', 'admin'];
export const AUDIT_TARGET_TYPES: readonly AuditTargetType[] = [
  'account',
  'canned-answer',
  'area',
  'escalation-graph',
  'sla-policies',
  'priority-matrix',
  'notification-rules',
  'area-mailboxes',
  'holiday',
  'calendar',
  'mail-template',
  'catalogue-category',
  'catalogue-service',
  'catalogue-jurisdiction',
  'step-targets',
  'announcement',
  'monitoring-integration',
  'problem',
];

// Dark enough for white text at badge size (WCAG AA 4.5:1), as the ticket status badges.
export const ACTIVE_COLOR = '#1e6b34';
export const INACTIVE_COLOR = '#495057';

/** A screenful and more; "Cargar más" asks for the next page by the API's cursor. */
export const ACCOUNTS_PAGE_SIZE = 50;
export const AUDIT_PAGE_SIZE = 50;

/** Under ['admin', 'accounts'], refreshed after every change made on the page. */
export const accountsQuery = (filters: Omit<AccountFilters, 'cursor' | 'limit'>) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'accounts', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/accounts', {
          params: { query: { ...filters, limit: ACCOUNTS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Under ['admin', 'audit']: every change on the page invalidates it. */
export const auditQuery = (filters: AuditFilters) =>
  infiniteQueryOptions({
    queryKey: ['admin', 'audit', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/audit', {
          params: { query: { ...filters, limit: AUDIT_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
