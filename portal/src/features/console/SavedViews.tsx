import { Button, Checkbox, Group, Menu, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { Refusal } from '../workspace/actions/action-kit';
import { savedViewsQuery } from './queue-api';
import { parseQueueSearch } from './queue-search';

/** A view's query string back to the queue's search (what the URL would have said). */
const searchOf = (query: string) => parseQueueSearch(Object.fromEntries(new URLSearchParams(query)));

/** Staff's own queue views and those colleagues share: opened from a menu, saved from the current URL. */
export function SavedViews({ currentQuery }: { currentQuery: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const views = useQuery(savedViewsQuery);
  const [saving, setSaving] = useState(false);
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
      setSaving(false);
      setName('');
      setShared(false);
      await queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey });
    },
  });
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey }),
  });
  const items = views.data?.items ?? [];
  const nameError =
    save.error instanceof ApiError ? save.error.fields.find((field) => field.field === 'name')?.message : undefined;

  return (
    <Group gap="xs">
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" size="sm">
            {t('console.views.menu', { count: items.length })}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          {items.length === 0 && <Menu.Label>{t('console.views.none')}</Menu.Label>}
          {items.map((view) => (
            <Menu.Item
              key={view.id}
              onClick={() => void navigate({ to: '/consola', search: searchOf(view.query) })}
              rightSection={view.mine ? undefined : view.owner.name}
            >
              {view.name}
            </Menu.Item>
          ))}
          {items.some((view) => view.mine) && (
            <>
              <Menu.Divider />
              <Menu.Label>{t('console.views.deleteLabel')}</Menu.Label>
              {items
                .filter((view) => view.mine)
                .map((view) => (
                  <Menu.Item key={`delete-${view.id}`} color="red" onClick={() => remove.mutate(view.id)}>
                    {t('console.views.delete', { name: view.name })}
                  </Menu.Item>
                ))}
            </>
          )}
        </Menu.Dropdown>
      </Menu>
      <Button variant="light" size="sm" onClick={() => setSaving(true)}>
        {t('console.views.save')}
      </Button>
      <Modal
        opened={saving}
        onClose={() => setSaving(false)}
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
              <Button variant="default" onClick={() => setSaving(false)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!name.trim()}>
                {t('console.views.saveConfirm')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Group>
  );
}
