import { ReportingSchema1763800006000 } from './1763800006000-reporting-schema.js';
import { ReportingProcedures1763800006100 } from './1763800006100-reporting-procedures.js';
import { ReportingFacts1763800006200 } from './1763800006200-reporting-facts.js';
import { ReportingKpiDaily1763800006300 } from './1763800006300-reporting-kpi-daily.js';
import { ReportingRebuilds1763800006400 } from './1763800006400-reporting-rebuilds.js';
import { ReportingSchedules1763800006500 } from './1763800006500-reporting-schedules.js';
import { ReportingQueues1763800006600 } from './1763800006600-reporting-queues.js';
import { ReportingProductivity1798300000000 } from './1798300000000-reporting-productivity.js';
import { ReportingLinksMerge1798200000100 } from './1798200000100-reporting-links-merge.js';
import { ReportingBusinessCalendars1798520000100 } from './1798520000100-reporting-business-calendars.js';
import { ReportingFactSolver1798520000200 } from './1798520000200-reporting-fact-solver.js';
import { ReportingTicketService1798600000200 } from './1798600000200-reporting-ticket-service.js';
import { ReportingProductivityDaily1798720000000 } from './1798720000000-reporting-productivity-daily.js';
import { ReportingRecurringDaily1798720000100 } from './1798720000100-reporting-recurring-daily.js';
import { ReportingFactService1799100000100 } from './1799100000100-reporting-fact-service.js';
import { ReportingStepTimes1799500000000 } from './1799500000000-reporting-step-times.js';
import { ReportingProblems1799700000000 } from './1799700000000-reporting-problems.js';

/** Reporting's migrations in order: the service runs them, and a rebuild runs them into its shadow schema. */
export const REPORTING_MIGRATIONS = [
  ReportingSchema1763800006000,
  ReportingProcedures1763800006100,
  ReportingFacts1763800006200,
  ReportingKpiDaily1763800006300,
  ReportingRebuilds1763800006400,
  ReportingSchedules1763800006500,
  ReportingQueues1763800006600,
  ReportingLinksMerge1798200000100,
  ReportingProductivity1798300000000,
  ReportingBusinessCalendars1798520000100,
  ReportingFactSolver1798520000200,
  ReportingTicketService1798600000200,
  ReportingProductivityDaily1798720000000,
  ReportingRecurringDaily1798720000100,
  ReportingFactService1799100000100,
  ReportingStepTimes1799500000000,
  ReportingProblems1799700000000,
];
