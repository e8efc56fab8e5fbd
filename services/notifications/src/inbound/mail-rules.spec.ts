import {
  fitText,
  headerBlockOf,
  replyText,
  ignoreReason,
  messageKey,
  parseHeaderLines,
  referencedMessageIds,
  ticketNumberInSubject,
} from './mail-rules.js';

const own = { addresses: ['cau@cau.gob'], messageIdDomain: 'cau.gob' };
const headersOf = (text: string) => parseHeaderLines(text);

describe('ignoreReason', () => {
  it('lets a person’s mail through', () => {
    expect(ignoreReason(headersOf('From: ana@salud.gob\nSubject: hola'), 'ana@salud.gob', own)).toBeNull();
    expect(ignoreReason(headersOf('Auto-Submitted: no'), 'ana@salud.gob', own)).toBeNull();
    expect(ignoreReason(headersOf('Precedence: first-class'), 'ana@salud.gob', own)).toBeNull();
  });

  it.each([
    ['Auto-Submitted: auto-replied', 'auto-submitted: auto-replied'],
    ['Auto-Submitted: Auto-Generated; owner-email="x@y"', 'auto-submitted: auto-generated; owner-email="x@y"'],
    ['Precedence: bulk', 'precedence: bulk'],
    ['Precedence: JUNK', 'precedence: junk'],
    ['Precedence: list', 'precedence: list'],
    ['X-Autoreply: yes', 'x-autoreply present'],
    ['X-Autorespond: vacation', 'x-autorespond present'],
    [
      'Message-ID: <ticket-registered.0b7e4a8c-3f2d-4e6a-9c1b-2d3e4f5a6b7c.0123456789ab@CAU.gob>',
      'message id of our own mail',
    ],
  ])('ignores %p', (header, reason) => {
    expect(ignoreReason(headersOf(header), 'ana@salud.gob', own)).toBe(reason);
  });

  it('does not take a colleague’s mail for ours because their server uses our domain', () => {
    expect(ignoreReason(headersOf('Message-ID: <CAF1234abc@cau.gob>'), 'ana@cau.gob', own)).toBeNull();
  });

  it('ignores our own address coming back, whatever its case', () => {
    expect(ignoreReason(headersOf('Subject: x'), 'CAU@cau.gob', own)).toBe('sent by our own address');
  });
});

describe('ticketNumberInSubject', () => {
  it.each([
    ['Re: [CAU #1234] Registramos su pedido', 1234],
    ['RV: RE: [cau#7] x', 7],
    ['[CAU # 42]', 42],
    ['Sin etiqueta', null],
    ['[CAU #0]', null],
    ['[CAU #abc]', null],
    [undefined, null],
  ])('%p → %p', (subject, number) => {
    expect(ticketNumberInSubject(subject)).toBe(number);
  });
});

describe('referencedMessageIds', () => {
  it('puts In-Reply-To first, then References newest first, without repeats', () => {
    const headers = headersOf('In-Reply-To: <b@x>\nReferences: <a@x>\n <b@x> <c@x>');
    expect(referencedMessageIds(headers)).toEqual(['<b@x>', '<c@x>', '<a@x>']);
  });

  it('finds none in a new mail or in garbage', () => {
    expect(referencedMessageIds(headersOf('Subject: nuevo'))).toEqual([]);
    expect(referencedMessageIds(headersOf('In-Reply-To: not an id'))).toEqual([]);
  });
});

describe('messageKey', () => {
  it('is the Message-ID, lower case, when there is one', () => {
    expect(messageKey(Buffer.from('Message-ID: <Abc@Mail.Salud.gob>\r\nSubject: x\r\n\r\nbody'))).toBe(
      'mid:<abc@mail.salud.gob>',
    );
  });

  it('hashes the headers when there is none, ignoring what relays add and the body', () => {
    const a = messageKey(Buffer.from('Received: from a\r\nFrom: ana@salud.gob\r\nSubject: x\r\n\r\nuno'));
    const b = messageKey(Buffer.from('Received: from b\r\nFrom: ana@salud.gob\r\nSubject: x\r\n\r\ndos'));
    const c = messageKey(Buffer.from('From: ana@salud.gob\r\nSubject: y\r\n\r\nuno'));
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('never throws on bytes that are not a mail', () => {
    expect(messageKey(Buffer.from([0xff, 0xfe, 0x00, 0x0a]))).toMatch(/^sha256:/);
    expect(headerBlockOf(Buffer.alloc(0))).toBe('');
  });
});

describe('replyText', () => {
  it('drops the quoted mail under a reply', () => {
    const text =
      'Sigue sin imprimir.\n\nEl lun, 10 mar 2025 a las 10:00, CAU <cau@cau.gob> escribió:\n> Registramos su pedido\n';
    expect(replyText(text)).toBe('Sigue sin imprimir.');
    expect(replyText('Still broken\n-----Original Message-----\nFrom: CAU')).toBe('Still broken');
    expect(replyText('Gracias\n> cita\nFirma')).toBe('Gracias\nFirma');
  });

  it('keeps the whole text when it is all quote', () => {
    expect(replyText('> solo cita')).toBe('> solo cita');
  });
});

describe('fitText', () => {
  it('cuts long text and marks the cut', () => {
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('abc', 4)).toBe('abc');
  });
});
