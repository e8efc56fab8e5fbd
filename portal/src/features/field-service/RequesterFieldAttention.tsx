import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatDateTime, formatDay } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import {
  repairFormUrl,
  ticketEquipmentQuery,
  ticketRepairsQuery,
  ticketSignOffQuery,
  ticketVisitsQuery,
  useLiveFieldService,
  type FieldVisit,
} from './field-service-api';

/** Who went: the staff member's name, or the contracted company's (its technician and report stay with staff). */
function visitor(visit: FieldVisit): string {
  return visit.visitor.kind === 'staff' ? (visit.visitor.name ?? '') : (visit.visitor.company ?? '');
}

function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <Stack gap={4} component="section" aria-labelledby={id}>
      <Title order={3} size="h5" id={id}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}

function visitLine(visit: FieldVisit, t: TFunction, language: string): string {
  if (visit.status === 'recorded' && visit.arrivedAt && visit.departedAt)
    return t('fieldService.visits.times', {
      arrived: formatDateTime(visit.arrivedAt, language),
      departed: formatDateTime(visit.departedAt, language),
    });
  return t('fieldService.requester.plannedFor', { when: formatDateTime(visit.plannedFor, language) });
}

/**
 * The field attention as the requester sees it on their ticket (docs/domain.md § Field service): the equipment named, the visits
 * (when and who; no internal notes), machines out for repair and their return with the F03, and the
 * sign-off. Nothing is shown while the ticket has none of it. Live: the gateway tells the requester of the
 * field work on their own tickets (the bare fact), and the sections are read again, as in the workspace.
 */
export function RequesterFieldAttention({ number }: { number: number }) {
  const { t, i18n } = useTranslation();
  useLiveFieldService(number);
  const equipment = useQuery(ticketEquipmentQuery(number));
  const visits = useQuery(ticketVisitsQuery(number));
  const repairs = useQuery(ticketRepairsQuery(number));
  const signOff = useQuery(ticketSignOffQuery(number));
  // A 404 is "no sign-off yet"; anything else is a refusal worth showing.
  const signOffError = signOff.error instanceof ApiError && signOff.error.status === 404 ? null : signOff.error;
  const error = equipment.error ?? visits.error ?? repairs.error ?? signOffError;
  const links = equipment.data ?? [];
  const visitList = visits.data ?? [];
  const repairList = repairs.data ?? [];
  const signed = signOff.data;
  if (!error && links.length === 0 && visitList.length === 0 && repairList.length === 0 && !signed) return null;

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="field-attention-title">
      <Title order={2} size="h4" id="field-attention-title" mb="xs">
        {t('fieldService.requester.title')}
      </Title>
      <Stack gap="md">
        <Refusal error={error} />
        {links.length > 0 && (
          <Part id="field-attention-equipment" title={t('fieldService.equipment.title')}>
            <Stack component="ul" gap={2} p={0} m={0} style={{ listStyle: 'none' }}>
              {links.map(({ equipment: e }) => (
                <Text component="li" size="sm" key={e.id}>
                  <Text span fw={600}>
                    {e.inventoryNumber}
                  </Text>
                  {[e.brand, e.model].filter(Boolean).length > 0 &&
                    ` · ${[e.brand, e.model].filter(Boolean).join(' ')}`}
                </Text>
              ))}
            </Stack>
          </Part>
        )}
        {visitList.length > 0 && (
          <Part id="field-attention-visits" title={t('fieldService.visits.title')}>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {visitList.map((visit) => (
                <li key={visit.id}>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600}>
                      {visitor(visit)}
                    </Text>
                    <Badge color={visit.status === 'recorded' ? '#2b6a3c' : '#1c4f9c'} variant="filled" radius="sm">
                      {t(visit.status === 'recorded' ? 'fieldService.visits.recorded' : 'fieldService.visits.planned')}
                    </Badge>
                  </Group>
                  <Text size="sm">{visitLine(visit, t, i18n.language)}</Text>
                  {visit.status === 'recorded' && visit.workDone && (
                    <Text size="sm" c="dark.6" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {visit.workDone}
                    </Text>
                  )}
                </li>
              ))}
            </Stack>
          </Part>
        )}
        {repairList.length > 0 && (
          <Part id="field-attention-repairs" title={t('fieldService.repairs.title')}>
            <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
              {repairList.map((repair) => (
                <li key={repair.id}>
                  <Group gap={6} wrap="wrap">
                    <Text size="sm" fw={600}>
                      {repair.equipment.inventoryNumber}
                    </Text>
                    <Badge color={repair.returnedOn ? '#2b6a3c' : '#8a5a00'} variant="filled" radius="sm">
                      {t(repair.returnedOn ? 'fieldService.repairs.back' : 'fieldService.repairs.away')}
                    </Badge>
                  </Group>
                  <Text size="sm">
                    {t('fieldService.requester.repairOut', {
                      when: formatDateTime(repair.leftAt, i18n.language),
                      destination: repair.destination,
                    })}
                  </Text>
                  <Text size="sm">
                    {repair.returnedOn && repair.condition
                      ? t('fieldService.repairs.returned', {
                          date: formatDay(repair.returnedOn, i18n.language),
                          condition: t(`fieldService.repairs.conditions.${repair.condition}`),
                        })
                      : t('fieldService.repairs.expected', { date: formatDay(repair.expectedReturn, i18n.language) })}
                  </Text>
                  <Anchor href={repairFormUrl(number, repair.id)} size="sm" download>
                    {t('fieldService.repairs.f03', { number: repair.equipment.inventoryNumber })}
                  </Anchor>
                </li>
              ))}
            </Stack>
          </Part>
        )}
        {signed && (
          <Part id="field-attention-sign-off" title={t('fieldService.signOff.title')}>
            <Group gap={6}>
              <Badge color={signed.conforme ? '#2b6a3c' : '#a61b1b'} variant="filled" radius="sm">
                {t(signed.conforme ? 'fieldService.signOff.agreed' : 'fieldService.signOff.notAgreed')}
              </Badge>
              <Text size="sm">{formatDateTime(signed.recordedAt, i18n.language)}</Text>
            </Group>
            <dl style={{ margin: 0 }}>
              {(['user', 'head', 'repairStaff'] as const).map((signer) => (
                <Group key={signer} gap={6} wrap="wrap">
                  <Text component="dt" size="sm" c="dark.5">
                    {t(`fieldService.signOff.signers.${signer}`)}:
                  </Text>
                  <Text component="dd" size="sm" fw={500} m={0}>
                    {signed[signer].name}
                  </Text>
                </Group>
              ))}
            </dl>
            {signed.comments && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {signed.comments}
              </Text>
            )}
          </Part>
        )}
      </Stack>
    </Card>
  );
}
