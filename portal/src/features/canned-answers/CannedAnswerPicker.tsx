import { Select, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/session';
import { ticketQuery } from '../tickets/tickets-api';
import { graphQuery } from '../workspace/workspace-api';
import { cannedAnswersQuery, type CannedAnswer } from './canned-answers-api';
import { fillPlaceholders, type TicketFacts } from './fill';

/** The ticket's own area first: its answers are the ones most likely to fit. */
function groupsFor(answers: readonly CannedAnswer[], firstArea: string | null) {
  const byArea = new Map<string, CannedAnswer[]>();
  for (const answer of answers) byArea.set(answer.area, [...(byArea.get(answer.area) ?? []), answer]);
  const areas = [...byArea.keys()].sort((a, b) => (a === firstArea ? -1 : b === firstArea ? 1 : a.localeCompare(b)));
  return areas.map((area) => ({
    group: area,
    items: (byArea.get(area) ?? []).map((answer) => ({ value: answer.id, label: answer.title })),
  }));
}

/**
 * Picks one of the areas' canned answers and hands its text, filled with this ticket's facts, to the box it
 * sits beside: the person reads and edits it there before sending anything.
 */
export function CannedAnswerPicker({ number, onInsert }: { number: number; onInsert: (text: string) => void }) {
  const { t } = useTranslation();
  const account = useSession();
  const answers = useQuery(cannedAnswersQuery);
  const ticket = useQuery(ticketQuery(number));
  const graph = useQuery(graphQuery);
  const [value, setValue] = useState<string | null>(null);
  const [searchText, setSearchText] = useState('');
  const items = answers.data?.items ?? [];

  const facts = (): TicketFacts | null => {
    if (!ticket.data || !account) return null;
    const area = ticket.data.area;
    return {
      numero: ticket.data.number,
      titulo: ticket.data.title,
      solicitante: ticket.data.requester.name,
      jurisdiccion: ticket.data.jurisdiction,
      area: area ? (graph.data?.areas.find((candidate) => candidate.code === area)?.name ?? area) : '',
      agente: account.name,
    };
  };

  const pick = (id: string | null) => {
    const answer = items.find((candidate) => candidate.id === id);
    const known = facts();
    if (!answer || !known) return;
    onInsert(fillPlaceholders(answer.body, known));
    // Ready for another pick: the list is a source of text, not a setting of the form.
    setValue(null);
    setSearchText('');
  };

  return (
    <Select
      label={t('cannedAnswers.pick')}
      placeholder={items.length === 0 ? t('cannedAnswers.none') : t('cannedAnswers.pickPlaceholder')}
      data={groupsFor(items, ticket.data?.area ?? null)}
      value={value}
      onChange={pick}
      searchValue={searchText}
      onSearchChange={setSearchText}
      searchable
      clearable
      disabled={items.length === 0}
      nothingFoundMessage={t('cannedAnswers.nothingFound')}
      maxDropdownHeight={320}
      renderOption={({ option }) => {
        const answer = items.find((candidate) => candidate.id === option.value);
        return (
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {answer && (
              <Text size="xs" c="dark.4" lineClamp={1}>
                {answer.body}
              </Text>
            )}
          </Stack>
        );
      }}
    />
  );
}
