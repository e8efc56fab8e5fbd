import type {
  Priority,
  ServiceLevelChangedV1,
  SurveyAnsweredV1,
  TicketClassificationV1,
  TicketRegisteredV1,
  TicketStatus,
} from '@cau/contracts';

/** One change an event makes to its ticket's view row, as the projection decides it. */
export type ViewChange =
  | { kind: 'registration'; ticket: TicketRegisteredV1 }
  | { kind: 'routing'; routedAt: string }
  | { kind: 'priority'; priority: Priority }
  | { kind: 'reclassification'; classification: TicketClassificationV1; at: string }
  | { kind: 'service-level'; level: ServiceLevelChangedV1 }
  | { kind: 'area'; area: string; at: string }
  | { kind: 'status'; status: TicketStatus }
  | { kind: 'waiting'; waiting: boolean }
  | { kind: 'assignee'; assignee: { accountId: string; name: string } | null; at: string }
  | { kind: 'first-response'; at: string }
  | { kind: 'resolved'; at: string }
  | { kind: 'closed'; at: string }
  | { kind: 'reopening' }
  | { kind: 'overdue' }
  | { kind: 'satisfaction'; survey: SurveyAnsweredV1 };

/**
 * Whether the event is the newest its producer sent for the ticket among those carrying `part` (its own
 * position), recording it if so: `EventPositions.advance`, answered from the positions read for the batch.
 */
export type Newest = (part?: string) => boolean;

/** An event of the batch, in the order applied: what it changes, given which of its positions are newest. */
export interface RecordedEvent {
  ticketId: string;
  source: string;
  sequence: number;
  changes: (newest: Newest) => ViewChange[];
}

/** A position of `event_positions`: the last sequence applied per ticket and source (`producer[:part]`). */
export interface Position {
  ticketId: string;
  source: string;
  sequence: number;
}

/**
 * What a batch's events change in one view row, each part folded as the row's own statements would have
 * combined them one event at a time; the row's stored values take part when the patch is written (a later
 * area or assignee only, the least first response, the greatest resolution and closure…). Absent: unchanged.
 */
export interface ViewPatch {
  ticketId: string;
  /** The last registration applied; its classification stays out once a reclassification was applied. */
  registration?: TicketRegisteredV1;
  routedAt?: string;
  /** The last priority applied, by routing or a reclassification. */
  priority?: Priority;
  /** The last reclassification applied. */
  reclassification?: { classification: TicketClassificationV1; at: string };
  serviceLevel?: ServiceLevelChangedV1;
  /** The area of the latest step (the first of equal ones), applied if later than the row's. */
  area?: { area: string; at: string };
  status?: TicketStatus;
  waiting?: boolean;
  /** Likewise for the assignee. */
  assignee?: { assignee: { accountId: string; name: string } | null; at: string };
  firstResponseAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  reopenings: number;
  overdue: boolean;
  /** The latest answer (the first of equal times), applied if later than the row's. */
  satisfaction?: SurveyAnsweredV1;
}

/**
 * Folds a batch's events, in order, into one patch per ticket and the positions to record: each event is
 * judged newest against the stored positions and the batch's earlier events, as one statement per event did.
 */
export function foldViewChanges(
  events: readonly RecordedEvent[],
  stored: readonly Position[],
): { patches: ViewPatch[]; positions: Position[] } {
  const key = (ticketId: string, source: string) => `${ticketId.toLowerCase()}\u0000${source}`;
  const positions = new Map<string, Position>(stored.map((p) => [key(p.ticketId, p.source), p]));
  const advanced = new Map<string, Position>();
  const patches = new Map<string, ViewPatch>();
  for (const event of events) {
    const newest: Newest = (part) => {
      const source = part ? `${event.source}:${part}` : event.source;
      const k = key(event.ticketId, source);
      const current = positions.get(k);
      if (current !== undefined && current.sequence >= event.sequence) return false;
      const position = { ticketId: event.ticketId, source, sequence: event.sequence };
      positions.set(k, position);
      advanced.set(k, position);
      return true;
    };
    const ticketKey = event.ticketId.toLowerCase();
    let patch = patches.get(ticketKey);
    if (!patch) patches.set(ticketKey, (patch = { ticketId: event.ticketId, reopenings: 0, overdue: false }));
    for (const change of event.changes(newest)) apply(patch, change);
  }
  return { patches: [...patches.values()], positions: [...advanced.values()] };
}

function apply(patch: ViewPatch, change: ViewChange): void {
  switch (change.kind) {
    case 'registration':
      patch.registration = change.ticket;
      return;
    case 'routing':
      patch.routedAt = change.routedAt;
      return;
    case 'priority':
      patch.priority = change.priority;
      return;
    case 'reclassification':
      patch.reclassification = { classification: change.classification, at: change.at };
      patch.priority = change.classification.priority;
      return;
    case 'service-level':
      patch.serviceLevel = change.level;
      return;
    case 'area':
      if (!patch.area || isBefore(patch.area.at, change.at)) patch.area = { area: change.area, at: change.at };
      return;
    case 'status':
      patch.status = change.status;
      return;
    case 'waiting':
      patch.waiting = change.waiting;
      return;
    case 'assignee':
      if (!patch.assignee || isBefore(patch.assignee.at, change.at)) {
        patch.assignee = { assignee: change.assignee, at: change.at };
      }
      return;
    case 'first-response':
      if (patch.firstResponseAt === undefined || isBefore(change.at, patch.firstResponseAt)) {
        patch.firstResponseAt = change.at;
      }
      return;
    case 'resolved':
      if (patch.resolvedAt === undefined || isBefore(patch.resolvedAt, change.at)) patch.resolvedAt = change.at;
      return;
    case 'closed':
      if (patch.closedAt === undefined || isBefore(patch.closedAt, change.at)) patch.closedAt = change.at;
      return;
    case 'reopening':
      patch.reopenings++;
      return;
    case 'overdue':
      patch.overdue = true;
      return;
    case 'satisfaction':
      if (!patch.satisfaction || isBefore(patch.satisfaction.at, change.survey.at)) patch.satisfaction = change.survey;
      return;
  }
}

/**
 * Whether instant `a` is strictly before `b`, to the microsecond as PostgreSQL keeps them (a Date stops at
 * the millisecond, and producers may send finer instants).
 */
export function isBefore(a: string, b: string): boolean {
  const [msA, microA] = instantKey(a);
  const [msB, microB] = instantKey(b);
  return msA < msB || (msA === msB && microA < microB);
}

/** Milliseconds since the epoch, and the microseconds past them. */
function instantKey(iso: string): [number, number] {
  const fraction = /T\d{2}:\d{2}:\d{2}\.(\d+)/.exec(iso)?.[1] ?? '';
  return [Date.parse(iso), Number(fraction.slice(3, 6).padEnd(3, '0'))];
}
