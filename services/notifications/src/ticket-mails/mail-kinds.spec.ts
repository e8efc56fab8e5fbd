import { MAIL_KINDS } from '@cau/contracts';
import { SAMPLE_TICKET, describePlaceholders } from '../templates/placeholders.js';
import { renderTemplate } from '../templates/template-language.js';
import { MAIL_KIND_ENTRIES } from './ticket-mail-plans.js';

const spanish = { language: 'es', timeZone: 'UTC' } as const;
const english = { language: 'en', timeZone: 'UTC' } as const;

describe('mail kinds administrators can write templates for', () => {
  it('are exactly the kinds of the contract', () => {
    expect([...MAIL_KIND_ENTRIES.keys()].sort()).toEqual([...MAIL_KINDS].sort());
  });

  it.each([...MAIL_KIND_ENTRIES.values()].map((entry) => [entry.kind, entry] as const))(
    '%s: every placeholder is described and has a value, and the sample renders in both languages',
    (_kind, entry) => {
      expect(describePlaceholders(entry.placeholders).map((p) => p.name)).toEqual(entry.placeholders);
      for (const locale of [spanish, english]) {
        const { values, builtIn } = entry.sample(SAMPLE_TICKET, 'https://cau.example', locale);
        expect(Object.keys(values)).toEqual(entry.placeholders);
        expect(builtIn.subject.startsWith('[CAU #1234] ')).toBe(true);
        const template = {
          subject: '[CAU #{{number}}] x',
          text: entry.placeholders.map((name) => `${name}={{${name}}}`).join('\n'),
          html: 'x',
        };
        // A follower's own request is the one value empty in the sample: it is a closure to the requester.
        expect(renderTemplate(template, { ...values, ownTicket: '1200' }).text).not.toMatch(/=$/m);
      }
    },
  );

  it('gives localized values for the review and the SLA mails', () => {
    const review = MAIL_KIND_ENTRIES.get('review-requested')!;
    expect(review.sample(SAMPLE_TICKET, 'https://x', spanish).values.verifiedWithRequester).toBe('Sí');
    expect(review.sample(SAMPLE_TICKET, 'https://x', english).values.verifiedWithRequester).toBe('Yes');
    const sla = MAIL_KIND_ENTRIES.get('sla-breached')!;
    expect(sla.sample(SAMPLE_TICKET, 'https://x', spanish).values.target).toBe('resolución');
    expect(sla.sample(SAMPLE_TICKET, 'https://x', spanish).values.dueAt).toBe(
      '24 de noviembre de 2025 a las 15:00 UTC',
    );
  });
});
