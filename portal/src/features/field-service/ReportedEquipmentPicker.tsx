import { Checkbox, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { MyEquipmentItem } from '../my-equipment/my-equipment-api';

interface Props {
  /** The equipment the ticket's requester holds now; nothing is shown when there is none. */
  items: ReadonlyArray<Pick<MyEquipmentItem, 'equipment' | 'typeLabel'>>;
  value: string[];
  onChange: (ids: string[]) => void;
  /** Whose equipment it is, when someone registers for another person (the desk). */
  holderName?: string;
}

/** The pieces of "mi equipo" a problem is about, named when the ticket is registered (issue 15). */
export function ReportedEquipmentPicker({ items, value, onChange, holderName }: Props) {
  const { t, i18n } = useTranslation();
  if (items.length === 0) return null;
  return (
    <Checkbox.Group
      label={t('fieldService.reported.legend')}
      description={
        holderName ? t('fieldService.reported.hintFor', { name: holderName }) : t('fieldService.reported.hint')
      }
      value={value}
      onChange={onChange}
    >
      <Stack gap={6} mt={6}>
        {items.map(({ equipment, typeLabel }) => {
          const brandModel = [equipment.brand, equipment.model].filter(Boolean).join(' ');
          return (
            <Checkbox
              key={equipment.id}
              value={equipment.id}
              label={t('fieldService.reported.option', {
                number: equipment.inventoryNumber,
                type: i18n.language === 'en' ? typeLabel.en : typeLabel.es,
              })}
              description={brandModel || undefined}
            />
          );
        })}
      </Stack>
    </Checkbox.Group>
  );
}
