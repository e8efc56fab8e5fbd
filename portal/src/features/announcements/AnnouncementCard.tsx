import { Alert, CloseButton, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import type { AnnouncementKind } from './announcements-api';
import { Markdown } from './Markdown';

// Dark enough for the title and text on the light alert background (WCAG AA).
const COLOR: Record<AnnouncementKind, string> = {
  'security-alert': 'red',
  'planned-outage': 'orange',
  bulletin: 'cau',
};

/**
 * The kind's label (small bold text on the alert's tinted background): shade 9 of red and of the CAU blue
 * reach 4.5:1 there, orange's does not (about 3.9:1), so the outage label takes a darker orange of its own.
 */
const LABEL_COLOR: Record<AnnouncementKind, string> = {
  'security-alert': 'red.9',
  'planned-outage': '#8f3600',
  bulletin: 'cau.9',
};

const ICON: Record<AnnouncementKind, string> = {
  'security-alert': '⚠',
  // A gear (maintenance): the stopwatch ⏱ is missing from common fonts (DejaVu among them) and showed as a box.
  'planned-outage': '⚙',
  bulletin: 'ℹ',
};

export interface AnnouncementView {
  kind: AnnouncementKind;
  title: string;
  body: string;
  validFrom: string;
  validUntil?: string | null;
}

/**
 * One announcement as people see it (also the administrators' preview). A security alert is an
 * `alert` (read out at once) with a heavier border; the others are a `region` named by their title.
 */
export function AnnouncementCard({
  announcement,
  onDismiss,
  headingLevel = 2,
}: {
  announcement: AnnouncementView;
  onDismiss?: () => void;
  headingLevel?: 2 | 3;
}) {
  const { t, i18n } = useTranslation();
  const alert = announcement.kind === 'security-alert';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <Alert
      color={COLOR[announcement.kind]}
      variant="light"
      radius="md"
      role={alert ? 'alert' : 'region'}
      aria-label={`${t(`announcements.kinds.${announcement.kind}`)}: ${announcement.title}`}
      data-kind={announcement.kind}
      icon={<span aria-hidden="true">{ICON[announcement.kind]}</span>}
      styles={{
        root: { borderLeft: `${alert ? 6 : 4}px solid var(--mantine-color-${COLOR[announcement.kind]}-filled)` },
        message: { color: 'var(--mantine-color-text)' },
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
          <Text size="xs" fw={700} tt="uppercase" c={LABEL_COLOR[announcement.kind]}>
            {t(`announcements.kinds.${announcement.kind}`)}
          </Text>
          <Text component={Heading} fw={700} size="md" m={0} style={{ overflowWrap: 'anywhere' }}>
            {announcement.title}
          </Text>
          <Markdown source={announcement.body} />
          <Text size="xs" c="dark.5">
            {announcement.validUntil
              ? t('announcements.validRange', {
                  from: formatDateTime(announcement.validFrom, i18n.language),
                  until: formatDateTime(announcement.validUntil, i18n.language),
                })
              : t('announcements.validFrom', { from: formatDateTime(announcement.validFrom, i18n.language) })}
          </Text>
        </Stack>
        {onDismiss && (
          <CloseButton
            onClick={onDismiss}
            aria-label={t('announcements.dismiss', { title: announcement.title })}
            title={t('announcements.dismissShort')}
          />
        )}
      </Group>
    </Alert>
  );
}
