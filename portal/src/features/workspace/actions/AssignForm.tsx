import { Button, Group, Select, Stack } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../../api/client';
import { Refusal, useTicketAction } from './action-kit';
import type { ActionFormProps } from './WorkForms';

/** A person who can be given the ticket: an account of the ticket's area. */
export interface Person {
  accountId: string;
  name: string;
  email?: string;
}

/**
 * Finds accounts of an area by name. The account search API (`GET /accounts?search=`) is not in the
 * generated client yet: the workspace offers "asignar" only once a search is given to it (see
 * WorkspacePage's `peopleSearch`), so nobody is ever offered made-up people.
 */
export type PeopleSearch = (area: string, text: string) => Promise<Person[]>;

/** Names typed, people found: the picker of the assign form. */
export function PeoplePicker({
  area,
  search,
  value,
  onChange,
  error,
}: {
  area: string;
  search: PeopleSearch;
  value: Person | null;
  onChange: (person: Person | null) => void;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const people = useQuery({
    queryKey: ['people', area, debounced],
    queryFn: () => search(area, debounced),
    enabled: debounced.length >= 2,
    placeholderData: keepPreviousData,
  });
  const found = people.data ?? [];
  const options = value && !found.some((person) => person.accountId === value.accountId) ? [value, ...found] : found;
  return (
    <Select
      label={t('workspace.forms.assignee', { area })}
      placeholder={t('workspace.forms.assigneePlaceholder')}
      searchable
      required
      data-autofocus
      searchValue={text}
      onSearchChange={setText}
      data={options.map((person) => ({
        value: person.accountId,
        label: person.email ? `${person.name} (${person.email})` : person.name,
      }))}
      value={value?.accountId ?? null}
      onChange={(id) => onChange(options.find((person) => person.accountId === id) ?? null)}
      nothingFoundMessage={debounced.length >= 2 ? t('workspace.forms.nobodyFound') : t('workspace.forms.typeAName')}
      error={error}
    />
  );
}

/** Gives the ticket to a member of its area (supervisors, or members of the area). */
export function AssignForm({
  number,
  area,
  search,
  onDone,
  onCancel,
}: ActionFormProps & { area: string; search: PeopleSearch }) {
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
          body: { assigneeId: chosen.accountId, assigneeName: chosen.name },
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
          search={search}
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
