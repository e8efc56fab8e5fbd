import { getPriority } from 'node:os';
import { applyProcessPriority, BACKGROUND_NICE, processNice } from './process-priority.js';

describe('processNice', () => {
  it('lowers a service whose work is in the background, and leaves the others as started', () => {
    expect(processNice(true, {})).toBe(BACKGROUND_NICE);
    expect(processNice(false, {})).toBeNull();
    expect(processNice(false, { CAU_NICE: ' ' })).toBeNull();
  });

  it('takes CAU_NICE for any service, from -20 to 19', () => {
    expect(processNice(true, { CAU_NICE: '0' })).toBe(0);
    expect(processNice(false, { CAU_NICE: '-5' })).toBe(-5);
    expect(processNice(false, { CAU_NICE: '19' })).toBe(19);
  });

  it.each(['20', '-21', '5.5', 'bajo', '10abc'])('refuses CAU_NICE=%s, naming the variable', (value) => {
    expect(() => processNice(true, { CAU_NICE: value })).toThrow(`CAU_NICE must be an integer from -20 to 19`);
  });
});

describe('applyProcessPriority', () => {
  it('sets the nice value of the process', () => {
    const set: number[] = [];
    expect(
      applyProcessPriority(
        true,
        {},
        () => undefined,
        (nice) => set.push(nice),
      ),
    ).toBe(BACKGROUND_NICE);
    expect(set).toEqual([BACKGROUND_NICE]);
  });

  it('reports a priority it may not take and goes on', () => {
    const warnings: string[] = [];
    const refused = applyProcessPriority(
      false,
      { CAU_NICE: '-10' },
      (message) => warnings.push(message),
      () => {
        throw new Error('EACCES: permission denied');
      },
    );
    expect(refused).toBeNull();
    expect(warnings).toEqual(['could not set the CPU priority to nice -10: EACCES: permission denied']);
  });

  it('changes nothing for a service whose work is not in the background, when CAU_NICE is unset', () => {
    const before = getPriority();
    expect(applyProcessPriority(false, {}, () => undefined)).toBeNull();
    expect(getPriority()).toBe(before);
  });
});
