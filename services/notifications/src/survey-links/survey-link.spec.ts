import { createHmac } from 'node:crypto';
import { SURVEY_LINK_AUDIENCE, requesterDigest } from '@cau/contracts';
import { signSurveyLink, surveyLinkUrl } from './survey-link.js';

const settings = { secret: 'survey-secret-survey-secret-0123456789', ttlSeconds: 3_600 };
const facts = {
  ticketId: '00000000-0000-4000-8000-000000000042',
  number: 42,
  requesterEmail: 'Ana.Perez@Salud.gob ',
  eventId: '00000000-0000-4000-8000-0000000000ee',
  closedAt: '2025-03-10T13:00:00.000Z',
};

describe('survey links', () => {
  it('signs an HS256 JWT naming the ticket and a digest of its requester, valid for the configured time', () => {
    const token = signSurveyLink(settings, facts);
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const iat = Date.parse(facts.closedAt) / 1000;
    expect(claims).toEqual({
      iss: 'cau:notifications',
      aud: SURVEY_LINK_AUDIENCE,
      sub: facts.ticketId,
      num: 42,
      req: requesterDigest('ana.perez@salud.gob'),
      jti: facts.eventId,
      iat,
      exp: iat + 3_600,
    });
    expect(JSON.stringify(claims)).not.toContain('salud.gob');
    expect(signature).toBe(createHmac('sha256', settings.secret).update(`${header}.${payload}`).digest('base64url'));
  });

  it('gives the same token for the same closure, so a mail rendered again links the same way', () => {
    expect(signSurveyLink(settings, facts)).toBe(signSurveyLink(settings, facts));
  });

  it('puts the token in the portal page of the ticket’s survey', () => {
    expect(surveyLinkUrl('https://cau.gob', 42, 'a.b-c_d')).toBe('https://cau.gob/tickets/42/encuesta?token=a.b-c_d');
  });
});
