import { positiveInt } from '@cau/messaging';

/** Settings of the live event stream (`GET /api/v1/events/stream`), read once at boot. */
export class LiveConfig {
  constructor(
    /** LIVE_STREAMS_PER_ACCOUNT: open streams one account may hold on one gateway instance (tabs). */
    readonly streamsPerAccount: number,
    /** LIVE_HEARTBEAT_SECONDS: a comment line this often keeps proxies and browsers from closing an idle stream. */
    readonly heartbeatMs: number,
    /** LIVE_MAX_REPLAY_EVENTS: a reconnection further behind than this is told to refetch instead. */
    readonly maxReplayEvents: number,
    /** LIVE_RECHECK_SECONDS: how often an open stream checks its session or token is still good. */
    readonly recheckMs: number,
  ) {}
}

export function liveConfigFromEnv(env: NodeJS.ProcessEnv): LiveConfig {
  return new LiveConfig(
    positiveInt(env.LIVE_STREAMS_PER_ACCOUNT, 5, 'LIVE_STREAMS_PER_ACCOUNT'),
    positiveInt(env.LIVE_HEARTBEAT_SECONDS, 15, 'LIVE_HEARTBEAT_SECONDS') * 1000,
    positiveInt(env.LIVE_MAX_REPLAY_EVENTS, 10_000, 'LIVE_MAX_REPLAY_EVENTS'),
    positiveInt(env.LIVE_RECHECK_SECONDS, 60, 'LIVE_RECHECK_SECONDS') * 1000,
  );
}
