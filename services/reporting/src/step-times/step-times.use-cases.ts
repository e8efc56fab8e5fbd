import { Injectable } from '@nestjs/common';
import {
  DEFAULT_STEP_TARGETS,
  FIELD_STEPS,
  Role,
  StepTimesLimits,
  UNMEASURED_STEPS,
  type FieldProblem,
  type ReplaceStepTargetsV1,
  type StepTargetsQueryV1,
  type StepTargetsV1,
  type StepTimesQueryV1,
  type StepTimesReportV1,
} from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import { reportScopeOf } from '../reports/report-access.js';
import { checkPeriod } from '../reports/report-period.js';
import { ReportingSettings } from '../reports/reporting-settings.js';
import { StepTimesRepository, type StoredTargets } from './step-times.repository.js';

const round1 = (minutes: number | null) => (minutes === null ? null : Math.round(minutes * 10) / 10);

/** Issue 15 "Times per step": each step's real time against its target, over a period. */
@Injectable()
export class StepTimesReportUseCase {
  constructor(
    private readonly steps: StepTimesRepository,
    private readonly settings: ReportingSettings,
  ) {}

  async report(query: StepTimesQueryV1): Promise<StepTimesReportV1> {
    const scope = reportScopeOf(query.actor);
    const period = checkPeriod(query, 'month', this.settings.timeZone);
    if (Array.isArray(period)) throw ServiceError.validation(period);
    const area = query.area ?? null;
    const jurisdiction = query.jurisdiction ?? null;
    const { figures, targets } = await this.steps.report({
      from: period.from,
      to: period.to,
      scope,
      area,
      jurisdiction,
      worst: StepTimesLimits.worst,
    });
    const byStep = new Map(figures.map((f) => [f.step, f]));
    return {
      from: query.from,
      to: query.to,
      scope,
      area,
      jurisdiction,
      steps: FIELD_STEPS.map((step) => {
        const found = byStep.get(step);
        const targetMinutes = targets.targets.get(step) ?? null;
        return {
          step,
          measured: !UNMEASURED_STEPS.includes(step),
          targetMinutes,
          count: found?.count ?? 0,
          medianMinutes: round1(found?.median ?? null),
          p90Minutes: round1(found?.p90 ?? null),
          overTarget: targetMinutes === null ? null : (found?.overTarget ?? 0),
          worst: (found?.worst ?? []).map((w) => ({ number: w.number, minutes: round1(w.minutes)! })),
        };
      }),
    };
  }
}

/** The targets: anyone who reads the reports sees them; administrators change them. */
@Injectable()
export class StepTargetsUseCase {
  constructor(private readonly steps: StepTimesRepository) {}

  async get(query: StepTargetsQueryV1): Promise<StepTargetsV1> {
    reportScopeOf(query.actor);
    return this.view(await this.steps.targets());
  }

  async replace(command: ReplaceStepTargetsV1): Promise<StepTargetsV1> {
    if (command.actor.role !== Role.Admin) {
      throw ServiceError.forbidden({ code: 'reporting.step-targets-admins-only' });
    }
    const problems: FieldProblem[] = [];
    command.targets.forEach((target, i) => {
      if (command.targets.findIndex((t) => t.step === target.step) !== i) {
        problems.push({ field: `targets.${i}.step`, constraint: 'unique' });
      }
    });
    if (problems.length > 0) throw ServiceError.validation(problems);
    return this.view(await this.steps.replaceTargets(command.targets, command.actor));
  }

  private view(stored: StoredTargets): StepTargetsV1 {
    return {
      targets: FIELD_STEPS.map((step) => ({
        step,
        minutes: stored.targets.get(step) ?? null,
        defaultMinutes: DEFAULT_STEP_TARGETS[step],
        measured: !UNMEASURED_STEPS.includes(step),
      })),
      updatedAt: stored.updatedAt?.toISOString() ?? null,
      updatedBy: stored.updatedBy,
    };
  }
}
