import { Button, Group, Menu } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { savedViewsQuery } from './queue-api';
import { parseQueueSearch } from './queue-search';

// The dialog (a modal with its form) loads when it is opened, not with the queue.
const SaveViewDialog = lazy(() => import('./SaveViewDialog').then((module) => ({ default: module.SaveViewDialog })));

/** A view's query string back to the queue's search (what the URL would have said). */
const searchOf = (query: string) => parseQueueSearch(Object.fromEntries(new URLSearchParams(query)));

/** Staff's own queue views and those colleagues share: opened from a menu, saved from the current URL. */
export function SavedViews({ currentQuery }: { currentQuery: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const views = useQuery(savedViewsQuery);
  const [saving, setSaving] = useState(false);
  // Mounted from the first opening on, so that closing it goes through the modal's own closing (focus back to
  // the button that opened it).
  const [dialogLoaded, setDialogLoaded] = useState(false);
  const remove = useMutation({
    mutationFn: (id: string) => unwrap(api.DELETE('/api/v1/views/{id}', { params: { path: { id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: savedViewsQuery.queryKey }),
  });
  const items = views.data?.items ?? [];

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
      <Button
        variant="light"
        size="sm"
        onClick={() => {
          setDialogLoaded(true);
          setSaving(true);
        }}
      >
        {t('console.views.save')}
      </Button>
      {dialogLoaded && (
        <Suspense fallback={null}>
          <SaveViewDialog opened={saving} currentQuery={currentQuery} onClose={() => setSaving(false)} />
        </Suspense>
      )}
    </Group>
  );
}
