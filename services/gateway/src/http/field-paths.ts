import { ServiceError } from '@cau/messaging';

/**
 * Services re-validate the whole command, so their field paths start at the command
 * (`payload.requester.email`). The client sent only what sits under `prefix`: name its fields as sent.
 */
export function rethrowRelativeTo(error: unknown, prefix: string): never {
  if (!(error instanceof ServiceError) || !error.payload.fields) throw error;
  const start = `${prefix}.`;
  throw new ServiceError({
    ...error.payload,
    fields: error.payload.fields.map((f) =>
      f.field.startsWith(start) ? { ...f, field: f.field.slice(start.length) } : f,
    ),
  });
}
