import { join } from 'node:path';
import { compareRowTypesFile, type RowTypesOptions } from '@cau/testing';
import { resolutionService } from '../src/resolution.service.js';

/**
 * What `rows.generated.ts` narrows beyond the database's own types: text columns holding the contracts'
 * enumerations and jsonb columns holding the service's shapes. Only this service writes them, through
 * the same types, so reading them back as those types is not a guess.
 */
const narrowed: RowTypesOptions = {
  columns: {
    'tickets.status': 'TicketStatus',
    'tickets.priority': 'Priority',
    'tickets.solution_by': 'JsonColumn<ByV1>',
    'tickets.announced_service_level': 'JsonColumn<ServiceLevelState>',
    'calendars.week': "JsonColumn<CalendarRow['week']>",
    'closure_reports.report': 'JsonColumn<ClosureReportV1>',
    'problems.status': 'ProblemStatus',
    'problems.created_by': 'JsonColumn<ByV1>',
    'problem_actions.by': 'JsonColumn<ByV1>',
    'problem_tickets.linked_by': 'JsonColumn<ByV1>',
    'sla_breaches.target': 'SlaTarget',
    'sla_policies.priority': 'Priority',
    'sla_policy_overrides.scope': 'SlaScope',
    'sla_policy_overrides.priority': 'Priority',
    'surveys.satisfaction': 'SatisfactionLevel',
    'ticket_comments.channel': 'Channel',
    'ticket_links.linked_by': 'JsonColumn<ByV1>',
  },
  imports: {
    ByV1: '@cau/contracts',
    Channel: '@cau/contracts',
    ClosureReportV1: '@cau/contracts',
    Priority: '@cau/contracts',
    ProblemStatus: '@cau/contracts',
    SatisfactionLevel: '@cau/contracts',
    SlaScope: '@cau/contracts',
    SlaTarget: '@cau/contracts',
    TicketStatus: '@cau/contracts',
    CalendarRow: '@cau/business-time',
    JsonColumn: '@cau/persistence',
    ServiceLevelState: './sla/service-level.js',
  },
};

describe('row types', () => {
  it('rows.generated.ts is what the migrations build (UPDATE_ROW_TYPES=1 rewrites it)', async () => {
    const file = join(__dirname, '../src/rows.generated.ts');
    const { committed, generated } = await compareRowTypesFile(resolutionService, file, narrowed);
    expect(committed).toBe(generated);
  }, 60_000);
});
