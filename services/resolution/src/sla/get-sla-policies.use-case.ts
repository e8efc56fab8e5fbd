import { Injectable } from '@nestjs/common';
import type { SlaDueDatesPreviewV1, SlaPoliciesQueryV1, SlaPoliciesV1 } from '@cau/contracts';
import { ServiceRuntime } from '@cau/messaging';
import { Clock } from '../clock.js';
import { mayReadSlaPolicies } from '../domain/permissions.js';
import { authorize } from '../domain/refusals.js';
import type { BusinessCalendar } from '@cau/business-time';
import { CalendarRepository } from './calendar.repository.js';
import { slaDueDates, type SlaPolicy } from './due-dates.js';
import { SlaPolicyRepository } from './sla-policy.repository.js';

@Injectable()
export class GetSlaPoliciesUseCase {
  constructor(
    private readonly runtime: ServiceRuntime,
    private readonly policies: SlaPolicyRepository,
    private readonly calendars: CalendarRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * The policies and overrides, and when a ticket registered now (no waits) would be due under each: what
   * the configuration page shows beside the targets. A jurisdiction's override is counted on that
   * jurisdiction's calendar, the rest on the deployment's.
   */
  async execute(query: SlaPoliciesQueryV1): Promise<SlaPoliciesV1> {
    authorize(mayReadSlaPolicies(query.actor));
    const [policies, overrides, book] = await Promise.all([
      this.policies.list(),
      this.policies.listOverrides(),
      this.calendars.book(this.runtime.dataSource.manager),
    ]);
    const now = this.clock.now();
    const previewOf = (calendar: BusinessCalendar, policy: SlaPolicy): SlaDueDatesPreviewV1 => {
      const due = slaDueDates(calendar, now, policy, []);
      return {
        priority: policy.priority,
        responseDueAt: due.responseDueAt!.toISOString(),
        resolutionDueAt: due.resolutionDueAt!.toISOString(),
      };
    };
    return {
      policies,
      overrides,
      preview: {
        from: now.toISOString(),
        dueDates: policies.map((policy) => previewOf(book.calendarFor(null), policy)),
        overrides: overrides.map((override) => ({
          scope: override.scope,
          code: override.code,
          ...previewOf(book.calendarFor(override.scope === 'jurisdiction' ? override.code : null), override),
        })),
      },
    };
  }
}
