import {
  ActionIcon,
  Alert,
  Box,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

import { useRef, useState } from 'react';
import { Controller, useFieldArray, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { ButtonLink } from '../../components/links';
import { api, ApiError, unwrap } from '../../api/client';
import { useSession } from '../auth/session';
import { uploadFiles } from './attachments/attachments-api';
import { FilePicker } from './attachments/FilePicker';
import { IMPACTS, registrationFrom, reportSchema, TICKET_TYPES, URGENCIES, type ReportForm } from './report-form';
import { SuggestedArticles } from './SuggestedArticles';
import { CategorySelect, ChoiceRadios } from './TicketFormFields';
import { myEquipmentQuery } from '../my-equipment/my-equipment-api';
import { ReportedEquipmentPicker } from '../field-service/ReportedEquipmentPicker';
import { GrowingTextarea } from '../../components/GrowingTextarea';

/** "Reportar un problema": registration in plain words, with articles suggested while typing. */
export function ReportProblemPage() {
  const { t } = useTranslation();
  const account = useSession()!;
  const queryClient = useQueryClient();
  // What the person holds, to name the equipment with the problem; the picker hides itself when it is nothing.
  const myEquipment = useQuery(myEquipmentQuery);
  const [files, setFiles] = useState<File[]>([]);
  const [solvedByArticle, setSolvedByArticle] = useState(false);
  // One key per report: a retry after a lost answer returns the same ticket instead of a second one.
  const idempotencyKey = useRef(crypto.randomUUID());
  const isReferente = account.role === 'referente';

  const form = useForm<ReportForm>({
    resolver: zodResolver(reportSchema),
    defaultValues: {
      title: '',
      description: '',
      category: '',
      jurisdiction: account.jurisdiction ?? '',
      forSomeoneElse: false,
      requesterName: '',
      requesterEmail: '',
      requesterPhone: '',
      links: [],
      equipmentIds: [],
    },
  });
  const links = useFieldArray({ control: form.control, name: 'links' });
  const [title, description, forSomeoneElse] = form.watch(['title', 'description', 'forSomeoneElse']);
  // The title says the problem in a few words, which is what articles match best; until there is one,
  // the start of the description stands in.
  const [suggestionQuery] = useDebouncedValue((title.trim() || description.trim()).slice(0, 200), 400);

  const report = useMutation({
    mutationFn: async (values: ReportForm) => {
      const attachmentIds = files.length > 0 ? (await uploadFiles(files)).map((file) => file.id) : undefined;
      return unwrap(
        api.POST('/api/v1/tickets', {
          params: { header: { 'Idempotency-Key': idempotencyKey.current } },
          body: { ...registrationFrom(values, account), ...(attachmentIds ? { attachmentIds } : {}) },
        }),
      );
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['tickets'] });
    },
  });

  const message = (error: FieldError | undefined) => (error?.message ? t(error.message) : undefined);
  const errors = form.formState.errors;

  if (report.isSuccess) {
    const { number } = report.data;
    return (
      <Stack maw={720} mx="auto" mt="lg">
        <Title order={1}>{t('report.doneTitle')}</Title>
        <Alert color="green" role="status" title={t('report.doneNumber', { number })}>
          {t('report.doneText')}
        </Alert>
        <Group>
          <ButtonLink to="/tickets/$number" params={{ number }}>
            {t('report.openTicket')}
          </ButtonLink>
          <ButtonLink variant="default" to="/tickets">
            {t('nav.backToTickets')}
          </ButtonLink>
        </Group>
      </Stack>
    );
  }

  if (solvedByArticle) {
    return (
      <Stack maw={720} mx="auto" mt="lg">
        <Title order={1}>{t('report.selfSolvedTitle')}</Title>
        <Alert color="green" role="status">
          {t('report.selfSolvedText')}
        </Alert>
        <Group>
          <ButtonLink to="/tickets">{t('nav.backToTickets')}</ButtonLink>
          <Button variant="default" onClick={() => setSolvedByArticle(false)}>
            {t('report.reportAnyway')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const refusal = report.error instanceof ApiError ? report.error : null;

  return (
    <Stack maw={1100} mx="auto" gap="md">
      <Title order={1}>{t('report.title')}</Title>
      <Text c="dark.6">{t('report.intro')}</Text>
      <Grid gap="lg" overflow="hidden">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <form onSubmit={onSubmitOf(form.handleSubmit((values) => report.mutate(values)))} noValidate>
            <Stack gap="md">
              <TextInput
                label={t('report.what')}
                description={t('report.whatHint')}
                required
                maxLength={200}
                {...form.register('title')}
                error={message(errors.title)}
              />
              <GrowingTextarea
                label={t('report.details')}
                description={t('report.detailsHint')}
                required
                minRows={4}
                {...form.register('description')}
                error={message(errors.description)}
              />
              <Box hiddenFrom="md">
                <SuggestedArticles query={suggestionQuery} onSolved={() => setSolvedByArticle(true)} />
              </Box>
              <ChoiceRadios
                control={form.control}
                name="type"
                label={t('report.typeLabel')}
                choices={TICKET_TYPES}
                choiceLabel={(type) => t(`report.types.${type}`)}
                error={message(errors.type)}
              />
              <CategorySelect
                control={form.control}
                name="category"
                label={t('report.category')}
                placeholder={t('report.categoryPlaceholder')}
                nothingFoundMessage={t('report.noCategory')}
                error={message(errors.category)}
              />
              <Grid overflow="hidden">
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <ChoiceRadios
                    control={form.control}
                    name="impact"
                    label={t('report.impactLabel')}
                    choices={IMPACTS}
                    choiceLabel={(impact) => t(`report.impact.${impact}`)}
                    error={message(errors.impact)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 6 }}>
                  <ChoiceRadios
                    control={form.control}
                    name="urgency"
                    label={t('report.urgencyLabel')}
                    choices={URGENCIES}
                    choiceLabel={(urgency) => t(`report.urgency.${urgency}`)}
                    error={message(errors.urgency)}
                  />
                </Grid.Col>
              </Grid>

              <Card withBorder padding="sm" component="fieldset" style={{ margin: 0 }}>
                <Text component="legend" fw={500} size="sm" px={4}>
                  {t('report.forWhom')}
                </Text>
                {isReferente ? (
                  <Stack gap="sm">
                    <Checkbox label={t('report.forSomeoneElse')} {...form.register('forSomeoneElse')} />
                    {forSomeoneElse && (
                      <Grid overflow="hidden">
                        <Grid.Col span={{ base: 12, sm: 6 }}>
                          <TextInput
                            label={t('report.requesterName')}
                            required
                            {...form.register('requesterName')}
                            error={message(errors.requesterName)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 6 }}>
                          <TextInput
                            label={t('report.requesterEmail')}
                            type="email"
                            required
                            {...form.register('requesterEmail')}
                            error={message(errors.requesterEmail)}
                          />
                        </Grid.Col>
                        <Grid.Col span={{ base: 12, sm: 6 }}>
                          <TextInput
                            label={t('report.requesterPhone')}
                            type="tel"
                            {...form.register('requesterPhone')}
                            error={message(errors.requesterPhone)}
                          />
                        </Grid.Col>
                      </Grid>
                    )}
                  </Stack>
                ) : (
                  <Text size="sm">{t('report.forMe', { name: account.name, email: account.email })}</Text>
                )}
                {!forSomeoneElse && (
                  <Box mt="sm">
                    <Controller
                      control={form.control}
                      name="equipmentIds"
                      render={({ field }) => (
                        <ReportedEquipmentPicker
                          items={myEquipment.data?.items ?? []}
                          value={field.value}
                          onChange={field.onChange}
                        />
                      )}
                    />
                  </Box>
                )}
                <TextInput
                  mt="sm"
                  label={t('report.jurisdiction')}
                  required
                  readOnly={Boolean(account.jurisdiction)}
                  {...form.register('jurisdiction')}
                  error={message(errors.jurisdiction)}
                />
              </Card>

              <Stack gap="xs">
                <Text fw={500} size="sm">
                  {t('attachments.title')}
                </Text>
                <FilePicker files={files} onChange={setFiles} />
                {links.fields.map((field, index) => (
                  <Group key={field.id} gap="xs" align="flex-start" wrap="nowrap">
                    <TextInput
                      style={{ flex: 1 }}
                      label={t('report.link', { index: index + 1 })}
                      placeholder="https://"
                      type="url"
                      {...form.register(`links.${index}.url`)}
                      error={message(errors.links?.[index]?.url)}
                    />
                    <ActionIcon
                      mt={26}
                      variant="subtle"
                      color="dark"
                      aria-label={t('report.removeLink', { index: index + 1 })}
                      onClick={() => links.remove(index)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                ))}
                {links.fields.length < 10 && (
                  <Button variant="subtle" w="fit-content" onClick={() => links.append({ url: '' })}>
                    {t('report.addLink')}
                  </Button>
                )}
              </Stack>

              {refusal && (
                <Alert color="red" role="alert" title={t('report.refused')}>
                  {refusal.message}
                  {refusal.fields.length > 0 && (
                    <ul>
                      {refusal.fields.map((field) => (
                        <li key={field.field}>{field.message}</li>
                      ))}
                    </ul>
                  )}
                </Alert>
              )}
              <Group justify="flex-end">
                <Button type="submit" size="md" loading={report.isPending}>
                  {t('report.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }} visibleFrom="md">
          <SuggestedArticles query={suggestionQuery} onSolved={() => setSolvedByArticle(true)} />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
