import { zodResolver } from '@hookform/resolvers/zod';
import {
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { onSubmitOf } from '../../components/forms';
import { catalogueQuery } from '../admin-catalogues/catalogues-api';
import { ActionModal, fieldError, Refusal } from '../workspace/actions/action-kit';
import { AnnouncementCard } from './AnnouncementCard';
import {
  ANNOUNCEMENT_KINDS,
  adminAnnouncementsQuery,
  announcementsChanged,
  createAnnouncement,
  updateAnnouncement,
  withdrawAnnouncement,
  type Announcement,
} from './announcements-api';
import {
  announcementSchema,
  announcementStatus,
  defaultValues,
  fromLocalInput,
  toInput,
  toNewAnnouncement,
  type AnnouncementValues,
} from './announcement-form';
import { GrowingTextarea } from '../../components/GrowingTextarea';

// Dark enough for white text at badge size (WCAG AA 4.5:1), as the ticket status badges.
const STATUS_COLOR = { scheduled: '#1c4f9c', active: '#1e6b34', expired: '#495057' } as const;

/** `/admin/comunicados`: administrators publish, edit, preview and withdraw announcements. */
export function AnnouncementsAdminPage() {
  const { t, i18n } = useTranslation();
  const announcements = useQuery(adminAnnouncementsQuery);
  const [editing, setEditing] = useState<Announcement | 'new' | null>(null);
  const [withdrawing, setWithdrawing] = useState<Announcement | null>(null);
  const now = new Date();
  const items = announcements.data?.items ?? [];

  return (
    <Stack gap="md" maw={960} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('announcements.admin.title')}</Title>
        <Button onClick={() => setEditing('new')}>{t('announcements.admin.new')}</Button>
      </Group>
      <Text size="sm">{t('announcements.admin.intro')}</Text>
      <Text size="sm" c="dark.5" role="status">
        {announcements.isPending ? t('common.loading') : t('announcements.admin.count', { count: items.length })}
      </Text>
      {announcements.isError && <Refusal error={announcements.error} title={t('announcements.admin.loadFailed')} />}
      <Stack
        gap="sm"
        component="ul"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-label={t('announcements.admin.title')}
      >
        {items.map((a) => {
          const status = announcementStatus(a, now);
          return (
            <Card key={a.id} withBorder padding="sm" component="li">
              <Stack gap={6}>
                <Group gap="xs">
                  <Badge color={a.kind === 'security-alert' ? '#a61b1b' : '#1c4f9c'} variant="filled">
                    {t(`announcements.kinds.${a.kind}`)}
                  </Badge>
                  <Badge color={STATUS_COLOR[status]} variant="filled">
                    {t(`announcements.status.${status}`)}
                  </Badge>
                  {a.sendMail && (
                    <Badge color="dark.5" variant="outline">
                      {t('announcements.admin.mailed')}
                    </Badge>
                  )}
                </Group>
                <Title order={2} size="h4" style={{ overflowWrap: 'anywhere' }}>
                  {a.title}
                </Title>
                <Text size="sm">
                  {a.audience === 'everyone'
                    ? t('announcements.admin.forEveryone')
                    : t('announcements.admin.forJurisdictions', { list: a.jurisdictions.join(', ') })}
                  {' · '}
                  {a.validUntil
                    ? t('announcements.validRange', {
                        from: formatDateTime(a.validFrom, i18n.language),
                        until: formatDateTime(a.validUntil, i18n.language),
                      })
                    : t('announcements.validFrom', { from: formatDateTime(a.validFrom, i18n.language) })}
                </Text>
                <Group justify="space-between" align="center" gap="xs">
                  <Text size="xs" c="dark.5">
                    {t('announcements.admin.updated', {
                      name: a.updatedBy.name,
                      at: formatDateTime(a.updatedAt, i18n.language),
                      version: a.version,
                    })}
                  </Text>
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      onClick={() => setEditing(a)}
                      aria-label={t('announcements.admin.editNamed', { title: a.title })}
                    >
                      {t('announcements.admin.edit')}
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setWithdrawing(a)}
                      aria-label={t('announcements.admin.withdrawNamed', { title: a.title })}
                    >
                      {t('announcements.admin.withdraw')}
                    </Button>
                  </Group>
                </Group>
              </Stack>
            </Card>
          );
        })}
      </Stack>
      {editing !== null && (
        <AnnouncementForm announcement={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />
      )}
      {withdrawing && <WithdrawAnnouncement announcement={withdrawing} onClose={() => setWithdrawing(null)} />}
    </Stack>
  );
}

function AnnouncementForm({ announcement, onClose }: { announcement: Announcement | null; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const catalogue = useQuery(catalogueQuery);
  const jurisdictions = (catalogue.data?.jurisdictions ?? []).filter(
    (j) => !j.retired || announcement?.jurisdictions.includes(j.code),
  );
  const form = useForm<AnnouncementValues>({
    resolver: zodResolver(announcementSchema),
    defaultValues: defaultValues(announcement, new Date()),
  });
  const watched = useWatch({ control: form.control });
  const save = useMutation({
    mutationFn: (values: AnnouncementValues) =>
      announcement
        ? updateAnnouncement(announcement.id, toInput(values))
        : createAnnouncement(toNewAnnouncement(values)),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: announcement ? t('announcements.admin.saved') : t('announcements.admin.published'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await announcementsChanged(queryClient);
      onClose();
    },
  });
  const serverField = (name: string) =>
    save.error instanceof ApiError
      ? save.error.fields.find((field) => field.field === name || field.field.startsWith(`${name}.`))?.message
      : undefined;
  const fieldNames = ['kind', 'title', 'body', 'language', 'audience', 'jurisdictions', 'validFrom', 'validUntil'];
  const shownByField = fieldNames.some((name) => serverField(name) !== undefined);
  const { errors } = form.formState;
  const previewFrom = safeIso(watched.validFrom);
  return (
    <ActionModal
      opened
      onClose={onClose}
      size="xl"
      title={announcement ? t('announcements.admin.editTitle') : t('announcements.admin.newTitle')}
    >
      <form onSubmit={onSubmitOf(form.handleSubmit((values) => save.mutate(values)))} noValidate>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label={t('announcements.form.kind')}
              data={ANNOUNCEMENT_KINDS.map((kind) => ({ value: kind, label: t(`announcements.kinds.${kind}`) }))}
              {...form.register('kind')}
              error={serverField('kind')}
            />
            <NativeSelect
              label={t('announcements.form.language')}
              description={t('announcements.form.languageHint')}
              data={[
                { value: 'es', label: t('languages.es') },
                { value: 'en', label: t('languages.en') },
              ]}
              {...form.register('language')}
              error={serverField('language')}
            />
          </SimpleGrid>
          <TextInput
            label={t('announcements.form.title')}
            required
            data-autofocus
            {...form.register('title')}
            error={fieldError(t, errors.title?.message) ?? serverField('title')}
          />
          <GrowingTextarea
            label={t('announcements.form.body')}
            description={t('announcements.form.bodyHint')}
            required
            minRows={4}
            maxRows={12}
            {...form.register('body')}
            error={fieldError(t, errors.body?.message) ?? serverField('body')}
          />
          <NativeSelect
            label={t('announcements.form.audience')}
            data={[
              { value: 'everyone', label: t('announcements.form.everyone') },
              { value: 'jurisdictions', label: t('announcements.form.someJurisdictions') },
            ]}
            {...form.register('audience')}
            error={serverField('audience')}
          />
          {watched.audience === 'jurisdictions' && (
            <Controller
              control={form.control}
              name="jurisdictions"
              render={({ field }) => (
                <Checkbox.Group
                  label={t('announcements.form.jurisdictions')}
                  required
                  value={field.value}
                  onChange={field.onChange}
                  error={fieldError(t, errors.jurisdictions?.message) ?? serverField('jurisdictions')}
                >
                  <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
                    {jurisdictions.map((j) => (
                      <Checkbox key={j.code} value={j.code} label={`${j.name} (${j.code})`} />
                    ))}
                  </SimpleGrid>
                  {catalogue.isError && <Refusal error={catalogue.error} />}
                </Checkbox.Group>
              )}
            />
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('announcements.form.validFrom')}
              required
              {...form.register('validFrom')}
              error={fieldError(t, errors.validFrom?.message) ?? serverField('validFrom')}
            />
            <TextInput
              type="datetime-local"
              label={t('announcements.form.validUntil')}
              description={t('announcements.form.validUntilHint')}
              {...form.register('validUntil')}
              error={fieldError(t, errors.validUntil?.message) ?? serverField('validUntil')}
            />
          </SimpleGrid>
          {!announcement && (
            <Checkbox
              label={t('announcements.form.sendMail')}
              description={t('announcements.form.sendMailHint')}
              {...form.register('sendMail')}
            />
          )}
          <Stack gap={4} component="section" aria-label={t('announcements.form.preview')}>
            <Text size="sm" fw={500}>
              {t('announcements.form.preview')}
            </Text>
            <AnnouncementCard
              headingLevel={3}
              announcement={{
                kind: watched.kind ?? 'bulletin',
                title: watched.title?.trim() || t('announcements.form.previewTitle'),
                body: watched.body?.trim() || t('announcements.form.previewBody'),
                validFrom: previewFrom ?? new Date().toISOString(),
                validUntil: safeIso(watched.validUntil),
              }}
            />
          </Stack>
          {!shownByField && <Refusal error={save.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {announcement ? t('announcements.admin.save') : t('announcements.admin.publish')}
            </Button>
          </Group>
        </Stack>
      </form>
    </ActionModal>
  );
}

function safeIso(value: string | undefined): string | null {
  if (!value) return null;
  try {
    return fromLocalInput(value);
  } catch {
    return null;
  }
}

function WithdrawAnnouncement({ announcement, onClose }: { announcement: Announcement; onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const withdraw = useMutation({
    mutationFn: () => withdrawAnnouncement(announcement.id),
    onSuccess: async () => {
      notifications.show({
        color: 'green',
        message: t('announcements.admin.withdrawn'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await announcementsChanged(queryClient);
      onClose();
    },
  });
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('announcements.admin.withdrawTitle')}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      <Stack gap="sm">
        <Text size="sm">{t('announcements.admin.withdrawConfirm', { title: announcement.title })}</Text>
        <Refusal error={withdraw.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('common.cancel')}
          </Button>
          <Button color="red.9" loading={withdraw.isPending} onClick={() => withdraw.mutate()}>
            {t('announcements.admin.withdraw')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
