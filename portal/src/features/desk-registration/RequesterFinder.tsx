import { Combobox, Loader, Text, TextInput, VisuallyHidden, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { requestersQuery, type FoundRequester } from './desk-api';

/** What the operator typed, put where it belongs when the person is not in the directory yet. */
export interface NewRequester {
  name: string;
  email: string;
  phone: string;
}

// Under two characters the directory answers with nearly everyone: not worth a round trip per key.
const MIN_SEARCH = 2;
const NEW = '__new__';
const EMAIL_LIKE = /@/;
const PHONE_LIKE = /^\+?[0-9 ()./-]{3,}$/;

export function newRequesterFrom(typed: string): NewRequester {
  const text = typed.trim();
  if (EMAIL_LIKE.test(text)) return { name: '', email: text, phone: '' };
  if (PHONE_LIKE.test(text)) return { name: '', email: '', phone: text };
  return { name: text, email: '', phone: '' };
}

/**
 * The directory search of 9.1 step 2: the operator types what the caller says (a name, an e-mail, a
 * phone) and picks the person, or registers someone new with what was typed. Arrows move, Enter picks,
 * Escape closes; how many were found is announced for screen readers. Without `onCreate` (custody: only
 * people already in the directory) it only finds.
 */
export function RequesterFinder({
  onPick,
  onCreate,
  label,
  hint,
}: {
  onPick: (found: FoundRequester) => void;
  onCreate?: (typed: NewRequester) => void;
  label?: string;
  hint?: string;
}) {
  const { t } = useTranslation();
  const combobox = useCombobox({ onDropdownClose: () => combobox.resetSelectedOption() });
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const enabled = debounced.length >= MIN_SEARCH;
  const found = useQuery({ ...requestersQuery(debounced), enabled, placeholderData: keepPreviousData });
  const items = enabled ? (found.data?.items ?? []) : [];
  const searching = enabled && found.isFetching;

  // The first hit is the one Enter picks, as in any search box — once per answer: the store is a new
  // object at every render, and selecting again on each would undo the operator's arrow keys.
  const answerSelected = useRef<unknown>(undefined);
  useEffect(() => {
    if (!found.data || answerSelected.current === found.data) return;
    answerSelected.current = found.data;
    combobox.selectFirstOption();
  }, [found.data, combobox]);

  const choose = (value: string) => {
    combobox.closeDropdown();
    if (value === NEW) {
      onCreate?.(newRequesterFrom(search));
    } else {
      const person = items.find((item) => item.id === value);
      if (person) onPick(person);
    }
    setSearch('');
  };

  const announcement = !enabled
    ? ''
    : searching
      ? t('requesterFinder.searching')
      : found.isError
        ? t('requesterFinder.failed')
        : t('requesterFinder.count', { count: items.length });

  return (
    <Combobox store={combobox} onOptionSubmit={choose}>
      <Combobox.Target withExpandedAttribute>
        <TextInput
          label={label ?? t('requesterFinder.label')}
          description={hint ?? t('requesterFinder.hint')}
          placeholder={t('requesterFinder.placeholder')}
          value={search}
          maxLength={200}
          autoComplete="off"
          aria-autocomplete="list"
          mb="xs"
          rightSection={searching ? <Loader size="xs" aria-hidden /> : null}
          onChange={(event) => {
            const value = event.currentTarget.value;
            setSearch(value);
            if (value.trim().length >= MIN_SEARCH) combobox.openDropdown();
            else combobox.closeDropdown();
          }}
          onFocus={() => search.trim().length >= MIN_SEARCH && combobox.openDropdown()}
          onBlur={() => combobox.closeDropdown()}
          error={found.isError && enabled ? t('requesterFinder.failed') : undefined}
        />
      </Combobox.Target>
      <VisuallyHidden role="status" aria-live="polite">
        {announcement}
      </VisuallyHidden>
      <Combobox.Dropdown>
        <Combobox.Options aria-label={t('requesterFinder.results')} mah={320} style={{ overflowY: 'auto' }}>
          {items.map((person) => (
            <Combobox.Option value={person.id} key={person.id}>
              <Text size="sm" fw={500}>
                {person.name}
              </Text>
              {/* The option's own colour: white on the highlighted one, dark otherwise. */}
              <Text size="xs" c="inherit">
                {[person.email, person.phone, person.jurisdiction].filter(Boolean).join(' · ')}
              </Text>
            </Combobox.Option>
          ))}
          {enabled && !searching && items.length === 0 && !found.isError && (
            <Combobox.Empty>{t('requesterFinder.none')}</Combobox.Empty>
          )}
          {onCreate && (
            <Combobox.Option value={NEW}>
              <Text size="sm" fw={500}>
                {t('requesterFinder.create', { typed: search.trim() })}
              </Text>
            </Combobox.Option>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
