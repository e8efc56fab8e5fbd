import { describe, expect, it } from 'vitest';
import { changedTargets, draftsOf, minutesOf, type StepTarget } from './step-times-api';

const stored: StepTarget[] = [
  { step: '02', minutes: 180, defaultMinutes: 180, measured: true },
  { step: '08b', minutes: null, defaultMinutes: null, measured: true },
];

describe('targets per step: the form’s drafts', () => {
  it('reads empty as no target, whole minutes in range as themselves, anything else as invalid', () => {
    expect(minutesOf('')).toBeNull();
    expect(minutesOf(' 45 ')).toBe(45);
    expect(minutesOf('0')).toBeUndefined();
    expect(minutesOf('86401')).toBeUndefined();
    expect(minutesOf('1.5')).toBeUndefined();
    expect(minutesOf('diez')).toBeUndefined();
  });

  it('sends only the steps that changed, and nothing while a draft is invalid', () => {
    const drafts = draftsOf(stored);
    expect(drafts).toEqual({ '02': '180', '08b': '' });
    expect(changedTargets(stored, drafts)).toEqual([]);
    expect(changedTargets(stored, { '02': '', '08b': '120' })).toEqual([
      { step: '02', minutes: null },
      { step: '08b', minutes: 120 },
    ]);
    expect(changedTargets(stored, { '02': 'x', '08b': '120' })).toBeNull();
  });
});
