import { ValidateBy, type ValidationOptions } from 'class-validator';
import { dictionary } from '@zxcvbn-ts/language-common';
import { PASSWORD_MIN_LENGTH } from './account-rules.js';

/**
 * The passwords people pick most often (zxcvbn-ts' list of ~49,000 from breach corpora), lower-cased.
 * Only those long enough to pass the length rule need to be kept. Length and this list are the whole
 * policy: no required digits or symbols, which push people to `Password1!`-shaped choices.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  dictionary['passwords-common']
    .map((password) => password.toLowerCase())
    .filter((password) => password.length >= PASSWORD_MIN_LENGTH),
);

/** Case does not make a listed password safe: `QwertyUiop` is guessed as soon as `qwertyuiop`. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}

/** Refuses a password of the common list with the field constraint `commonPassword`. */
export function NotCommonPassword(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'commonPassword',
      validator: { validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value) },
    },
    options,
  );
}
