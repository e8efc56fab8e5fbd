import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, NativeSelect, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { AnchorLink } from '../../components/links';
import { fieldError, Refusal } from '../workspace/actions/action-kit';
import { bodyOf, equipmentSchema, valuesOf, type EquipmentValues } from './equipment-form';
import { EQUIPMENT_STATES, equipmentQuery, equipmentTypesQuery, type Equipment } from './inventory-api';
import { useTypeLabel } from './labels';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const editRoute = getRouteApi('/signed-in/inventario/$equipmentId/editar');

export function NewEquipmentPage() {
  return <EquipmentForm equipment={null} />;
}

export function EditEquipmentPage() {
  const { t } = useTranslation();
  const { equipmentId } = editRoute.useParams();
  const equipment = useQuery(equipmentQuery(equipmentId));
  if (equipment.isError) return <Refusal error={equipment.error} />;
  if (!equipment.data) return <Text>{t('common.loading')}</Text>;
  return <EquipmentForm equipment={equipment.data} />;
}

/** The service's names for fields, as the form calls them (location comes nested). */
const SERVER_FIELD: Record<string, keyof EquipmentValues> = {
  'location.building': 'building',
  'location.floor': 'floor',
  'location.office': 'office',
};

function EquipmentForm({ equipment }: { equipment: Equipment | null }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const types = useQuery(equipmentTypesQuery);
  const typeLabel = useTypeLabel();
  const form = useForm<EquipmentValues>({ resolver: zodResolver(equipmentSchema), defaultValues: valuesOf(equipment) });
  const save = useMutation({
    mutationFn: (values: EquipmentValues) =>
      equipment
        ? unwrap(
            api.PATCH('/api/v1/inventory/equipment/{id}', {
              params: { path: { id: equipment.id } },
              body: { revision: equipment.revision, ...bodyOf(values) },
            }),
          )
        : unwrap(api.POST('/api/v1/inventory/equipment', { body: bodyOf(values) })),
    onSuccess: async (saved) => {
      notifications.show({
        color: 'green',
        message: t('inventory.form.saved', { number: saved.inventoryNumber }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: ['inventory'] });
      await navigate({ to: '/inventario/$equipmentId', params: { equipmentId: saved.id } });
    },
  });
  const serverFields = save.error instanceof ApiError ? save.error.fields : [];
  const serverField = (name: keyof EquipmentValues) =>
    serverFields.find((field) => (SERVER_FIELD[field.field] ?? field.field) === name)?.message;
  const { errors } = form.formState;
  const error = (name: keyof EquipmentValues) => fieldError(t, errors[name]?.message) ?? serverField(name);
  const text = (name: keyof EquipmentValues, required = false) => (
    <TextInput label={t(`inventory.form.${name}`)} required={required} {...form.register(name)} error={error(name)} />
  );

  return (
    <Stack gap="md" maw={900}>
      <AnchorLink to="/inventario">{t('inventory.back')}</AnchorLink>
      <Title order={1}>
        {equipment
          ? t('inventory.form.editTitle', { number: equipment.inventoryNumber })
          : t('inventory.form.newTitle')}
      </Title>
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('inventory.form.inventoryNumber')}
              required
              data-autofocus
              {...form.register('inventoryNumber')}
              error={error('inventoryNumber')}
            />
            {text('serial')}
            <NativeSelect
              label={t('inventory.form.type')}
              required
              data={[
                { value: '', label: t('inventory.form.choose') },
                ...(types.data ?? []).map((type) => ({ value: type.code, label: typeLabel(type.code) })),
              ]}
              {...form.register('type')}
              error={error('type')}
            />
            <NativeSelect
              label={t('inventory.form.state')}
              required
              data={EQUIPMENT_STATES.map((state) => ({ value: state, label: t(`inventory.states.${state}`) }))}
              {...form.register('state')}
              error={error('state')}
            />
            {text('brand')}
            {text('model')}
            {text('building')}
            {text('floor')}
            {text('office')}
            {text('jurisdiction')}
            <TextInput
              type="date"
              label={t('inventory.form.purchaseDate')}
              {...form.register('purchaseDate')}
              error={error('purchaseDate')}
            />
            <TextInput
              type="date"
              label={t('inventory.form.warrantyUntil')}
              {...form.register('warrantyUntil')}
              error={error('warrantyUntil')}
            />
            {text('supplier')}
          </SimpleGrid>
          <GrowingTextarea
            label={t('inventory.form.attributes')}
            description={t('inventory.form.attributesHint')}
            minRows={2}
            {...form.register('attributes')}
            error={error('attributes')}
          />
          {serverFields.length === 0 && <Refusal error={save.error} />}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('inventory.form.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
