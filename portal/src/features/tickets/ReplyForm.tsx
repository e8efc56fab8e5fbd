import { Alert, Button, Card, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import { api, ApiError, unwrap } from '../../api/client';
import { FilePicker } from './attachments/FilePicker';
import { uploadFiles } from './attachments/attachments-api';
import { showTicketAfterAction } from './tickets-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const replySchema = z.object({
  text: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
});

/** A reply on the ticket (the requester-comment path: the area that has it is mailed), with files. */
export function ReplyForm({ number }: { number: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<File[]>([]);
  const form = useForm<z.infer<typeof replySchema>>({
    resolver: zodResolver(replySchema),
    defaultValues: { text: '' },
  });

  const reply = useMutation({
    mutationFn: async ({ text }: { text: string }) => {
      const attachmentIds = files.length > 0 ? (await uploadFiles(files)).map((file) => file.id) : undefined;
      return unwrap(
        api.POST('/api/v1/tickets/{number}/comments', {
          params: { path: { number } },
          body: { text, commentId: crypto.randomUUID(), ...(attachmentIds ? { attachmentIds } : {}) },
        }),
      );
    },
    onSuccess: async (state) => {
      form.reset();
      setFiles([]);
      notifications.show({ color: 'green', message: t('ticket.replySent') });
      await showTicketAfterAction(queryClient, state);
    },
  });

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reply-title">
      <Title order={2} size="h4" id="reply-title" mb="sm">
        {t('ticket.reply')}
      </Title>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => reply.mutate(values)))} noValidate>
        <Stack gap="sm">
          <GrowingTextarea
            label={t('ticket.replyText')}
            minRows={3}
            required
            {...form.register('text')}
            error={form.formState.errors.text?.message ? t(form.formState.errors.text.message) : undefined}
          />
          <FilePicker files={files} onChange={setFiles} />
          {reply.error instanceof ApiError && (
            <Alert color="red" role="alert">
              {reply.error.message}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={reply.isPending}>
              {t('ticket.replySubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
