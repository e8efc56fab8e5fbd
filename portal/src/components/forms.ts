import type { FormEvent } from 'react';

/** react-hook-form's submit handler returns a promise that React ignores; say so instead of leaving it floating. */
export const onSubmitOf =
  (handler: (event: FormEvent) => Promise<void>) =>
  (event: FormEvent): void => {
    void handler(event);
  };
