import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { uploadFiles } from '../tickets/attachments/attachments-api';
import { FilePicker } from '../tickets/attachments/FilePicker';
import { Refusal, useTicketAction } from './actions/action-kit';
import { clearDraft, useDraftField, type DraftField } from './drafts';

/** The reply box's id: the "r" shortcut puts the cursor there. */
export const COMPOSER_ID = 'workspace-reply';

/**
 * What staff write on the ticket's conversation. Today a public reply (a comment the requester sees);
 * internal notes join as a second kind once the API takes `internal` on comments — each kind has its
 * own draft, label and body.
 */
const KINDS = {
  reply: { draft: 'reply', label: 'workspace.composer.reply', submit: 'workspace.composer.replySubmit' },
} as const satisfies Record<string, { draft: DraftField; label: string; submit: string }>;
type ComposerKind = keyof typeof KINDS;

const composerSchema = z.object({
  text: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
});
type ComposerValues = z.infer<typeof composerSchema>;

export function Composer({ number }: { number: number }) {
  const { t } = useTranslation();
  const kind: ComposerKind = 'reply';
  const spec = KINDS[kind];
  const [files, setFiles] = useState<File[]>([]);
  // One id per message: a retry after a lost answer never adds the comment twice.
  const commentId = useRef(crypto.randomUUID());
  const form = useForm<ComposerValues>({ resolver: zodResolver(composerSchema), defaultValues: { text: '' } });
  useDraftField(form, 'text', number, spec.draft);
  const send = useTicketAction({
    number,
    success: t('workspace.done.reply'),
    onDone: () => {
      clearDraft(number, spec.draft);
      form.reset({ text: '' });
      setFiles([]);
      commentId.current = crypto.randomUUID();
    },
    call: async ({ text }: ComposerValues) => {
      const attachmentIds = files.length > 0 ? (await uploadFiles(files)).map((file) => file.id) : undefined;
      return unwrap(
        api.POST('/api/v1/tickets/{number}/comments', {
          params: { path: { number } },
          body: { text: text.trim(), commentId: commentId.current, ...(attachmentIds ? { attachmentIds } : {}) },
        }),
      );
    },
  });
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="composer-title">
      <Title order={2} size="h4" id="composer-title" mb={4}>
        {t(spec.label)}
      </Title>
      <Text size="xs" c="dark.5" mb="sm">
        {t('workspace.composer.replyHint')}
      </Text>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => send.mutate(values)))} noValidate>
        <Stack gap="sm">
          <Textarea
            id={COMPOSER_ID}
            label={t('workspace.composer.text')}
            description={t('workspace.forms.draftKept')}
            autosize
            minRows={3}
            maxRows={12}
            required
            {...form.register('text')}
            error={form.formState.errors.text?.message ? t(form.formState.errors.text.message) : undefined}
          />
          <FilePicker files={files} onChange={setFiles} />
          <Refusal error={send.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending}>
              {t(spec.submit)}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
