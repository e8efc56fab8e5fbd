import { queryOptions } from '@tanstack/react-query';
import { api, unwrap, type Schemas } from '../../api/client';
import type { paths } from '../../api/schema';

import type { InboundStatus, MailKind, MailLanguage } from './admin-search';

export { graphQuery } from '../workspace/workspace-api';
export * from './admin-search';
import type { UnsentStatus } from './admin-search';

export type EscalationGraph = Schemas['ConfiguredGraphV1'];
export type GraphEdge = EscalationGraph['edges'][number];
export type DerivationKind = GraphEdge['kind'];
export type SlaPolicies = Schemas['SlaPoliciesV1'];
export type SlaPolicy = SlaPolicies['policies'][number];
export type ReportSchedule = Schemas['ReportScheduleV1'];
export type ReportScheduleInput = Schemas['ReportScheduleInputV1'];

export type MailTemplateBody = Schemas['MailTemplateBodyV1'];
export type MailTemplate =
  paths['/api/v1/notifications/templates/{kind}/{language}']['get']['responses'][200]['content']['application/json'];
export type Delivery =
  paths['/api/v1/notifications']['get']['responses'][200]['content']['application/json']['deliveries'][number];
export type InboundMail =
  paths['/api/v1/notifications/inbound']['get']['responses'][200]['content']['application/json']['messages'][number];

export type WhatsappDelivery =
  paths['/api/v1/whatsapp/deliveries']['get']['responses'][200]['content']['application/json']['deliveries'][number];

export const DERIVATION_KINDS: readonly DerivationKind[] = ['escalate', 'coordinate', 'return'];

export const slaPoliciesQuery = queryOptions({
  queryKey: ['admin', 'sla-policies'],
  queryFn: () => unwrap(api.GET('/api/v1/sla/policies')),
});

export const templatesQuery = queryOptions({
  queryKey: ['admin', 'templates'],
  queryFn: () => unwrap(api.GET('/api/v1/notifications/templates')),
});

export const templateQuery = (kind: MailKind, language: MailLanguage) =>
  queryOptions({
    queryKey: ['admin', 'templates', kind, language],
    queryFn: () =>
      unwrap(api.GET('/api/v1/notifications/templates/{kind}/{language}', { params: { path: { kind, language } } })),
  });

export const templateVersionsQuery = (kind: MailKind, language: MailLanguage) =>
  queryOptions({
    queryKey: ['admin', 'templates', kind, language, 'versions'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/notifications/templates/{kind}/{language}/versions', { params: { path: { kind, language } } }),
      ),
  });

/** The rendered mail of a draft (or, without one, of the template in force), with sample data. */
export const templatePreviewQuery = (kind: MailKind, language: MailLanguage, template: MailTemplateBody | null) =>
  queryOptions({
    queryKey: ['admin', 'templates', kind, language, 'preview', template],
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/notifications/templates/{kind}/{language}/preview', {
          params: { path: { kind, language } },
          body: template ? { template } : {},
        }),
      ),
    retry: false,
  });

export const unsentMailsQuery = (status: UnsentStatus) =>
  queryOptions({
    queryKey: ['admin', 'mails', 'unsent', status],
    queryFn: () => unwrap(api.GET('/api/v1/notifications', { params: { query: { status, limit: 100 } } })),
  });

export const inboundMailsQuery = (status: InboundStatus | undefined) =>
  queryOptions({
    queryKey: ['admin', 'mails', 'inbound', status ?? 'all'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/notifications/inbound', { params: { query: { limit: 100, ...(status ? { status } : {}) } } }),
      ),
  });

export const schedulesQuery = queryOptions({
  queryKey: ['admin', 'report-schedules'],
  queryFn: () => unwrap(api.GET('/api/v1/reports/schedules')),
});

/** WhatsApp template messages that failed or whose outcome is unknown, newest first. */
export const unsentWhatsappQuery = queryOptions({
  queryKey: ['admin', 'mails', 'whatsapp'],
  queryFn: async () => {
    const [failed, uncertain] = await Promise.all(
      (['failed', 'uncertain'] as const).map((status) =>
        unwrap(api.GET('/api/v1/whatsapp/deliveries', { params: { query: { status } } })),
      ),
    );
    return [...failed!.deliveries, ...uncertain!.deliveries].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  },
});
