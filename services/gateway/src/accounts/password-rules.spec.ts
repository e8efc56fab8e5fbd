import { isCommonPassword } from './password-rules.js';

describe('isCommonPassword', () => {
  it('finds the long passwords people pick most, whatever their case', () => {
    expect(isCommonPassword('qwertyuiop')).toBe(true);
    expect(isCommonPassword('1234567890')).toBe(true);
    expect(isCommonPassword('Password123')).toBe(true);
  });

  it('lets through what is not on the list', () => {
    expect(isCommonPassword('clave-de-prueba-1')).toBe(false);
    expect(isCommonPassword('caballo correcto batería grapa')).toBe(false);
  });
});
