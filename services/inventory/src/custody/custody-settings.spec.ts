import { CustodySettings } from './custody-settings.js';

describe('custody settings', () => {
  it('asks for an optional signature by default and stops the start naming a bad variable', () => {
    expect(CustodySettings.fromEnv({ CAU_TIME_ZONE: 'America/Argentina/Buenos_Aires' })).toEqual(
      new CustodySettings('optional', 'America/Argentina/Buenos_Aires'),
    );
    expect(CustodySettings.fromEnv({ CUSTODY_SIGNATURE: 'required', CAU_TIME_ZONE: 'UTC' }).signature).toBe('required');
    expect(CustodySettings.fromEnv({ CUSTODY_SIGNATURE: 'off', CAU_TIME_ZONE: 'UTC' }).signature).toBe('off');
    expect(() => CustodySettings.fromEnv({ CUSTODY_SIGNATURE: 'siempre' })).toThrow(/CUSTODY_SIGNATURE/);
    expect(() => CustodySettings.fromEnv({ CAU_TIME_ZONE: 'Marte/Olympus' })).toThrow(/CAU_TIME_ZONE/);
  });
});
