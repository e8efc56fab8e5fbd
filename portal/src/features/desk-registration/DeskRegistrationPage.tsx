import { Alert, Box, Button, Grid, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState } from 'react';
import { Controller, FormProvider, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { onSubmitOf } from '../../components/forms';
import { useSession } from '../auth/session';
import { FilePicker } from '../tickets/attachments/FilePicker';
import { CategorySelect, ChoiceRadios } from '../tickets/TicketFormFields';
import { IMPACTS, TICKET_TYPES, URGENCIES } from '../tickets/report-form';
import { servicesQuery } from '../workspace/workspace-api';
import { recordSolution, registerTicket, submitForReview, takeTicket, waitUntilReadable } from './desk-api';
import {
  DESK_CHANNELS,
  deskSchema,
  emptyDeskForm,
  formFieldOf,
  solutionFromArticle,
  type DeskForm,
  type DeskValues,
} from './desk-form';
import { maySolveAtFirstContact } from './desk-roles';
import { ArticleDialog, DeskSuggestions, type SolvingArticle } from './DeskSuggestions';
import { FirstContactCard } from './FirstContactCard';
import { FirstContactProgress } from './FirstContactProgress';
import { pendingSteps, StepRefused, type FirstContactStep, type StepStates } from './first-contact';
import { fieldMessage, SERVER_ERROR } from './field-message';
import { RequesterSection } from './RequesterSection';
import { GrowingTextarea } from '../../components/GrowingTextarea';

/**
 * The desk's registration (9.1 steps 1–3): a call, a visit or a remote session registered for the
 * person on the other side, with the knowledge base searched while the operator types. Solved at first
 * contact with an article, the console also takes the ticket, records the solution and submits it for
 * the supervisor's review; otherwise it opens the ticket just registered.
 */
export function DeskRegistrationPage() {
  const { t, i18n } = useTranslation();
  const account = useSession()!;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const services = useQuery(servicesQuery);
  const language = i18n.language.startsWith('en') ? 'en' : 'es';
  const [files, setFiles] = useState<File[]>([]);
  const [openArticle, setOpenArticle] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ number: number | null; steps: StepStates } | null>(null);
  // One key per registration: a retry after a lost answer returns the same ticket instead of a second one.
  const idempotencyKey = useRef(crypto.randomUUID());
  const canSolve = maySolveAtFirstContact(account.role);
  // Beside the form on a desk, under the description on a phone (Mantine's md breakpoint).
  const wide = useMediaQuery('(min-width: 62em)', true);

  const form = useForm<DeskForm, unknown, DeskValues>({
    resolver: zodResolver(deskSchema),
    defaultValues: emptyDeskForm(),
  });
  const [title, description, firstContact] = form.watch(['title', 'description', 'firstContact']);
  const [suggestionQuery] = useDebouncedValue((title.trim() || description.trim()).slice(0, 200), 400);

  const setStep = (step: FirstContactStep, state: StepStates[FirstContactStep]) =>
    setProgress((current) => (current ? { ...current, steps: { ...current.steps, [step]: state } } : current));

  /** Runs one step of the first-contact flow, reporting it; a refusal names the step. */
  const step = async <T,>(name: FirstContactStep, run: () => Promise<T>): Promise<T> => {
    setStep(name, { state: 'running' });
    try {
      const result = await run();
      setStep(name, { state: 'done' });
      return result;
    } catch (error) {
      setStep(name, { state: 'refused', reason: error instanceof Error ? error.message : String(error) });
      throw new StepRefused(name, error);
    }
  };

  const registration = useMutation({
    mutationFn: async (values: DeskValues) => {
      const { number } = await registerTicket(values, files, idempotencyKey.current);
      await queryClient.invalidateQueries({ queryKey: ['tickets', 'list'] });
      await queryClient.invalidateQueries({ queryKey: ['requesters'] });
      const solved = values.firstContact;
      if (!solved) return { number, solved: false };
      setProgress({ number, steps: { ...pendingSteps(), register: { state: 'done' } } });
      await step('take', () => takeTicket(number));
      await step('solution', () => recordSolution(number, solved));
      await step('submit', () =>
        submitForReview(number, solved, t('deskRegistration.firstContact.note', { title: solved.articleTitle })),
      );
      return { number, solved: true };
    },
    onSuccess: async ({ number, solved }) => {
      notifications.show({
        color: 'green',
        title: t('deskRegistration.registered', { number }),
        message: solved ? t('deskRegistration.registeredSolved') : t('deskRegistration.registeredOpen'),
        closeButtonProps: { 'aria-label': t('deskRegistration.dismiss') },
      });
      if (solved) return;
      await waitUntilReadable(queryClient, number);
      await navigate({ to: '/tickets/$number', params: { number } });
    },
    onError: (error) => {
      // The gateway names the fields it refused: each is shown beside its input.
      if (!(error instanceof ApiError)) return;
      for (const field of error.fields) {
        const name = formFieldOf(field.field);
        if (name) form.setError(name, { type: SERVER_ERROR, message: field.message });
      }
    },
  });

  const another = () => {
    form.reset(emptyDeskForm(form.getValues('channel')));
    setFiles([]);
    setProgress(null);
    registration.reset();
    idempotencyKey.current = crypto.randomUUID();
  };

  const solveWith = (article: SolvingArticle) => {
    form.setValue('firstContact', {
      articleId: article.id,
      articleTitle: article.title,
      solution: solutionFromArticle(
        article,
        t('deskRegistration.firstContact.solutionIntro', { title: article.title }),
      ),
      verified: false,
    });
  };

  const message = (error: FieldError | undefined) => fieldMessage(t, error);
  const errors = form.formState.errors;
  // The registration itself refused (a later step's refusal is shown by the progress panel).
  const refusal = registration.error instanceof ApiError ? registration.error : null;
  const unplaced = refusal?.fields.filter((field) => formFieldOf(field.field) === null) ?? [];

  if (progress?.number != null) {
    return (
      <Stack maw={820} mx="auto" gap="md">
        <Title order={1}>{t('deskRegistration.title')}</Title>
        <FirstContactProgress number={progress.number} steps={progress.steps} onAnother={another} />
      </Stack>
    );
  }

  const suggestions = (
    <DeskSuggestions query={suggestionQuery} chosenId={firstContact?.articleId ?? null} onOpen={setOpenArticle} />
  );

  return (
    <Stack maw={1200} mx="auto" gap="md">
      <div>
        <Title order={1}>{t('deskRegistration.title')}</Title>
        <Text c="dark.6">{t('deskRegistration.intro')}</Text>
      </div>
      <FormProvider {...form}>
        <Grid gap="lg" overflow="hidden">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <form
              onSubmit={onSubmitOf(form.handleSubmit((values) => registration.mutate(values)))}
              noValidate
              aria-label={t('deskRegistration.title')}
            >
              <Stack gap="md">
                <ChoiceRadios
                  control={form.control}
                  name="channel"
                  label={t('deskRegistration.channel')}
                  choices={DESK_CHANNELS}
                  choiceLabel={(channel) => t(`deskRegistration.channels.${channel}`)}
                  error={message(errors.channel)}
                  inline
                />
                <RequesterSection />
                <TextInput
                  label={t('deskRegistration.subject')}
                  description={t('deskRegistration.subjectHint')}
                  required
                  maxLength={200}
                  {...form.register('title')}
                  error={message(errors.title)}
                />
                <GrowingTextarea
                  label={t('deskRegistration.description')}
                  required
                  minRows={4}
                  maxRows={14}
                  {...form.register('description')}
                  error={message(errors.description)}
                />
                {!wide && suggestions}
                <Grid overflow="hidden">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <Controller
                      control={form.control}
                      name="type"
                      render={({ field }) => (
                        <Select
                          label={t('deskRegistration.type')}
                          required
                          placeholder={t('deskRegistration.choose')}
                          data={TICKET_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
                          value={field.value ?? null}
                          onChange={(value) => field.onChange(value ?? undefined)}
                          onBlur={field.onBlur}
                          error={message(errors.type)}
                          allowDeselect={false}
                        />
                      )}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <CategorySelect
                      control={form.control}
                      name="category"
                      label={t('deskRegistration.category')}
                      placeholder={t('deskRegistration.choose')}
                      nothingFoundMessage={t('deskRegistration.noCategory')}
                      error={message(errors.category)}
                    />
                  </Grid.Col>
                  {(services.data?.length ?? 0) > 0 && (
                    <Grid.Col span={{ base: 12, sm: 6 }}>
                      <Controller
                        control={form.control}
                        name="service"
                        render={({ field }) => (
                          <Select
                            label={t('deskRegistration.service')}
                            description={t('deskRegistration.serviceHelp')}
                            searchable
                            clearable
                            placeholder={t('deskRegistration.noService')}
                            data={(services.data ?? []).map((s) => ({ value: s.code, label: s.label[language] }))}
                            value={field.value || null}
                            onChange={(value) => field.onChange(value ?? '')}
                            onBlur={field.onBlur}
                            error={message(errors.service)}
                          />
                        )}
                      />
                    </Grid.Col>
                  )}
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ChoiceRadios
                      control={form.control}
                      name="impact"
                      label={t('deskRegistration.impact')}
                      choices={IMPACTS}
                      choiceLabel={(impact) => t(`deskRegistration.impacts.${impact}`)}
                      error={message(errors.impact)}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <ChoiceRadios
                      control={form.control}
                      name="urgency"
                      label={t('deskRegistration.urgency')}
                      choices={URGENCIES}
                      choiceLabel={(urgency) => t(`deskRegistration.urgencies.${urgency}`)}
                      error={message(errors.urgency)}
                    />
                  </Grid.Col>
                </Grid>
                <Stack gap="xs">
                  <Text fw={500} size="sm">
                    {t('deskRegistration.files')}
                  </Text>
                  <FilePicker files={files} onChange={setFiles} />
                </Stack>

                <FirstContactCard />

                {refusal && (
                  <Alert color="red" role="alert" title={t('deskRegistration.refused')}>
                    {refusal.message}
                    {unplaced.length > 0 && (
                      <ul>
                        {unplaced.map((field) => (
                          <li key={field.field}>
                            {field.field}: {field.message}
                          </li>
                        ))}
                      </ul>
                    )}
                  </Alert>
                )}
                {registration.error && !refusal && (
                  <Alert color="red" role="alert" title={t('deskRegistration.refused')}>
                    {t('errors.unexpectedPage')}
                  </Alert>
                )}
                <Group justify="flex-end">
                  <Button type="submit" size="md" loading={registration.isPending}>
                    {firstContact ? t('deskRegistration.submitSolved') : t('deskRegistration.submit')}
                  </Button>
                </Group>
              </Stack>
            </form>
          </Grid.Col>
          {wide && (
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Box pos="sticky" top={76}>
                {suggestions}
              </Box>
            </Grid.Col>
          )}
        </Grid>
      </FormProvider>
      <ArticleDialog
        id={openArticle}
        canSolve={canSolve}
        onClose={() => setOpenArticle(null)}
        onSolvedWith={solveWith}
      />
    </Stack>
  );
}
