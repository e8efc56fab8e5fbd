import { zodResolver } from '@hookform/resolvers/zod';
import { CannedAnswerPicker } from '../canned-answers/CannedAnswerPicker';
import { appendToDraft } from '../canned-answers/fill';
import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { api, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { uploadFiles } from '../tickets/attachments/attachments-api';
import { FilePicker } from '../tickets/attachments/FilePicker';
import { Refusal, useTicketAction } from './actions/action-kit';
import { useSession, type SessionAccount } from '../auth/session';
import { clearDraft, useDraftField, type DraftField } from './drafts';
import { useReportUnsaved } from './unsaved';
import { addPendingComment, knownFrom, showsState, showTicketChange, type TimelineEntry } from './workspace-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';
import { ChoiceSwitch } from '../../components/ChoiceSwitch';

/** The reply box's id: the "r" shortcut puts the cursor there. */
export const COMPOSER_ID = 'workspace-reply';

/** The internal note's colours: the same as its timeline entries, so a note never passes for a reply. */
export const NOTE_COLOR = '#8a5a00';
export const NOTE_BACKGROUND = '#fff8e1';

/**
 * What staff write on the ticket's conversation: a public reply (mailed to the requester) or an internal
 * note (`internal: true`, staff only). Each kind keeps its own draft; the note looks different (label,
 * colour, border) so that nobody sends to the requester what was meant for colleagues.
 */
const KINDS = {
  reply: {
    draft: 'reply',
    internal: false,
    submit: 'workspace.composer.replySubmit',
    hint: 'workspace.composer.replyHint',
    done: 'workspace.done.reply',
  },
  note: {
    draft: 'note',
    internal: true,
    submit: 'workspaceWiring.composer.noteSubmit',
    hint: 'workspaceWiring.composer.noteHint',
    done: 'workspaceWiring.composer.noteDone',
  },
} as const satisfies Record<
  string,
  { draft: DraftField; internal: boolean; submit: string; hint: string; done: string }
>;
type ComposerKind = keyof typeof KINDS;

const composerSchema = z.object({
  text: z.string().trim().min(1, 'validation.required').max(10_000, 'validation.tooLong'),
});
type ComposerValues = z.infer<typeof composerSchema>;
type SentComment = ComposerValues & { commentId: string };

/** Where the timeline's one-line summary cuts a comment (the whole text is shown under it). */
const SUMMARY_TEXT_MAX = 200;

/** The timeline step of a comment resolution took, drawn until the read side has its own. */
function sentComment(sent: SentComment, account: SessionAccount, internal: boolean, t: TFunction): TimelineEntry {
  const line = sent.text.replace(/\s+/g, ' ').trim();
  const text = line.length > SUMMARY_TEXT_MAX ? `${line.slice(0, SUMMARY_TEXT_MAX - 1)}…` : line;
  const key = internal ? 'workspace.timeline.pendingNote' : 'workspace.timeline.pendingReply';
  return {
    type: 'ticket.commented',
    at: new Date().toISOString(),
    area: null,
    by: { accountId: account.id, name: account.name, role: account.role },
    details: { commentId: sent.commentId, text: sent.text.trim(), ...(internal ? { internal: true } : {}) },
    summary: {
      es: t(key, { lng: 'es', name: account.name, text }),
      en: t(key, { lng: 'en', name: account.name, text }),
    },
  };
}

export function Composer({ number }: { number: number }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ComposerKind>('reply');
  const note = KINDS[kind].internal;
  return (
    <Card
      withBorder
      padding="md"
      component="section"
      aria-labelledby="composer-title"
      bg={note ? NOTE_BACKGROUND : undefined}
      style={note ? { borderColor: NOTE_COLOR, borderWidth: 2 } : undefined}
    >
      <Group justify="space-between" gap="xs" mb="xs">
        <Title order={2} size="h4" id="composer-title">
          {t('workspaceWiring.composer.title')}
        </Title>
        <ChoiceSwitch
          value={kind}
          onChange={setKind}
          label={t('workspaceWiring.composer.kind')}
          options={[
            { value: 'reply', label: t('workspace.timeline.publicReply') },
            { value: 'note', label: t('workspace.timeline.internalNote') },
          ]}
        />
      </Group>
      {/* One form per kind: switching never carries a note's text into a reply, and each has its draft. */}
      <ComposerForm key={kind} number={number} kind={kind} />
    </Card>
  );
}

function ComposerForm({ number, kind }: { number: number; kind: ComposerKind }) {
  const { t } = useTranslation();
  const spec = KINDS[kind];
  const [files, setFiles] = useState<File[]>([]);
  // One id per message: a retry after a lost answer never adds the comment twice.
  const commentId = useRef(crypto.randomUUID());
  const form = useForm<ComposerValues>({ resolver: zodResolver(composerSchema), defaultValues: { text: '' } });
  useDraftField(form, 'text', number, spec.draft);
  useReportUnsaved(form.watch('text').trim() !== '');
  const account = useSession();
  const send = useTicketAction({
    number,
    success: t(spec.done),
    show: async (client, state, sent) => {
      if (account) addPendingComment(client, number, sentComment(sent, account, spec.internal, t));
      await showTicketChange(client, number, showsState(state), knownFrom(state));
    },
    onDone: (_result, sent) => {
      commentId.current = crypto.randomUUID();
      setFiles([]);
      // The answer can come after the timeline already shows the message (the live stream is quicker than
      // the gateway, which waits for the read side), and the person may be typing the next one: keep that.
      if (form.getValues('text').trim() !== sent.text.trim()) return;
      clearDraft(number, spec.draft);
      form.reset({ text: '' });
    },
    call: async ({ text, commentId: id }: SentComment) => {
      const attachmentIds = files.length > 0 ? (await uploadFiles(files)).map((file) => file.id) : undefined;
      return unwrap(
        api.POST('/api/v1/tickets/{number}/comments', {
          params: { path: { number } },
          body: {
            text: text.trim(),
            commentId: id,
            ...(spec.internal ? { internal: true } : {}),
            ...(attachmentIds ? { attachmentIds } : {}),
          },
        }),
      );
    },
  });
  return (
    <>
      <Group gap={6} mb="sm" wrap="nowrap" align="flex-start">
        {spec.internal && (
          <Badge size="sm" radius="sm" variant="filled" color={NOTE_COLOR} style={{ flexShrink: 0 }}>
            {t('workspaceWiring.composer.staffOnly')}
          </Badge>
        )}
        <Text size="xs" c="dark.5">
          {t(spec.hint)}
        </Text>
      </Group>
      <form
        onSubmit={onSubmitOf(form.handleSubmit((values) => send.mutate({ ...values, commentId: commentId.current })))}
        noValidate
      >
        <Stack gap="sm">
          <GrowingTextarea
            id={COMPOSER_ID}
            label={t(spec.internal ? 'workspaceWiring.composer.noteText' : 'workspace.composer.text')}
            description={t('workspace.forms.draftKept')}
            minRows={3}
            maxRows={12}
            required
            {...form.register('text')}
            error={form.formState.errors.text?.message ? t(form.formState.errors.text.message) : undefined}
          />
          <CannedAnswerPicker
            number={number}
            onInsert={(text) =>
              form.setValue('text', appendToDraft(form.getValues('text'), text), { shouldDirty: true })
            }
          />
          <FilePicker files={files} onChange={setFiles} />
          <Refusal error={send.error} />
          <Group justify="flex-end">
            <Button type="submit" loading={send.isPending} color={spec.internal ? NOTE_COLOR : undefined}>
              {t(spec.submit)}
            </Button>
          </Group>
        </Stack>
      </form>
    </>
  );
}
