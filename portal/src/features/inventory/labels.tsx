import { Badge } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { EquipmentState } from './inventory-api';
import { equipmentTypesQuery } from './inventory-api';

// Dark enough for white text at badge size (WCAG AA 4.5:1).
const STATE_COLOUR: Record<EquipmentState, string> = {
  en_uso: '#2b6a3c',
  en_stock: '#1c4f9c',
  en_reparacion: '#8a5a00',
  dado_de_baja: '#495057',
};

export function StateBadge({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATE_COLOUR[state as EquipmentState] ?? '#495057'} radius="sm" variant="filled">
      {t(`inventory.states.${state}`)}
    </Badge>
  );
}

/** A type's label in the page's language, from the catalogue (its code while the catalogue loads). */
export function useTypeLabel(): (code: string) => string {
  const { i18n } = useTranslation();
  const types = useQuery(equipmentTypesQuery);
  return (code) => {
    const type = types.data?.find((candidate) => candidate.code === code);
    if (!type) return code;
    return i18n.language === 'en' ? type.label.en : type.label.es;
  };
}
