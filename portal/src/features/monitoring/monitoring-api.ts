import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';

export type IntegrationBody = Schemas['AlertIntegrationBodyV1'];

export const integrationsQuery = queryOptions({
  queryKey: ['monitoring', 'integrations'],
  queryFn: () => unwrap(api.GET('/api/v1/monitoring/integrations')),
});
export type Integration = Awaited<ReturnType<NonNullable<typeof integrationsQuery.queryFn>>>['integrations'][number];

export const recentAlertsQuery = queryOptions({
  queryKey: ['monitoring', 'alerts'],
  queryFn: () => unwrap(api.GET('/api/v1/monitoring/alerts', { params: { query: { limit: 50 } } })),
  refetchInterval: 30_000,
});

export const ticketAlertsQuery = (number: number) =>
  queryOptions({
    queryKey: ['monitoring', 'ticket', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/alerts', { params: { path: { number } } })),
  });
export type AlertRecord = Awaited<
  ReturnType<NonNullable<ReturnType<typeof ticketAlertsQuery>['queryFn']>>
>['alerts'][number];

/** What Alertmanager or Zabbix are told to call: this portal's origin and the integration's path. */
export function webhookUrl(path: string): string {
  return `${window.location.origin}${path}`;
}
