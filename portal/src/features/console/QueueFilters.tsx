import { Chip, Group, NativeSelect, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { queueOptions, type QueueSearch } from './queue-search';

/**
 * The queue's added filters. Drawn only while open: its selects and chips cost a noticeable part of the
 * queue's first drawing, and most visits never open them.
 */
export function QueueFilters({
  search,
  areas,
  onChange: setSearch,
}: {
  search: QueueSearch;
  areas: ReadonlyArray<{ code: string; name: string }>;
  onChange: (change: Partial<QueueSearch>) => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" p="sm" style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 8 }}>
      <Chip.Group
        multiple
        value={search.status ?? []}
        onChange={(value) =>
          setSearch({
            status: value.length > 0 ? queueOptions.STATUSES.filter((status) => value.includes(status)) : undefined,
          })
        }
      >
        <Group gap="xs" role="group" aria-label={t('console.filter.status')}>
          {queueOptions.STATUSES.map((status) => (
            <Chip key={status} value={status} size="sm">
              {t(`status.${status}`)}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
      <Group gap="sm" wrap="wrap" align="flex-end">
        <NativeSelect
          label={t('console.filter.area')}
          value={search.area ?? ''}
          onChange={(event) => setSearch({ area: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('console.filter.any') },
            ...areas.map((area) => ({ value: area.code, label: area.name })),
          ]}
        />
        <NativeSelect
          label={t('console.filter.priority')}
          value={search.priority ?? ''}
          onChange={(event) =>
            setSearch({ priority: (event.currentTarget.value || undefined) as QueueSearch['priority'] })
          }
          data={[
            { value: '', label: t('console.filter.any') },
            ...queueOptions.PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) })),
          ]}
        />
        <NativeSelect
          label={t('console.filter.type')}
          value={search.type ?? ''}
          onChange={(event) => setSearch({ type: (event.currentTarget.value || undefined) as QueueSearch['type'] })}
          data={[
            { value: '', label: t('console.filter.any') },
            ...queueOptions.TYPES.map((type) => ({ value: type, label: t(`types.${type}`) })),
          ]}
        />
        <NativeSelect
          label={t('console.filter.channel')}
          value={search.channel ?? ''}
          onChange={(event) =>
            setSearch({ channel: (event.currentTarget.value || undefined) as QueueSearch['channel'] })
          }
          data={[
            { value: '', label: t('console.filter.any') },
            ...queueOptions.CHANNELS.map((channel) => ({
              value: channel,
              label: t(`console.channels.${channel}`),
            })),
          ]}
        />
        <NativeSelect
          label={t('console.filter.assignee')}
          value={search.assignee === 'me' || search.assignee === 'none' ? search.assignee : ''}
          onChange={(event) => setSearch({ assignee: event.currentTarget.value || undefined })}
          data={[
            { value: '', label: t('console.filter.any') },
            { value: 'me', label: t('console.filter.me') },
            { value: 'none', label: t('console.filter.none') },
          ]}
        />
        <TextInput
          label={t('console.filter.jurisdiction')}
          defaultValue={search.jurisdiction ?? ''}
          onBlur={(event) => setSearch({ jurisdiction: event.currentTarget.value.trim() || undefined })}
          w={140}
        />
        <TextInput
          label={t('console.filter.from')}
          type="date"
          value={search.from ?? ''}
          onChange={(event) => setSearch({ from: event.currentTarget.value || undefined })}
        />
        <TextInput
          label={t('console.filter.to')}
          type="date"
          value={search.to ?? ''}
          onChange={(event) => setSearch({ to: event.currentTarget.value || undefined })}
        />
      </Group>
    </Stack>
  );
}
