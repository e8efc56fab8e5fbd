import { ResolutionSettings, servedAreasFromEnv, servesEveryAreaFromEnv } from './resolution-settings.js';

describe('served areas', () => {
  it('serves every default area when none is configured', () => {
    expect(servedAreasFromEnv({})).toEqual(['L1', 'UIT', 'UPAT', 'ACGII', 'ADT']);
    expect(servedAreasFromEnv({ CAU_AREAS: ' ' })).toEqual(['L1', 'UIT', 'UPAT', 'ACGII', 'ADT']);
  });

  it('serves the areas added later too only when no area list is configured', () => {
    expect([{}, { CAU_AREAS: ' ' }, { CAU_AREAS: 'L1' }, { CAU_AREA: 'UIT' }].map(servesEveryAreaFromEnv)).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('reads CAU_AREAS (a list) or CAU_AREA (one)', () => {
    expect(servedAreasFromEnv({ CAU_AREAS: 'UIT, UPAT,UIT' })).toEqual(['UIT', 'UPAT']);
    expect(servedAreasFromEnv({ CAU_AREA: 'DIR_SISTEMAS' })).toEqual(['DIR_SISTEMAS']);
  });

  it('refuses invalid codes and ambiguous configuration with a clear message', () => {
    expect(() => servedAreasFromEnv({ CAU_AREAS: 'UIT,uit,,L-1' })).toThrow(
      'CAU_AREAS must list area codes (upper-case letters, digits and _, starting with a letter), got "uit", "", "L-1"',
    );
    expect(() => servedAreasFromEnv({ CAU_AREA: 'UIT.L1' })).toThrow('CAU_AREA must list area codes');
    expect(() => servedAreasFromEnv({ CAU_AREAS: 'UIT', CAU_AREA: 'L1' })).toThrow(
      'set CAU_AREAS or CAU_AREA, not both',
    );
  });
});

describe('resolution settings', () => {
  it('has defaults', () => {
    const settings = ResolutionSettings.fromEnv({});
    expect(settings.timeZone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(settings.reopenWindowDays).toBe(10);
    expect(settings.slaSweepIntervalMs).toBe(30_000);
  });

  it('reads and checks each variable', () => {
    const settings = ResolutionSettings.fromEnv({
      CAU_TIME_ZONE: 'America/Argentina/Buenos_Aires',
      RESOLUTION_REOPEN_WINDOW_DAYS: '5',
      SLA_SWEEP_INTERVAL_MS: '1000',
    });
    expect(settings).toEqual(new ResolutionSettings('America/Argentina/Buenos_Aires', 5, 1_000));
    expect(() => ResolutionSettings.fromEnv({ CAU_TIME_ZONE: 'La_Pampa' })).toThrow(
      'CAU_TIME_ZONE must be an IANA time zone',
    );
    expect(() => ResolutionSettings.fromEnv({ RESOLUTION_REOPEN_WINDOW_DAYS: '0' })).toThrow(
      'RESOLUTION_REOPEN_WINDOW_DAYS must be a positive integer',
    );
  });
});
