import { Button, Checkbox, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { Refusal } from '../workspace/actions/action-kit';
import { savedViewsQuery } from './queue-api';

/** Saves the queue's current URL as a view, the person's own or shared with colleagues. */
export function SaveViewDialog({
  opened,
  currentQuery,
  onClose,
}: {
  opened: boolean;
  currentQuery: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const save = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/views', { body: { name, query: currentQuery, shared } })),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('console.views.saved', { name: name.trim() }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      onClose();
      setName('');
      setShared(false);
      await queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey });
    },
  });
  const nameError =
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === 'name')?.message : undefined;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('console.views.saveTitle')}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) save.mutate();
        }}
      >
        <Stack gap="sm">
          <TextInput
            label={t('console.views.name')}
            required
            data-autofocus
            maxLength={100}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={nameError}
          />
          <Checkbox
            label={t('console.views.shared')}
            checked={shared}
            onChange={(event) => setShared(event.currentTarget.checked)}
          />
          {save.error && !nameError && <Refusal error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
              {t('console.views.saveConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
