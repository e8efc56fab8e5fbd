import { Badge, Button, Card, Group, Radio, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { PeoplePicker } from '../workspace/actions/AssignForm';
import { Refusal } from '../workspace/actions/action-kit';
import { FieldSection } from './FieldSection';
import type { Person } from '../workspace/workspace-api';
import { ticketVisitsQuery, useVisitChange, type FieldVisit } from './field-service-api';
import { departureBeforeArrival, instantOf, localOf, visitorOf, type VisitorDraft } from './visit-form';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const WORK_MAX = 4000;

/** Who goes: one of the staff (found by name) or a contracted company's technician. */
function VisitorFields({
  draft,
  onChange,
  missing,
  person,
  onPerson,
}: {
  draft: VisitorDraft;
  onChange: (draft: VisitorDraft) => void;
  missing: ReadonlySet<string>;
  person: Person | null;
  onPerson: (person: Person | null) => void;
}) {
  const { t } = useTranslation();
  const required = t('fieldService.visits.required');
  return (
    <Stack gap="xs">
      <Radio.Group
        label={t('fieldService.visits.who')}
        value={draft.kind}
        onChange={(kind) => onChange({ ...draft, kind })}
      >
        <Group gap="md" mt={4}>
          <Radio value="staff" label={t('fieldService.visits.staff')} />
          <Radio value="contractor" label={t('fieldService.visits.contractor')} />
        </Group>
      </Radio.Group>
      {draft.kind === 'staff' ? (
        <PeoplePicker
          area={null}
          entryArea={null}
          size="sm"
          label={t('fieldService.visits.staffAccount')}
          value={person}
          onChange={(chosen) => {
            onPerson(chosen);
            onChange({ ...draft, accountId: chosen?.id ?? null });
          }}
          error={missing.has('accountId') ? required : undefined}
        />
      ) : (
        <>
          <TextInput
            label={t('fieldService.visits.company')}
            required
            maxLength={200}
            value={draft.company}
            onChange={(event) => onChange({ ...draft, company: event.currentTarget.value })}
            error={missing.has('company') ? required : undefined}
          />
          <TextInput
            label={t('fieldService.visits.technician')}
            required
            maxLength={200}
            value={draft.technician}
            onChange={(event) => onChange({ ...draft, technician: event.currentTarget.value })}
            error={missing.has('technician') ? required : undefined}
          />
          <TextInput
            label={t('fieldService.visits.reportNumber')}
            description={t('fieldService.visits.reportNumberHint')}
            maxLength={60}
            value={draft.reportNumber}
            onChange={(event) => onChange({ ...draft, reportNumber: event.currentTarget.value })}
          />
        </>
      )}
    </Stack>
  );
}

const emptyVisitor: VisitorDraft = {
  kind: 'contractor',
  accountId: null,
  company: '',
  technician: '',
  reportNumber: '',
};

function draftOf(visit: FieldVisit): VisitorDraft {
  const v = visit.visitor;
  return {
    kind: v.kind,
    accountId: v.accountId,
    company: v.company ?? '',
    technician: v.technician ?? '',
    reportNumber: v.reportNumber ?? '',
  };
}

function PlanVisitForm({ number, onDone }: { number: number; onDone: () => void }) {
  const { t } = useTranslation();
  const { plan } = useVisitChange(number);
  const [when, setWhen] = useState('');
  const [visitor, setVisitor] = useState<VisitorDraft>(emptyVisitor);
  const [person, setPerson] = useState<Person | null>(null);
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const plannedFor = instantOf(when);
    const who = visitorOf(visitor);
    const problems = new Set<string>('missing' in who ? who.missing : []);
    if (!plannedFor) problems.add('plannedFor');
    setMissing(problems);
    if (!plannedFor || !('body' in who)) return;
    plan.mutate(
      { plannedFor, visitor: who.body, ...(note.trim() ? { note: note.trim() } : {}) },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('fieldService.visits.planTitle')}>
      <Stack gap="xs" mt="sm">
        <TextInput
          type="datetime-local"
          label={t('fieldService.visits.plannedFor')}
          required
          value={when}
          onChange={(event) => setWhen(event.currentTarget.value)}
          error={missing.has('plannedFor') ? t('fieldService.visits.required') : undefined}
        />
        <VisitorFields draft={visitor} onChange={setVisitor} missing={missing} person={person} onPerson={setPerson} />
        <GrowingTextarea
          label={t('fieldService.visits.note')}
          minRows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Refusal error={plan.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={plan.isPending}>
            {t('fieldService.visits.plan')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RecordVisitForm({ number, visit, onDone }: { number: number; visit: FieldVisit; onDone: () => void }) {
  const { t } = useTranslation();
  const { record } = useVisitChange(number);
  const [visitor, setVisitor] = useState<VisitorDraft>(() => draftOf(visit));
  const [person, setPerson] = useState<Person | null>(null);
  const [arrived, setArrived] = useState(() => localOf(visit.plannedFor));
  const [departed, setDeparted] = useState('');
  const [work, setWork] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const arrivedAt = instantOf(arrived);
  const departedAt = instantOf(departed);
  const backwards = arrivedAt !== null && departedAt !== null && departureBeforeArrival(arrivedAt, departedAt);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const who = visitorOf(visitor);
    const problems = new Set<string>('missing' in who ? who.missing : []);
    if (!arrivedAt) problems.add('arrivedAt');
    if (!departedAt) problems.add('departedAt');
    if (work.trim() === '') problems.add('workDone');
    setMissing(problems);
    if (!arrivedAt || !departedAt || backwards || !('body' in who) || work.trim() === '') return;
    record.mutate(
      { visitId: visit.id, body: { visitor: who.body, arrivedAt, departedAt, workDone: work.trim() } },
      { onSuccess: onDone },
    );
  };
  const required = t('fieldService.visits.required');
  return (
    <form onSubmit={submit} noValidate aria-label={t('fieldService.visits.recordTitle')}>
      <Stack gap="xs" mt="xs">
        <VisitorFields draft={visitor} onChange={setVisitor} missing={missing} person={person} onPerson={setPerson} />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 1 }} spacing="xs">
          <TextInput
            type="datetime-local"
            label={t('fieldService.visits.arrivedAt')}
            required
            value={arrived}
            onChange={(event) => setArrived(event.currentTarget.value)}
            error={missing.has('arrivedAt') ? required : undefined}
          />
          <TextInput
            type="datetime-local"
            label={t('fieldService.visits.departedAt')}
            required
            value={departed}
            onChange={(event) => setDeparted(event.currentTarget.value)}
            error={
              backwards
                ? t('fieldService.visits.departureBeforeArrival')
                : missing.has('departedAt')
                  ? required
                  : undefined
            }
          />
        </SimpleGrid>
        <GrowingTextarea
          label={t('fieldService.visits.workDone')}
          required
          minRows={3}
          maxLength={WORK_MAX}
          value={work}
          onChange={(event) => setWork(event.currentTarget.value)}
          error={missing.has('workDone') ? required : undefined}
        />
        <Refusal error={record.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={record.isPending}>
            {t('fieldService.visits.record')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function visitorLabel(visit: FieldVisit, t: TFunction): string {
  const v = visit.visitor;
  if (v.kind === 'staff') return v.name ?? '';
  const report = v.reportNumber ? ` · ${t('fieldService.visits.reportShort', { number: v.reportNumber })}` : '';
  return `${v.technician ?? ''} (${v.company ?? ''})${report}`;
}

function VisitItem({ number, visit }: { number: number; visit: FieldVisit }) {
  const { t, i18n } = useTranslation();
  const [recording, setRecording] = useState(false);
  const recorded = visit.status === 'recorded';
  return (
    <li style={{ listStyle: 'none' }}>
      <Card withBorder padding="sm" radius="sm">
        <Group gap={6} justify="space-between" wrap="wrap">
          <Text fw={600} size="sm">
            {formatDateTime(visit.plannedFor, i18n.language)}
          </Text>
          <Badge color={recorded ? '#2b6a3c' : '#1c4f9c'} variant="filled" radius="sm">
            {t(recorded ? 'fieldService.visits.recorded' : 'fieldService.visits.planned')}
          </Badge>
        </Group>
        <Text size="sm">{visitorLabel(visit, t)}</Text>
        {visit.note && (
          <Text size="xs" c="dark.5">
            {visit.note}
          </Text>
        )}
        {recorded && visit.arrivedAt && visit.departedAt && (
          <>
            <Text size="sm" mt={4}>
              {t('fieldService.visits.times', {
                arrived: formatDateTime(visit.arrivedAt, i18n.language),
                departed: formatDateTime(visit.departedAt, i18n.language),
              })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {visit.workDone}
            </Text>
          </>
        )}
        {!recorded &&
          (recording ? (
            <RecordVisitForm number={number} visit={visit} onDone={() => setRecording(false)} />
          ) : (
            <Button size="xs" variant="light" mt="xs" onClick={() => setRecording(true)}>
              {t('fieldService.visits.recordOpen')}
            </Button>
          ))}
      </Card>
    </li>
  );
}

/** "Visitas": the ticket's field visits, the form to plan one, and each planned visit's record form. */
export function TicketVisits({ number }: { number: number }) {
  const { t } = useTranslation();
  const visits = useQuery(ticketVisitsQuery(number));
  return (
    <FieldSection
      id="ticket-visits-title"
      title={t('fieldService.visits.title')}
      none={t('fieldService.visits.none')}
      listLabel={t('fieldService.visits.listLabel')}
      items={visits.data}
      error={visits.error}
      renderItem={(visit) => <VisitItem key={visit.id} number={number} visit={visit} />}
      openLabel={t('fieldService.visits.planOpen')}
      renderForm={(onDone) => <PlanVisitForm number={number} onDone={onDone} />}
    />
  );
}
