import { Anchor, Badge, Button, Card, Group, Radio, Select, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatDay } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import { FieldSection } from './FieldSection';
import {
  REPAIR_CONDITIONS,
  repairFormUrl,
  ticketEquipmentQuery,
  ticketRepairsQuery,
  useRepairChange,
  type Repair,
} from './field-service-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** F03 "Salida de Equipo de Cómputo": one of the ticket's machines leaves, with who takes it and where. */
function RepairOutForm({ number, onDone }: { number: number; onDone: () => void }) {
  const { t } = useTranslation();
  const equipment = useQuery(ticketEquipmentQuery(number));
  const { out } = useRepairChange(number);
  const [equipmentId, setEquipmentId] = useState<string | null>(null);
  const [takenBy, setTakenBy] = useState('');
  const [destination, setDestination] = useState('');
  const [expectedReturn, setExpectedReturn] = useState('');
  const [reportNumber, setReportNumber] = useState('');
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const required = t('fieldService.visits.required');
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const problems = new Set<string>();
    if (!equipmentId) problems.add('equipmentId');
    if (!takenBy.trim()) problems.add('takenBy');
    if (!destination.trim()) problems.add('destination');
    if (!DAY.test(expectedReturn)) problems.add('expectedReturn');
    if (!reason.trim()) problems.add('reason');
    setMissing(problems);
    if (problems.size > 0 || !equipmentId) return;
    out.mutate(
      {
        equipmentId,
        takenBy: takenBy.trim(),
        destination: destination.trim(),
        expectedReturn,
        reason: reason.trim(),
        ...(reportNumber.trim() ? { reportNumber: reportNumber.trim() } : {}),
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('fieldService.repairs.outTitle')}>
      <Stack gap="xs" mt="sm">
        <Select
          label={t('fieldService.repairs.equipment')}
          description={equipment.data?.length === 0 ? t('fieldService.repairs.linkFirst') : undefined}
          required
          data={(equipment.data ?? []).map(({ equipment: e }) => ({ value: e.id, label: e.inventoryNumber }))}
          value={equipmentId}
          onChange={setEquipmentId}
          error={missing.has('equipmentId') ? required : undefined}
        />
        <TextInput
          label={t('fieldService.repairs.takenBy')}
          required
          maxLength={200}
          value={takenBy}
          onChange={(event) => setTakenBy(event.currentTarget.value)}
          error={missing.has('takenBy') ? required : undefined}
        />
        <TextInput
          label={t('fieldService.repairs.destination')}
          required
          maxLength={200}
          value={destination}
          onChange={(event) => setDestination(event.currentTarget.value)}
          error={missing.has('destination') ? required : undefined}
        />
        <TextInput
          type="date"
          label={t('fieldService.repairs.expectedReturn')}
          required
          value={expectedReturn}
          onChange={(event) => setExpectedReturn(event.currentTarget.value)}
          error={missing.has('expectedReturn') ? required : undefined}
        />
        <TextInput
          label={t('fieldService.visits.reportNumber')}
          maxLength={60}
          value={reportNumber}
          onChange={(event) => setReportNumber(event.currentTarget.value)}
        />
        <GrowingTextarea
          label={t('fieldService.repairs.reason')}
          required
          minRows={2}
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
          error={missing.has('reason') ? required : undefined}
        />
        <Refusal error={out.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={out.isPending}>
            {t('fieldService.repairs.out')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RepairReturnForm({ number, repair, onDone }: { number: number; repair: Repair; onDone: () => void }) {
  const { t } = useTranslation();
  const { back } = useRepairChange(number);
  const [returnedOn, setReturnedOn] = useState('');
  const [condition, setCondition] = useState<(typeof REPAIR_CONDITIONS)[number]>('funciona');
  const [note, setNote] = useState('');
  const [missing, setMissing] = useState(false);
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setMissing(!DAY.test(returnedOn));
    if (!DAY.test(returnedOn)) return;
    back.mutate(
      { repairId: repair.id, body: { returnedOn, condition, ...(note.trim() ? { note: note.trim() } : {}) } },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('fieldService.repairs.returnTitle')}>
      <Stack gap="xs" mt="xs">
        <TextInput
          type="date"
          label={t('fieldService.repairs.returnedOn')}
          required
          value={returnedOn}
          onChange={(event) => setReturnedOn(event.currentTarget.value)}
          error={missing ? t('fieldService.visits.required') : undefined}
        />
        <Radio.Group
          label={t('fieldService.repairs.condition')}
          value={condition}
          onChange={(value) => setCondition(value)}
        >
          <Group gap="md" mt={4}>
            {REPAIR_CONDITIONS.map((value) => (
              <Radio key={value} value={value} label={t(`fieldService.repairs.conditions.${value}`)} />
            ))}
          </Group>
        </Radio.Group>
        <GrowingTextarea
          label={t('fieldService.visits.note')}
          minRows={2}
          maxLength={1000}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
        />
        <Refusal error={back.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={back.isPending}>
            {t('fieldService.repairs.return')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RepairItem({ number, repair }: { number: number; repair: Repair }) {
  const { t, i18n } = useTranslation();
  const [returning, setReturning] = useState(false);
  const open = repair.returnedOn === null;
  return (
    <li style={{ listStyle: 'none' }}>
      <Card withBorder padding="sm" radius="sm">
        <Group gap={6} justify="space-between" wrap="wrap">
          <Text fw={600} size="sm">
            {repair.equipment.inventoryNumber}
          </Text>
          <Badge color={open ? '#8a5a00' : '#2b6a3c'} variant="filled" radius="sm">
            {t(open ? 'fieldService.repairs.away' : 'fieldService.repairs.back')}
          </Badge>
        </Group>
        <Text size="sm">
          {t('fieldService.repairs.summary', {
            when: formatDateTime(repair.leftAt, i18n.language),
            takenBy: repair.takenBy,
            destination: repair.destination,
          })}
        </Text>
        <Text size="xs" c="dark.5">
          {t('fieldService.repairs.expected', { date: formatDay(repair.expectedReturn, i18n.language) })}
          {repair.reportNumber ? ` · ${t('fieldService.visits.reportShort', { number: repair.reportNumber })}` : ''}
        </Text>
        {!open && repair.condition && (
          <Text size="sm" mt={4}>
            {t('fieldService.repairs.returned', {
              date: formatDay(repair.returnedOn ?? '', i18n.language),
              condition: t(`fieldService.repairs.conditions.${repair.condition}`),
            })}
          </Text>
        )}
        <Group gap="xs" mt="xs">
          <Anchor href={repairFormUrl(number, repair.id)} size="sm" download>
            {t('fieldService.repairs.f03', { number: repair.equipment.inventoryNumber })}
          </Anchor>
          {open && !returning && (
            <Button size="xs" variant="light" onClick={() => setReturning(true)}>
              {t('fieldService.repairs.returnOpen')}
            </Button>
          )}
        </Group>
        {open && returning && <RepairReturnForm number={number} repair={repair} onDone={() => setReturning(false)} />}
      </Card>
    </li>
  );
}

/** "Salidas a reparación": the ticket's machines that left for repair (F03), their return and the printable form. */
export function TicketRepairs({ number }: { number: number }) {
  const { t } = useTranslation();
  const repairs = useQuery(ticketRepairsQuery(number));
  return (
    <FieldSection
      id="ticket-repairs-title"
      title={t('fieldService.repairs.title')}
      none={t('fieldService.repairs.none')}
      listLabel={t('fieldService.repairs.listLabel')}
      items={repairs.data}
      error={repairs.error}
      renderItem={(repair) => <RepairItem key={repair.id} number={number} repair={repair} />}
      openLabel={t('fieldService.repairs.outOpen')}
      renderForm={(onDone) => <RepairOutForm number={number} onDone={onDone} />}
    />
  );
}
