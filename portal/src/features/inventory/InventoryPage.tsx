import { Alert, Anchor, Button, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';
import { useSession } from '../auth/session';
import { EquipmentTable } from './EquipmentTable';
import {
  EQUIPMENT_STATES,
  equipmentListQuery,
  equipmentTypesQuery,
  exportUrl,
  mayImportInventory,
  type EquipmentState,
} from './inventory-api';
import { inUse, type InventorySearch } from './inventory-search';
import { useTypeLabel } from './labels';

const route = getRouteApi('/signed-in/inventario');

/** The equipment register: search by number, serial, brand or model, filter, page; export what is shown. */
export function InventoryPage() {
  const { t } = useTranslation();
  const account = useSession()!;
  const search = route.useSearch();
  const navigate = useNavigate({ from: '/inventario' });
  const query = useMemo(() => inUse(search), [search]);
  const list = useInfiniteQuery(equipmentListQuery(query));
  const types = useQuery(equipmentTypesQuery);
  const typeLabel = useTypeLabel();
  const rows = useMemo(() => list.data?.pages.flatMap((page) => page.items) ?? [], [list.data]);
  const [draft, setDraft] = useState<InventorySearch>(search);
  useEffect(() => setDraft(search), [search]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    void navigate({ search: inUse(draft) });
  };
  const set = (change: Partial<InventorySearch>) => setDraft((previous) => ({ ...previous, ...change }));

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1}>{t('inventory.title')}</Title>
        <Group gap="xs">
          <ButtonLink to="/inventario/nuevo">{t('inventory.new')}</ButtonLink>
          <ButtonLink to="/inventario/bitacora" variant="default">
            {t('serviceLog.nav')}
          </ButtonLink>
          {mayImportInventory(account.role) && (
            <ButtonLink to="/inventario/importar" variant="default">
              {t('inventory.import.nav')}
            </ButtonLink>
          )}
          <Button component="a" href={exportUrl(query)} download variant="default">
            {t('inventory.export')}
          </Button>
        </Group>
      </Group>
      <form onSubmit={apply} role="search" aria-label={t('inventory.filters')}>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label={t('inventory.text')}
            description={t('inventory.textHint')}
            value={draft.text ?? ''}
            onChange={(event) => set({ text: event.currentTarget.value })}
            style={{ flex: '2 1 16rem' }}
          />
          <NativeSelect
            label={t('inventory.columns.type')}
            value={draft.type ?? ''}
            onChange={(event) => set({ type: event.currentTarget.value || undefined })}
            data={[
              { value: '', label: t('inventory.any') },
              ...(types.data ?? []).map((type) => ({ value: type.code, label: typeLabel(type.code) })),
            ]}
            style={{ flex: '1 1 10rem' }}
          />
          <NativeSelect
            label={t('inventory.columns.state')}
            value={draft.state ?? ''}
            onChange={(event) => set({ state: (event.currentTarget.value || undefined) as EquipmentState | undefined })}
            data={[
              { value: '', label: t('inventory.any') },
              ...EQUIPMENT_STATES.map((state) => ({ value: state, label: t(`inventory.states.${state}`) })),
            ]}
            style={{ flex: '1 1 10rem' }}
          />
          <TextInput
            label={t('inventory.columns.jurisdiction')}
            value={draft.jurisdiction ?? ''}
            onChange={(event) => set({ jurisdiction: event.currentTarget.value })}
            style={{ flex: '1 1 9rem' }}
          />
          <TextInput
            label={t('inventory.building')}
            value={draft.building ?? ''}
            onChange={(event) => set({ building: event.currentTarget.value })}
            style={{ flex: '1 1 9rem' }}
          />
          <Button type="submit">{t('inventory.search')}</Button>
        </Group>
      </form>
      {list.isError && (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      )}
      {list.isPending ? <Text>{t('common.loading')}</Text> : <EquipmentTable rows={rows} />}
      <Group justify="space-between">
        <Text size="sm" c="dark.4" aria-live="polite">
          {t('inventory.shown', { count: rows.length })}
        </Text>
        {list.hasNextPage && (
          <Anchor component="button" type="button" onClick={() => void list.fetchNextPage()}>
            {t('inventory.more')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
