import { describe, expect, it } from 'vitest';
import { newRequesterFrom } from './RequesterFinder';

describe('newRequesterFrom', () => {
  it('puts an e-mail in the e-mail field', () => {
    expect(newRequesterFrom(' juan.gomez@salud.gob.ar ')).toEqual({
      name: '',
      email: 'juan.gomez@salud.gob.ar',
      phone: '',
    });
  });

  it('puts a number in the phone field', () => {
    expect(newRequesterFrom('+54 2954 45-1234')).toEqual({ name: '', email: '', phone: '+54 2954 45-1234' });
  });

  it('takes anything else as the name', () => {
    expect(newRequesterFrom('Juan Gómez')).toEqual({ name: 'Juan Gómez', email: '', phone: '' });
  });
});
