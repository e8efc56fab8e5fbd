import { Injectable } from '@nestjs/common';
import { ServiceRuntime } from '@cau/messaging';
import { Clock } from '../clock.js';
import { mayReadSlaPolicies } from '../lifecycle/permissions.js';
import { authorize } from '../lifecycle/refusals.js';
import { CalendarRepository } from './calendar.repository.js';
import { slaDueDates } from './due-dates.js';
import type { SlaPoliciesQueryV1, SlaPoliciesV1 } from './sla-policy.contracts.js';
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
   * The policies, and when a ticket registered now (on the deployment's calendar, no waits) would be due
   * under each: what the configuration page shows beside the targets.
   */
  async execute(query: SlaPoliciesQueryV1): Promise<SlaPoliciesV1> {
    authorize(mayReadSlaPolicies(query.actor));
    const policies = await this.policies.list();
    const calendar = (await this.calendars.book(this.runtime.dataSource.manager)).calendarFor(null);
    const now = this.clock.now();
    return {
      policies,
      preview: {
        from: now.toISOString(),
        dueDates: policies.map((policy) => {
          const due = slaDueDates(calendar, now, policy, []);
          return {
            priority: policy.priority,
            responseDueAt: due.responseDueAt!.toISOString(),
            resolutionDueAt: due.resolutionDueAt!.toISOString(),
          };
        }),
      },
    };
  }
}
