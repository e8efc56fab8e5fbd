import { CUSTODY_SIGNATURE_MODES, type CustodySignatureMode } from '@cau/contracts';

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** How this office runs custody documents; read once at start, a bad value stops it naming the variable. */
export class CustodySettings {
  constructor(
    /** `CUSTODY_SIGNATURE`: whether accepting asks for a drawn signature (default optional). */
    readonly signature: CustodySignatureMode,
    /** `CAU_TIME_ZONE`: the office's calendar, for the dates the document prints. */
    readonly timeZone: string,
  ) {}

  static fromEnv(env: NodeJS.ProcessEnv): CustodySettings {
    const signature = env.CUSTODY_SIGNATURE?.trim() || 'optional';
    if (!(CUSTODY_SIGNATURE_MODES as readonly string[]).includes(signature)) {
      throw new Error(`CUSTODY_SIGNATURE must be one of ${CUSTODY_SIGNATURE_MODES.join(', ')}, got "${signature}"`);
    }
    const timeZone = env.CAU_TIME_ZONE?.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!isTimeZone(timeZone)) {
      throw new Error(
        `CAU_TIME_ZONE must be an IANA time zone such as America/Argentina/Buenos_Aires, got "${timeZone}"`,
      );
    }
    return new CustodySettings(signature as CustodySignatureMode, timeZone);
  }
}
