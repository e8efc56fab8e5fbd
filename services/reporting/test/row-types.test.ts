import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { reportingService } from '../src/reporting.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the service's shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'ticket_view.channel': 'Channel',
    'ticket_view.type': 'TicketType',
    'ticket_view.impact': 'Impact',
    'ticket_view.urgency': 'Urgency',
    'ticket_view.priority': 'Priority',
    'ticket_view.status': 'TicketStatus',
    'ticket_view.requester': 'JsonColumn<ContactV1>',
    'ticket_view.reported_by': 'JsonColumn<ContactV1>',
    'ticket_view.registered_by': "JsonColumn<TicketViewV1['registeredBy']>",
    'ticket_view.attachments': 'JsonColumn<AttachmentLinkV1[]>',
    'ticket_view.satisfaction': 'SatisfactionLevel',
    'business_calendars.calendars': 'JsonColumn<CalendarDefinition[]>',
    'kpi_daily.fr_business_hist': 'JsonColumn<Histogram>',
    'kpi_daily.fr_calendar_hist': 'JsonColumn<Histogram>',
    'kpi_daily.res_business_hist': 'JsonColumn<Histogram>',
    'kpi_daily.res_calendar_hist': 'JsonColumn<Histogram>',
    'problems.status': 'ProblemStatus',
    'read_model_rebuilds.state': "ReadModelRebuildV1['state']",
    'read_model_rebuilds.requested_by': 'JsonColumn<ActorV1>',
    'report_schedules.granularity': 'ReportGranularity',
    'report_schedules.language': 'Language',
    'report_schedules.created_by': 'JsonColumn<ActorV1>',
    'step_targets.updated_by': "JsonColumn<Pick<ActorV1, 'accountId' | 'name'>>",
    'ticket_facts.type': 'TicketType',
  },
  imports: {
    ActorV1: '@cau/contracts',
    AttachmentLinkV1: '@cau/contracts',
    CalendarDefinition: '@cau/business-time',
    Channel: '@cau/contracts',
    ContactV1: '@cau/contracts',
    Histogram: './reports/kpi-histogram.js',
    Impact: '@cau/contracts',
    Language: '@cau/contracts',
    Priority: '@cau/contracts',
    ProblemStatus: '@cau/contracts',
    ReadModelRebuildV1: '@cau/contracts',
    ReportGranularity: '@cau/contracts',
    SatisfactionLevel: '@cau/contracts',
    TicketStatus: '@cau/contracts',
    TicketType: '@cau/contracts',
    TicketViewV1: '@cau/contracts',
    Urgency: '@cau/contracts',
    JsonColumn: '@cau/persistence',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(reportingService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
