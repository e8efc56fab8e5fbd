import { Role, type ActorV1 } from '@cau/contracts';
import { mayWriteAnswersOf, unknownPlaceholders } from './canned-answer-rules.js';

const actor = (role: ActorV1['role'], area?: string): ActorV1 => ({
  accountId: 'a',
  role,
  email: 'a@cau.gob',
  name: 'A',
  ...(area ? { area } : {}),
});

describe('unknownPlaceholders', () => {
  it('accepts the ticket facts a canned answer can name, with or without spaces inside the braces', () => {
    expect(unknownPlaceholders('Hola {{solicitante}}, el ticket {{ numero }} ({{titulo}}) sigue en {{area}}.')).toEqual(
      [],
    );
    expect(unknownPlaceholders('Sin marcadores { ni llaves sueltas }')).toEqual([]);
  });

  it('names each placeholder no ticket can fill, once, in order', () => {
    expect(unknownPlaceholders('{{nombre}} {{numero}} {{password}} {{nombre}} {{}}')).toEqual([
      'nombre',
      'password',
      '',
    ]);
  });
});

describe('mayWriteAnswersOf', () => {
  it('lets an area write its own answers and supervisors and administrators any', () => {
    expect(mayWriteAnswersOf(actor(Role.Agent, 'UIT'), 'UIT')).toBe(true);
    expect(mayWriteAnswersOf(actor(Role.Operator, 'L1'), 'L1')).toBe(true);
    expect(mayWriteAnswersOf(actor(Role.Agent, 'UIT'), 'UPAT')).toBe(false);
    expect(mayWriteAnswersOf(actor(Role.Supervisor), 'UPAT')).toBe(true);
    expect(mayWriteAnswersOf(actor(Role.Admin), 'ADT')).toBe(true);
    expect(mayWriteAnswersOf(actor(Role.Requester), 'UIT')).toBe(false);
  });
});
