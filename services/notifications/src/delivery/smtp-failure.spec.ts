import { classifySmtpFailure, retryDelayMs } from './smtp-failure.js';

const smtpError = (fields: { message?: string } & Record<string, unknown>): Error =>
  Object.assign(new Error(fields.message ?? 'failed'), fields);

describe('SMTP failure classification', () => {
  it.each([
    ['550 at DATA', { code: 'EMESSAGE', responseCode: 550, command: 'DATA' }],
    ['553 at RCPT TO', { code: 'EENVELOPE', responseCode: 553, command: 'RCPT TO' }],
    ['552 message too big', { code: 'EMESSAGE', responseCode: 552, command: 'DATA' }],
    ['an address nodemailer refuses', { code: 'EENVELOPE', message: 'Invalid recipient "x"', command: 'API' }],
  ])('treats %s as permanent', (_name, fields) => {
    expect(classifySmtpFailure(smtpError(fields)).permanent).toBe(true);
  });

  it.each([
    ['451 at DATA', { code: 'EMESSAGE', responseCode: 451, command: 'DATA' }],
    ['450 mailbox busy', { code: 'EENVELOPE', responseCode: 450, command: 'RCPT TO' }],
    ['421 service closing', { code: 'EENVELOPE', responseCode: 421, command: 'RCPT TO' }],
    ['503 bad sequence', { code: 'EMESSAGE', responseCode: 503, command: 'DATA' }],
    ['connection refused', { code: 'ESOCKET', originalCode: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }],
    ['a timeout', { code: 'ETIMEDOUT', message: 'Greeting never received' }],
    ['refused credentials', { code: 'EAUTH', responseCode: 535, command: 'AUTH PLAIN' }],
    ['refused sender', { code: 'EENVELOPE', responseCode: 553, command: 'MAIL FROM' }],
    ['anything unknown', { message: 'boom' }],
  ])('retries %s', (_name, fields) => {
    expect(classifySmtpFailure(smtpError(fields)).permanent).toBe(false);
  });

  it('describes the failure with its code and bounds the text', () => {
    expect(classifySmtpFailure(smtpError({ code: 'EMESSAGE', message: '550 no such user' })).description).toBe(
      'EMESSAGE: 550 no such user',
    );
    expect(classifySmtpFailure(new Error('x'.repeat(5_000))).description.length).toBe(1_000);
    expect(classifySmtpFailure('plain string').description).toBe('plain string');
  });
});

describe('retry back-off', () => {
  const policy = { baseMs: 1_000, maxMs: 60_000 };

  it('doubles from the base and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(attempt, policy))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000,
    ]);
  });

  it('stays finite for very many attempts', () => {
    expect(retryDelayMs(10_000, policy)).toBe(60_000);
  });
});
