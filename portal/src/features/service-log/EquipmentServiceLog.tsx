import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { serviceLogFileUrl, serviceLogQuery } from './service-log-api';
import { ServiceLogTable } from './ServiceLogTable';

/** The equipment page's "Bitácora": the machine's attentions, with its F02 and CSV. */
export function EquipmentServiceLog({ inventoryNumber }: { inventoryNumber: string }) {
  const { t } = useTranslation();
  const filters = useMemo(() => ({ inventoryNumber }), [inventoryNumber]);
  const log = useInfiniteQuery(serviceLogQuery(filters));
  const rows = useMemo(() => log.data?.pages.flatMap((page) => page.items) ?? [], [log.data]);
  if (log.isError) return <Refusal error={log.error} />;
  if (!log.data) return <Text>{t('common.loading')}</Text>;
  return (
    <Stack gap="xs">
      <ServiceLogTable rows={rows} label={t('serviceLog.equipmentSection')} showEquipment={false} />
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Group gap="xs">
          <Button component="a" size="compact-sm" variant="default" href={serviceLogFileUrl(filters, 'pdf')} download>
            {t('serviceLog.pdf')}
          </Button>
          <Button component="a" size="compact-sm" variant="default" href={serviceLogFileUrl(filters, 'csv')} download>
            {t('serviceLog.csv')}
          </Button>
          <AnchorLink to="/inventario/bitacora" search={{ inventoryNumber }} size="sm">
            {t('serviceLog.equipmentOpen')}
          </AnchorLink>
        </Group>
        {log.hasNextPage && (
          <Anchor component="button" type="button" size="sm" onClick={() => void log.fetchNextPage()}>
            {t('serviceLog.more')}
          </Anchor>
        )}
      </Group>
    </Stack>
  );
}
