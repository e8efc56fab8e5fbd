import { Alert, Box } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { Controller, useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ReportedEquipmentPicker } from '../field-service/ReportedEquipmentPicker';
import { equipmentTypesQuery } from '../inventory/inventory-api';
import { heldEquipmentQuery } from './desk-api';
import type { DeskForm } from './desk-form';
import { fieldMessage } from './field-message';

const EMAIL = z.email();

/**
 * Once the operator has the requester's address, the equipment that person holds now, as checkboxes to
 * tick the pieces with the problem. Only what they hold: the registration refuses anything else.
 */
export function DeskEquipmentPicker() {
  const { t } = useTranslation();
  const form = useFormContext<DeskForm>();
  const [email, name] = form.watch(['requesterEmail', 'requesterName']);
  const [settled] = useDebouncedValue(email.trim(), 300);
  const valid = EMAIL.safeParse(settled).success;
  const held = useQuery({ ...heldEquipmentQuery(settled), enabled: valid });
  const types = useQuery(equipmentTypesQuery);
  const items = useMemo(
    () =>
      valid
        ? (held.data?.items ?? []).map((equipment) => {
            const type = types.data?.find((candidate) => candidate.code === equipment.type);
            return { equipment, typeLabel: type?.label ?? { es: equipment.type, en: equipment.type } };
          })
        : [],
    [valid, held.data, types.data],
  );

  // Another person: what was ticked for the previous one is not theirs.
  const ids = useMemo(() => items.map((item) => item.equipment.id), [items]);
  useEffect(() => {
    if (held.isFetching) return;
    const chosen = form.getValues('equipmentIds') ?? [];
    const kept = chosen.filter((id) => ids.includes(id));
    if (kept.length !== chosen.length) form.setValue('equipmentIds', kept);
  }, [ids, held.isFetching, form]);

  const error = fieldMessage(t, form.formState.errors.equipmentIds as Parameters<typeof fieldMessage>[1]);
  if (items.length === 0 && !error) return null;
  return (
    <Box>
      <Controller
        control={form.control}
        name="equipmentIds"
        render={({ field }) => (
          <ReportedEquipmentPicker
            items={items}
            value={field.value ?? []}
            onChange={field.onChange}
            holderName={name.trim() || settled}
          />
        )}
      />
      {error && (
        <Alert color="red" variant="light" mt="xs" p="xs">
          {error}
        </Alert>
      )}
    </Box>
  );
}
