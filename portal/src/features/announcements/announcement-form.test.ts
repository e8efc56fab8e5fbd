import { describe, expect, it } from 'vitest';
import {
  announcementSchema,
  announcementStatus,
  defaultValues,
  fromLocalInput,
  toInput,
  toLocalInput,
  toNewAnnouncement,
} from './announcement-form';

const values = {
  ...defaultValues(null, new Date('2026-12-05T12:00:00Z')),
  title: ' Corte ',
  body: 'Texto',
};

describe('announcement form', () => {
  it('round-trips local date-time values', () => {
    const iso = '2026-12-05T13:45:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
  });

  it('sends jurisdictions only for them, no end when empty, and sendMail only when new', () => {
    expect(toInput(values)).toEqual({
      kind: 'bulletin',
      title: 'Corte',
      body: 'Texto',
      language: 'es',
      audience: 'everyone',
      validFrom: fromLocalInput(values.validFrom),
    });
    const forSalud = { ...values, audience: 'jurisdictions' as const, jurisdictions: ['SALUD'], sendMail: true };
    expect(toNewAnnouncement(forSalud)).toMatchObject({ jurisdictions: ['SALUD'], sendMail: true });
    expect('sendMail' in toInput(forSalud)).toBe(false);
  });

  it('asks for a jurisdiction and an end after the start', () => {
    const result = announcementSchema.safeParse({
      ...values,
      audience: 'jurisdictions',
      validUntil: values.validFrom,
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['jurisdictions', 'validUntil']);
  });

  it('tells scheduled, active and expired apart', () => {
    const now = new Date('2026-12-05T12:00:00Z');
    expect(announcementStatus({ validFrom: '2026-12-06T00:00:00Z', validUntil: null }, now)).toBe('scheduled');
    expect(announcementStatus({ validFrom: '2026-12-05T00:00:00Z', validUntil: null }, now)).toBe('active');
    expect(announcementStatus({ validFrom: '2026-12-01T00:00:00Z', validUntil: '2026-12-05T12:00:00Z' }, now)).toBe(
      'expired',
    );
  });
});
