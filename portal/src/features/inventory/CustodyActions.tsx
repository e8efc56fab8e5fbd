import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import type { FoundRequester } from '../desk-registration/desk-api';
import { RequesterFinder } from '../desk-registration/RequesterFinder';
import { Refusal } from '../workspace/actions/action-kit';
import type { Equipment } from './inventory-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

/**
 * Staff give the equipment to a person of the requester directory (found as they type, as at the desk),
 * transfer it to another, or record its return, each with a note. Refusals (out for repair, retired, the
 * same person) are shown as the gateway words them.
 */
export function CustodyActions({ equipment }: { equipment: Equipment }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [person, setPerson] = useState<FoundRequester | null>(null);
  const [note, setNote] = useState('');
  const [returnNote, setReturnNote] = useState('');
  const [mustPick, setMustPick] = useState(false);
  const path = { params: { path: { id: equipment.id } } };
  const settled = async () => {
    await queryClient.invalidateQueries({ queryKey: ['inventory', 'equipment', equipment.id] });
    await queryClient.invalidateQueries({ queryKey: ['inventory', 'list'] });
  };

  const assign = useMutation({
    mutationFn: (to: FoundRequester) =>
      unwrap(
        api.POST('/api/v1/inventory/equipment/{id}/custody', {
          ...path,
          body: { requesterId: to.id, ...(note.trim() ? { note: note.trim() } : {}) },
        }),
      ),
    onSuccess: async (_, to) => {
      notifications.show({
        color: 'green',
        message: t('inventory.custodyActions.assigned', { number: equipment.inventoryNumber, name: to.name }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      setPerson(null);
      setNote('');
      await settled();
    },
  });
  const giveBack = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/inventory/equipment/{id}/custody/return', {
          ...path,
          body: returnNote.trim() ? { note: returnNote.trim() } : {},
        }),
      ),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('inventory.custodyActions.returned', { number: equipment.inventoryNumber }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      setReturnNote('');
      await settled();
    },
  });

  const submitAssign = () => {
    setMustPick(person === null);
    if (person) assign.mutate(person);
  };

  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('inventory.custodyActions.title')}
        </Title>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            submitAssign();
          }}
          noValidate
        >
          <Stack gap="xs">
            {person ? (
              <Group gap="sm" wrap="wrap">
                <Text size="sm" fw={600} role="status">
                  {t('inventory.custodyActions.picked', { name: person.name, email: person.email })}
                </Text>
                <Button variant="subtle" size="compact-sm" onClick={() => setPerson(null)}>
                  {t('inventory.custodyActions.change')}
                </Button>
              </Group>
            ) : (
              <RequesterFinder
                label={t('inventory.custodyActions.finder')}
                hint={t('inventory.custodyActions.finderHint')}
                onPick={(found) => {
                  setPerson(found);
                  setMustPick(false);
                }}
              />
            )}
            {mustPick && (
              <Text size="sm" c="red.8" role="alert">
                {t('inventory.custodyActions.pickFirst')}
              </Text>
            )}
            <GrowingTextarea
              label={t('inventory.custodyActions.note')}
              description={t('inventory.custodyActions.noteHint')}
              minRows={2}
              maxLength={1000}
              value={note}
              onChange={(event) => setNote(event.currentTarget.value)}
            />
            <Refusal error={assign.error} title={t('inventory.custodyActions.refused')} />
            <Group justify="flex-end">
              <Button type="submit" loading={assign.isPending}>
                {equipment.custody ? t('inventory.custodyActions.transfer') : t('inventory.custodyActions.assign')}
              </Button>
            </Group>
          </Stack>
        </form>
        {equipment.custody && (
          <form
            onSubmit={(event) => {
              event.preventDefault();
              giveBack.mutate();
            }}
            noValidate
          >
            <Stack gap="xs">
              <GrowingTextarea
                label={t('inventory.custodyActions.returnNote')}
                minRows={1}
                maxLength={1000}
                value={returnNote}
                onChange={(event) => setReturnNote(event.currentTarget.value)}
              />
              <Refusal error={giveBack.error} title={t('inventory.custodyActions.refused')} />
              <Group justify="flex-end">
                <Button type="submit" variant="default" loading={giveBack.isPending}>
                  {t('inventory.custodyActions.return')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Card>
  );
}
