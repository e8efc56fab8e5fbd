import type { FormEvent } from 'react';

/** react-hook-form's submit handler returns a promise that React ignores; say so instead of leaving it floating. */
export const onSubmitOf =
  (handler: (event: FormEvent) => Promise<void>) =>
  (event: FormEvent): void => {
    void handler(event);
  };

/** A field a refusal names, as the API sent it. */
export interface ServerFieldError {
  field: string;
  message: string;
}

const quoted = (name: string) => new RegExp(`([«'"])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}([»'"])`, 'g');

/**
 * The gateway names a refused field by its API name («to», 'to'); a person knows the field by its label
 * ("Hasta"). `labels` gives the form's label per API field; each quoted API name in the message becomes the
 * label (other words are left as they are), and `name` is the form field the error belongs under
 * (`formFieldOf` maps the API's path, e.g. `filters.to`, to it).
 */
export function labelServerField(
  error: ServerFieldError,
  labels: Readonly<Record<string, string>>,
  formFieldOf: (field: string) => string = (field) => field,
): ServerFieldError & { name: string } {
  let message = error.message;
  for (const [api, label] of Object.entries(labels)) message = message.replace(quoted(api), `$1${label}$2`);
  return { field: error.field, name: formFieldOf(error.field), message };
}

/** Every field of a refusal with its label, plus the refusal's own message the same way. */
export function labelServerFields(
  refusal: { message: string; fields: readonly ServerFieldError[] },
  labels: Readonly<Record<string, string>>,
  formFieldOf?: (field: string) => string,
): { message: string; fields: Array<ServerFieldError & { name: string }> } {
  return {
    message: labelServerField({ field: '', message: refusal.message }, labels).message,
    fields: refusal.fields.map((field) => labelServerField(field, labels, formFieldOf)),
  };
}
