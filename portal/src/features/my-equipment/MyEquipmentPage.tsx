import { Alert, Anchor, Badge, Button, Card, Checkbox, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { custodyDocumentUrl } from '../inventory/inventory-api';
import { Refusal } from '../workspace/actions/action-kit';
import { acceptCustody, myEquipmentQuery, type MyEquipmentItem, type SignatureMode } from './my-equipment-api';
import { SignaturePad } from '../../components/SignaturePad';

/**
 * "Mi equipo": the equipment the signed-in person holds now (docs/domain.md § Field service, MX-PR15 lineamiento 7: every user's
 * equipment under a resguardo), each with its custody document to read and accept.
 */
export function MyEquipmentPage() {
  const { t } = useTranslation();
  const mine = useQuery(myEquipmentQuery);
  return (
    <Stack gap="md" maw={900}>
      <Title order={1}>{t('myEquipment.title')}</Title>
      <Text>{t('myEquipment.intro')}</Text>
      {mine.isError ? (
        <Refusal error={mine.error} />
      ) : !mine.data ? (
        <Text>{t('common.loading')}</Text>
      ) : mine.data.items.length === 0 ? (
        <Text>{t('myEquipment.empty')}</Text>
      ) : (
        <Stack
          gap="md"
          component="ul"
          aria-label={t('myEquipment.listLabel')}
          style={{ listStyle: 'none', padding: 0 }}
        >
          {mine.data.items.map((item) => (
            <li key={item.periodId}>
              <EquipmentCard item={item} signature={mine.data.signature} />
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

function EquipmentCard({ item, signature }: { item: MyEquipmentItem; signature: SignatureMode }) {
  const { t, i18n } = useTranslation();
  const [reading, setReading] = useState(false);
  const e = item.equipment;
  const type = i18n.language === 'en' ? item.typeLabel.en : item.typeLabel.es;
  const place = [e.location.building, e.location.floor, e.location.office].filter(Boolean).join(' · ');
  const rows: Array<[string, string]> = [
    [t('myEquipment.number'), e.inventoryNumber],
    [t('myEquipment.type'), type],
    [t('myEquipment.brandModel'), [e.brand, e.model].filter(Boolean).join(' ') || '—'],
    [t('myEquipment.location'), place || '—'],
    [t('myEquipment.since'), formatDateTime(item.since, i18n.language)],
    ...(item.note ? [[t('myEquipment.note'), item.note] as [string, string]] : []),
  ];
  return (
    <Card withBorder component="article" aria-labelledby={`equipo-${item.periodId}`}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id={`equipo-${item.periodId}`}>
            {type} {e.inventoryNumber}
          </Title>
          {item.acceptance ? (
            <Badge color="#2b6a3c" variant="filled" radius="sm">
              {t('myEquipment.accepted', { at: formatDateTime(item.acceptance.at, i18n.language) })}
            </Badge>
          ) : (
            <Badge color="#8a5a00" variant="filled" radius="sm">
              {t('myEquipment.pending')}
            </Badge>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" component="dl" style={{ margin: 0 }}>
          {rows.map(([label, value]) => (
            <div key={label}>
              <Text component="dt" size="xs" fw={700} c="dark.5">
                {label}
              </Text>
              <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
                {value}
              </Text>
            </div>
          ))}
        </SimpleGrid>
        <Group>
          <Anchor href={custodyDocumentUrl(e.id, item.periodId)} download>
            {t('myEquipment.download')}
          </Anchor>
        </Group>
        {!item.acceptance &&
          (reading ? (
            <Acceptance item={item} signature={signature} onClose={() => setReading(false)} />
          ) : (
            <Group>
              <Button onClick={() => setReading(true)}>{t('myEquipment.read')}</Button>
            </Group>
          ))}
      </Stack>
    </Card>
  );
}

/** The document's text, the explicit "I accept" and, where the office wants it, the drawn signature. */
function Acceptance({
  item,
  signature,
  onClose,
}: {
  item: MyEquipmentItem;
  signature: SignatureMode;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [agreed, setAgreed] = useState(false);
  const [drawn, setDrawn] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const accept = useMutation({
    mutationFn: () => acceptCustody(item, drawn),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('myEquipment.acceptedNotice', { number: item.equipment.inventoryNumber }),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await queryClient.invalidateQueries({ queryKey: ['inventory'] });
    },
  });
  const missingSignature = signature === 'required' && drawn === null;
  const titleId = `resguardo-${item.periodId}`;
  return (
    <form
      aria-labelledby={titleId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setTried(true);
        if (agreed && !missingSignature) accept.mutate();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h4" id={titleId}>
          {t('myEquipment.documentTitle', { number: item.equipment.inventoryNumber })}
        </Title>
        <Alert color="gray" variant="light" styles={{ message: { whiteSpace: 'pre-wrap' } }}>
          <Text size="sm" c="dark.8">
            {item.documentText}
          </Text>
        </Alert>
        {signature !== 'off' && (
          <SignaturePad
            label={t('myEquipment.signature')}
            padLabel={t('myEquipment.signaturePad')}
            description={
              signature === 'required' ? t('myEquipment.signatureRequired') : t('myEquipment.signatureOptional')
            }
            error={tried && missingSignature ? t('myEquipment.mustSign') : undefined}
            onChange={(png) => setDrawn(png ? png.slice(png.indexOf(',') + 1) : null)}
          />
        )}
        <Checkbox
          label={t('myEquipment.checkbox')}
          checked={agreed}
          onChange={(event) => setAgreed(event.currentTarget.checked)}
          error={tried && !agreed ? t('myEquipment.mustCheck') : undefined}
        />
        <Refusal error={accept.error} title={t('myEquipment.refused')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('myEquipment.close')}
          </Button>
          <Button type="submit" loading={accept.isPending}>
            {t('myEquipment.accept')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
