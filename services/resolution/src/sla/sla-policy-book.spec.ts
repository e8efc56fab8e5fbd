import { SlaPolicyBook } from './sla-policy-book.js';

const general = [
  { priority: 'ALTA' as const, responseMinutes: 30, resolutionMinutes: 240 },
  { priority: 'MEDIA' as const, responseMinutes: 120, resolutionMinutes: 960 },
];
const book = SlaPolicyBook.build(general, [
  { scope: 'jurisdiction', code: 'SALUD', priority: 'ALTA', responseMinutes: 15, resolutionMinutes: 120 },
  { scope: 'service', code: 'sistema-de-turnos', priority: 'ALTA', responseMinutes: 10, resolutionMinutes: 60 },
  { scope: 'service', code: 'sistema-de-turnos', priority: 'MEDIA', responseMinutes: 60, resolutionMinutes: 480 },
]);

describe('SlaPolicyBook: the most specific agreement wins, priority by priority', () => {
  it('takes the general policy when nothing more specific applies', () => {
    expect(book.policyFor({ priority: 'ALTA', jurisdiction: 'EDUCACION', service: null })?.responseMinutes).toBe(30);
  });

  it('takes the jurisdiction’s targets over the general ones', () => {
    expect(book.policyFor({ priority: 'ALTA', jurisdiction: 'SALUD', service: null })?.responseMinutes).toBe(15);
  });

  it('takes the service’s targets over the jurisdiction’s', () => {
    const policy = book.policyFor({ priority: 'ALTA', jurisdiction: 'SALUD', service: 'sistema-de-turnos' });
    expect(policy?.responseMinutes).toBe(10);
  });

  it('falls back per priority: SALUD’s MEDIA tickets keep the general MEDIA targets', () => {
    expect(book.policyFor({ priority: 'MEDIA', jurisdiction: 'SALUD', service: null })?.resolutionMinutes).toBe(960);
  });

  it('has no policy without a priority, or for a priority with no policy at all', () => {
    expect(book.policyFor({ priority: null, jurisdiction: 'SALUD', service: 'sistema-de-turnos' })).toBeUndefined();
    expect(book.policyFor({ priority: 'BAJA', jurisdiction: 'SALUD', service: null })).toBeUndefined();
  });
});
