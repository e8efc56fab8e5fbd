import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';

/** Files go to the gateway's store first (staged, owned by this account); the ticket or reply then names them. */
export async function uploadFiles(files: File[]) {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return unwrap(
    api.POST('/api/v1/attachments', {
      // The generated type describes the multipart fields; the browser builds the body and its boundary.
      body: form as never,
      bodySerializer: (body: unknown) => body as FormData,
    }),
  );
}

export const ticketAttachmentsQuery = (number: number) =>
  queryOptions({
    queryKey: ['tickets', 'attachments', number],
    queryFn: () => unwrap(api.GET('/api/v1/tickets/{number}/attachments', { params: { path: { number } } })),
  });
