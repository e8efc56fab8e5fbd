import type { Priority, SlaScope } from '@cau/contracts';
import type { SlaPolicy } from './due-dates.js';

/** Targets of one priority for one jurisdiction or service, replacing the general ones. */
export interface SlaPolicyOverride extends SlaPolicy {
  scope: SlaScope;
  code: string;
}

/** What chooses a ticket's targets. */
export interface PolicyScopeOf {
  priority: Priority | null;
  jurisdiction: string | null;
  service: string | null;
}

const keyOf = (scope: SlaScope, code: string, priority: Priority): string => `${scope}\u0000${code}\u0000${priority}`;

/**
 * Which targets a ticket is measured against. The most specific agreement wins: the service the ticket is
 * about (a critical system's own targets), then its jurisdiction's (an agreement with a ministry), then the
 * general policy of its priority. Each priority falls back on its own, so an override of ALTA only leaves
 * MEDIA and BAJA on the general targets.
 */
export class SlaPolicyBook {
  private constructor(
    private readonly general: ReadonlyMap<Priority, SlaPolicy>,
    private readonly overrides: ReadonlyMap<string, SlaPolicy>,
  ) {}

  static build(policies: readonly SlaPolicy[], overrides: readonly SlaPolicyOverride[]): SlaPolicyBook {
    return new SlaPolicyBook(
      new Map(policies.map((p) => [p.priority, p])),
      new Map(overrides.map((o) => [keyOf(o.scope, o.code, o.priority), o])),
    );
  }

  policyFor(ticket: PolicyScopeOf): SlaPolicy | undefined {
    if (!ticket.priority) return undefined;
    const byService = ticket.service
      ? this.overrides.get(keyOf('service', ticket.service, ticket.priority))
      : undefined;
    const byJurisdiction = ticket.jurisdiction
      ? this.overrides.get(keyOf('jurisdiction', ticket.jurisdiction, ticket.priority))
      : undefined;
    return byService ?? byJurisdiction ?? this.general.get(ticket.priority);
  }
}
