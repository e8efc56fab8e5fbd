import {
  ActionIcon,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { catalogueQuery } from '../admin-catalogues/catalogues-api';
import type { SlaPolicy } from './admin-config-api';
import { describeMinutes } from './minutes';
import {
  addOverride,
  invalidMinutes,
  MAX_SLA_MINUTES,
  SLA_SCOPES,
  type OverrideRow,
  type SlaScope,
} from './sla-overrides';

const PRIORITIES: ReadonlyArray<SlaPolicy['priority']> = ['ALTA', 'MEDIA', 'BAJA'];

/**
 * Targets of their own for a service offered or a jurisdiction, priority by priority. A ticket about a
 * service with its own targets follows them, else its jurisdiction's, else the general ones above.
 */
export function SlaOverrides({
  rows,
  onChange,
  general,
  serverField,
}: {
  rows: OverrideRow[];
  onChange: (rows: OverrideRow[]) => void;
  general: readonly SlaPolicy[];
  serverField: (index: number, field: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const catalogue = useQuery(catalogueQuery);
  const language = i18n.language.startsWith('en') ? 'en' : 'es';
  const options = (scope: SlaScope) =>
    scope === 'service'
      ? (catalogue.data?.services ?? [])
          .filter((s) => !s.retired)
          .map((s) => ({ value: s.code, label: `${s.label[language]} (${s.code})` }))
      : (catalogue.data?.jurisdictions ?? [])
          .filter((j) => !j.retired)
          .map((j) => ({ value: j.code, label: j.name ? `${j.name} (${j.code})` : j.code }));
  const nameOf = (row: Pick<OverrideRow, 'scope' | 'code'>) =>
    options(row.scope).find((o) => o.value === row.code)?.label ?? row.code;

  const [scope, setScope] = useState<SlaScope>('service');
  const [code, setCode] = useState('');
  const [priority, setPriority] = useState<SlaPolicy['priority']>('ALTA');
  const [duplicate, setDuplicate] = useState(false);
  const available = options(scope);
  const chosenCode = available.some((o) => o.value === code) ? code : (available[0]?.value ?? '');
  const add = () => {
    const next = addOverride(rows, { scope, code: chosenCode, priority }, general);
    setDuplicate(next === null);
    if (next) onChange(next);
  };
  const set = (index: number, field: 'responseMinutes' | 'resolutionMinutes', value: number | string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [field]: value } : row)));

  return (
    <Stack gap="sm" component="section" aria-labelledby="sla-overrides-title">
      <Title order={2} size="h4" id="sla-overrides-title">
        {t('adminConfig.slaOverrides.title')}
      </Title>
      <Text size="sm">{t('adminConfig.slaOverrides.intro')}</Text>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('adminConfig.slaOverrides.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table>
            <Table.Caption>{t('adminConfig.slaOverrides.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminConfig.slaOverrides.appliesTo')}</Table.Th>
                <Table.Th scope="col">{t('adminConfig.sla.priority')}</Table.Th>
                <Table.Th scope="col">{t('adminConfig.sla.response')}</Table.Th>
                <Table.Th scope="col">{t('adminConfig.sla.resolution')}</Table.Th>
                <Table.Th scope="col">
                  <VisuallyHidden>{t('adminConfig.slaOverrides.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const target = t('adminConfig.slaOverrides.target', {
                  scope: t(`adminConfig.slaOverrides.scope.${row.scope}`),
                  name: nameOf(row),
                  priority: t(`priority.${row.priority}`),
                });
                return (
                  <Table.Tr
                    key={`${row.scope}:${row.code}:${row.priority}`}
                    data-override={`${row.scope}:${row.code}:${row.priority}`}
                  >
                    <Table.Th scope="row">
                      <Text size="xs" c="dimmed">
                        {t(`adminConfig.slaOverrides.scope.${row.scope}`)}
                      </Text>
                      <Text size="sm">{nameOf(row)}</Text>
                    </Table.Th>
                    <Table.Td>{t(`priority.${row.priority}`)}</Table.Td>
                    {(['responseMinutes', 'resolutionMinutes'] as const).map((field) => {
                      const value = row[field];
                      return (
                        <Table.Td key={field}>
                          <NumberInput
                            aria-label={t(`adminConfig.slaOverrides.${field}Label`, { target })}
                            value={value}
                            onChange={(next) => set(index, field, next)}
                            min={1}
                            max={MAX_SLA_MINUTES}
                            allowDecimal={false}
                            allowNegative={false}
                            suffix=" min"
                            description={
                              invalidMinutes(value) ? undefined : describeMinutes(Number(value), i18n.language)
                            }
                            error={invalidMinutes(value) ? t('adminConfig.sla.invalid') : serverField(index, field)}
                          />
                        </Table.Td>
                      );
                    })}
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('adminConfig.slaOverrides.remove', { target })}
                        onClick={() => onChange(rows.filter((_, i) => i !== index))}
                      >
                        ×
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NativeSelect
          label={t('adminConfig.slaOverrides.scopeLabel')}
          value={scope}
          onChange={(event) => setScope(event.currentTarget.value as SlaScope)}
          data={SLA_SCOPES.map((value) => ({ value, label: t(`adminConfig.slaOverrides.scope.${value}`) }))}
        />
        <NativeSelect
          label={t(`adminConfig.slaOverrides.codeLabel.${scope}`)}
          value={chosenCode}
          onChange={(event) => setCode(event.currentTarget.value)}
          data={available.length > 0 ? available : [{ value: '', label: t('adminConfig.slaOverrides.noCodes') }]}
          disabled={available.length === 0}
          miw={220}
        />
        <NativeSelect
          label={t('adminConfig.sla.priority')}
          value={priority}
          onChange={(event) => setPriority(event.currentTarget.value as SlaPolicy['priority'])}
          data={PRIORITIES.map((value) => ({ value, label: t(`priority.${value}`) }))}
        />
        <Button variant="light" onClick={add} disabled={chosenCode === ''}>
          {t('adminConfig.slaOverrides.add')}
        </Button>
      </Group>
      {duplicate && (
        <Text size="sm" c="red.8" role="alert">
          {t('adminConfig.slaOverrides.duplicate')}
        </Text>
      )}
    </Stack>
  );
}
