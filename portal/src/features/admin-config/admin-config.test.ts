import { describe, expect, it } from 'vitest';
import { describeMinutes } from './minutes';
import { parseRecipients } from './SchedulesPage';

describe('parseRecipients', () => {
  it('splits on commas, semicolons, spaces and lines, lower-cases and drops repeats', () => {
    expect(parseRecipients(' Ana@salud.gob, jefe@cau.gob;\nana@SALUD.gob  otro@x.gob ,')).toEqual([
      'ana@salud.gob',
      'jefe@cau.gob',
      'otro@x.gob',
    ]);
    expect(parseRecipients(' \n ')).toEqual([]);
  });
});

describe('describeMinutes', () => {
  it('reads business minutes as hours and minutes', () => {
    expect(describeMinutes(45, 'es')).toBe('45 min');
    expect(describeMinutes(120, 'es')).toBe('2 h');
    expect(describeMinutes(150, 'en')).toBe('2 h 30 min');
    expect(describeMinutes(2880, 'es')).toBe('48 h');
  });
});
