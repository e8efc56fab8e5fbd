import { isTimeZone } from './business-time.js';

/** Settings of the reports, read from the environment at boot so a bad value stops the start. */
export class ReportingSettings {
  constructor(
    /** Zone of the business calendar and of the periods' local days (`CAU_TIME_ZONE`). */
    readonly timeZone: string,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): ReportingSettings {
    const timeZone = env.CAU_TIME_ZONE?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isTimeZone(timeZone)) {
      throw new Error(
        `CAU_TIME_ZONE must be an IANA time zone such as America/Argentina/Buenos_Aires, got "${timeZone}"`,
      );
    }
    return new ReportingSettings(timeZone);
  }
}
