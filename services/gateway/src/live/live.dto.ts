import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** Sequence numbers of the event stream are positive integers well within JavaScript's safe range. */
export const MAX_EVENT_ID = Number.MAX_SAFE_INTEGER;

/** `GET /events/stream` query string: `lastEventId` for clients that cannot set the Last-Event-ID header. */
export class LiveStreamParams {
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_EVENT_ID)
  lastEventId?: number;
}
