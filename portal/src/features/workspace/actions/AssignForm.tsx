import { Button, Group, Loader, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { QueryError } from '../../../app/ErrorPages';
import { peopleQuery, type Person } from '../workspace-api';
import { Refusal, useTicketAction } from './action-kit';
import type { ActionFormProps } from './WorkForms';

/** Names typed, people of the area found as one types (the service searches; the list is not filtered again). */
export function PeoplePicker({
  area,
  entryArea,
  value,
  onChange,
  error,
  label,
  size,
}: {
  /** Null for anyone on the staff. */
  area: string | null;
  entryArea: string | null;
  value: Person | null;
  onChange: (person: Person | null) => void;
  error?: string | undefined;
  label?: string;
  size?: 'xs' | 'sm';
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const people = useQuery(peopleQuery(area, entryArea, debounced));
  const found = debounced.length >= 2 ? (people.data ?? []) : [];
  const options = value && !found.some((person) => person.id === value.id) ? [value, ...found] : found;
  const labelOf = (person: Person) => `${person.name} (${person.email})`;
  return (
    <Stack gap={4}>
      <Select
        label={label ?? t('workspace.forms.assignee', { area })}
        size={size}
        placeholder={t('workspace.forms.assigneePlaceholder')}
        searchable
        required
        data-autofocus
        searchValue={text}
        onSearchChange={setText}
        filter={({ options: all }) => all}
        data={options.map((person) => ({ value: person.id, label: labelOf(person) }))}
        value={value?.id ?? null}
        onChange={(id) => onChange(options.find((person) => person.id === id) ?? null)}
        rightSection={people.isFetching ? <Loader size={14} aria-label={t('common.loading')} /> : undefined}
        nothingFoundMessage={
          debounced.length < 2
            ? t('workspace.forms.typeAName')
            : people.isFetching
              ? t('common.loading')
              : t('workspace.forms.nobodyFound')
        }
        error={error}
      />
      {people.isError && <QueryError error={people.error} />}
    </Stack>
  );
}

/** Gives the ticket to a member of its area (supervisors, or members of the area). */
export function AssignForm({
  number,
  area,
  entryArea,
  onDone,
  onCancel,
}: ActionFormProps & { area: string; entryArea: string }) {
  const { t } = useTranslation();
  const [person, setPerson] = useState<Person | null>(null);
  const [missing, setMissing] = useState(false);
  const assign = useTicketAction({
    number,
    success: t('workspace.done.assign'),
    onDone,
    call: (chosen: Person) =>
      unwrap(
        api.POST('/api/v1/tickets/{number}/assign', {
          params: { path: { number } },
          body: { assigneeId: chosen.id, assigneeName: chosen.name },
        }),
      ),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!person) setMissing(true);
        else assign.mutate(person);
      }}
    >
      <Stack>
        <PeoplePicker
          area={area}
          entryArea={entryArea}
          value={person}
          onChange={(next) => {
            setPerson(next);
            setMissing(false);
          }}
          error={missing ? t('validation.required') : undefined}
        />
        <Refusal error={assign.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={assign.isPending}>
            {t('workspace.forms.assignSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
