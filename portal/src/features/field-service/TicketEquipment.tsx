import { Button, Card, Group, List, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { StateBadge, useTypeLabel } from '../inventory/labels';
import { Refusal } from '../workspace/actions/action-kit';
import {
  equipmentDescription,
  equipmentSearchQuery,
  ticketEquipmentQuery,
  useTicketEquipmentChange,
  type EquipmentSummary,
} from './field-service-api';

function EquipmentLine({ equipment, action }: { equipment: EquipmentSummary; action: React.ReactNode }) {
  const typeLabel = useTypeLabel();
  return (
    <List.Item>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Group gap={6}>
            <AnchorLink to="/inventario/$equipmentId" params={{ equipmentId: equipment.id }} fw={600}>
              {equipment.inventoryNumber}
            </AnchorLink>
            <StateBadge state={equipment.state} />
          </Group>
          <Text size="sm">{equipmentDescription(equipment, typeLabel)}</Text>
          {equipment.serial && (
            <Text size="xs" c="dark.5">
              {equipment.serial}
            </Text>
          )}
        </Stack>
        {action}
      </Group>
    </List.Item>
  );
}

/**
 * The equipment the ticket names (issue 12's header reads the same query): staff find a machine by its
 * inventory number or serial and link it, or unlink one named by mistake.
 */
export function TicketEquipment({ number }: { number: number }) {
  const { t } = useTranslation();
  const linked = useQuery(ticketEquipmentQuery(number));
  const [text, setText] = useState('');
  const [searched, setSearched] = useState('');
  const found = useQuery(equipmentSearchQuery(searched));
  const { link, unlink } = useTicketEquipmentChange(number);
  const linkedIds = new Set(linked.data?.map((entry) => entry.equipment.id));
  const search = (event: React.FormEvent) => {
    event.preventDefault();
    setSearched(text.trim());
  };

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ticket-equipment-title">
      <Title order={2} size="h4" id="ticket-equipment-title">
        {t('fieldService.equipment.title')}
      </Title>
      {linked.data?.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('fieldService.equipment.none')}
        </Text>
      )}
      {linked.data && linked.data.length > 0 && (
        <List listStyleType="none" spacing="xs" mt="xs" aria-label={t('fieldService.equipment.listLabel')}>
          {linked.data.map(({ equipment }) => (
            <EquipmentLine
              key={equipment.id}
              equipment={equipment}
              action={
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  loading={unlink.isPending && unlink.variables === equipment.id}
                  aria-label={t('fieldService.equipment.unlinkLabel', { number: equipment.inventoryNumber })}
                  onClick={() => unlink.mutate(equipment.id)}
                >
                  {t('fieldService.equipment.unlink')}
                </Button>
              }
            />
          ))}
        </List>
      )}
      <Refusal error={linked.error ?? unlink.error} />
      <form onSubmit={search} role="search" aria-label={t('fieldService.equipment.searchLabel')} noValidate>
        <Group align="flex-end" gap="xs" mt="sm" wrap="nowrap">
          <TextInput
            label={t('fieldService.equipment.search')}
            description={t('fieldService.equipment.searchHint')}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            maxLength={100}
            style={{ flex: 1 }}
          />
          <Button type="submit" variant="light" disabled={text.trim() === ''} loading={found.isFetching}>
            {t('fieldService.equipment.find')}
          </Button>
        </Group>
      </form>
      <Refusal error={found.error ?? link.error} />
      {found.data && (
        <div aria-live="polite">
          {found.data.items.length === 0 ? (
            <Text size="sm" mt="xs">
              {t('fieldService.equipment.noMatch', { text: searched })}
            </Text>
          ) : (
            <List listStyleType="none" spacing="xs" mt="xs" aria-label={t('fieldService.equipment.matches')}>
              {found.data.items.map((equipment) => (
                <EquipmentLine
                  key={equipment.id}
                  equipment={equipment}
                  action={
                    linkedIds.has(equipment.id) ? (
                      <Text size="xs" c="dark.5">
                        {t('fieldService.equipment.alreadyLinked')}
                      </Text>
                    ) : (
                      <Button
                        size="xs"
                        variant="light"
                        loading={link.isPending && link.variables === equipment.id}
                        aria-label={t('fieldService.equipment.linkLabel', { number: equipment.inventoryNumber })}
                        onClick={() => link.mutate(equipment.id)}
                      >
                        {t('fieldService.equipment.link')}
                      </Button>
                    )
                  }
                />
              ))}
            </List>
          )}
        </div>
      )}
    </Card>
  );
}
