import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * Like `@IsNotEmpty()`, but text of spaces only counts as empty too: a title or a name of blanks is
 * trimmed to nothing further on, and was stored empty or refused with a 500. Reported under the same
 * constraint name, so the message stays "no puede estar vacío".
 */
export function NotBlank(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotEmpty',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' ? value.trim() !== '' : value !== '' && value !== null && value !== undefined,
      },
    },
    options,
  );
}
