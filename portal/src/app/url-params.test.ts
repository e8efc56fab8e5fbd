import { describe, expect, it } from 'vitest';
import {
  isUuid,
  optionalLocalPath,
  optionalOneOf,
  optionalPositiveInteger,
  optionalText,
  positiveIntegerParam,
} from './url-params';

describe('URL parameters', () => {
  it('keeps only local paths to return to after signing in', () => {
    expect(optionalLocalPath('/tickets/42/encuesta?token=x')).toBe('/tickets/42/encuesta?token=x');
    expect(optionalLocalPath('//evil.example/')).toBeUndefined();
    expect(optionalLocalPath('/\\evil.example')).toBeUndefined();
    expect(optionalLocalPath('https://evil.example')).toBeUndefined();
    expect(optionalLocalPath(42)).toBeUndefined();
  });

  it('reads ticket numbers strictly', () => {
    expect(positiveIntegerParam('42')).toBe(42);
    for (const bad of ['0', '-1', '1e3', '4.2', '042', ' 42', '99999999999', '2147483648', 'abc', undefined]) {
      expect(positiveIntegerParam(bad)).toBeNull();
    }
  });

  it('drops malformed filters instead of failing the page', () => {
    expect(optionalOneOf(['abierto', 'cerrado'], 'cerrado')).toBe('cerrado');
    expect(optionalOneOf(['abierto', 'cerrado'], 'borrado')).toBeUndefined();
    expect(optionalText('impresora', 200)).toBe('impresora');
    expect(optionalText('x'.repeat(201), 200)).toBeUndefined();
    expect(optionalPositiveInteger(17)).toBe(17);
    expect(optionalPositiveInteger('17')).toBe(17);
    expect(optionalPositiveInteger(-3)).toBeUndefined();
    expect(optionalPositiveInteger(1.5)).toBeUndefined();
  });

  it('recognises article ids', () => {
    expect(isUuid('0b0e5bd4-7f49-4e0b-8f39-1d1a2b3c4d5e')).toBe(true);
    expect(isUuid('../etc/passwd')).toBe(false);
  });
});
