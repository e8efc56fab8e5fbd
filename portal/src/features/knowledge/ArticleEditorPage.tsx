import { zodResolver } from '@hookform/resolvers/zod';
import {
  ActionIcon,
  Alert,
  Autocomplete,
  Button,
  Card,
  Grid,
  Group,
  List,
  Loader,
  NativeSelect,
  Radio,
  Stack,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import {
  useEffect,
  useRef,
  useState,
  type ClipboardEvent,
  type DragEvent,
  type KeyboardEvent,
  type SyntheticEvent,
} from 'react';
import { Controller, useFieldArray, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap, type Schemas } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { AnchorLink } from '../../components/links';
import { onSubmitOf } from '../../components/forms';
import { Refusal } from '../workspace/actions/action-kit';
import { categoriesQuery, graphQuery } from '../workspace/workspace-api';
import {
  articleFormSchema,
  changesOf,
  contentOf,
  emptyArticle,
  formFieldOf,
  formValuesOf,
  hasChanges,
  type Article,
  type ArticleFormValues,
} from './article-form';
import { insertAt, markdownFor, type ArticleFile } from './article-files';
import { ArticleFilesPanel, useArticleUpload } from './ArticleFilesPanel';
import { ArticleView } from './ArticleView';
import { kbArticleQuery, kbDuplicatesQuery, kbFilesQuery } from './knowledge-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

type Candidate = Schemas['DuplicateCandidateV1'];
/** The fields written in Markdown, where a file's reference can go. */
type MarkdownField = 'problem' | 'cause' | `steps.${number}.text`;

const editRoute = getRouteApi('/signed-in/kb/$articleId/editar');

/** "Nuevo artículo": an empty editor. */
export function NewArticlePage() {
  return <ArticleEditor article={null} />;
}

/** The editor over a stored article; archived articles are kept as they were. */
export function EditArticlePage() {
  const { t } = useTranslation();
  const { articleId } = editRoute.useParams();
  const article = useQuery(kbArticleQuery(articleId));
  if (article.isPending) return <Loader aria-label={t('common.loading')} />;
  if (article.isError) return <QueryError error={article.error} />;
  if (article.data.status === 'archived') {
    return (
      <Stack maw={900} mx="auto">
        <Alert color="yellow" title={t('kbEditor.archivedTitle')}>
          {t('kbEditor.archivedText')}{' '}
          <AnchorLink to="/kb/$articleId" params={{ articleId }}>
            {article.data.title}
          </AnchorLink>
        </Alert>
      </Stack>
    );
  }
  return <ArticleEditor article={article.data} />;
}

/** Creation refused for near-duplicates: the candidates come with the 409. */
class DuplicatesFound extends Error {
  constructor(readonly candidates: Candidate[]) {
    super('duplicates');
  }
}

function ArticleEditor({ article }: { article: Article | null }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const graph = useQuery(graphQuery);
  const categories = useQuery(categoriesQuery);
  const form = useForm<ArticleFormValues>({
    resolver: zodResolver(articleFormSchema),
    defaultValues: article ? formValuesOf(article) : emptyArticle,
  });
  const steps = useFieldArray({ control: form.control, name: 'steps' });
  const values = useWatch({ control: form.control }) as ArticleFormValues;
  const [previewValues] = useDebouncedValue(values, 250);
  const [checked] = useDebouncedValue({ title: values.title.trim(), problem: values.problem.trim() }, 700);
  const duplicates = useQuery(kbDuplicatesQuery({ ...checked, ...(article ? { exceptId: article.id } : {}) }));
  const [refusedAsDuplicate, setRefusedAsDuplicate] = useState<Candidate[] | null>(null);
  const files = useQuery({ ...kbFilesQuery(article?.id ?? ''), enabled: article !== null });

  // Where the author was writing: an uploaded file's reference goes there (the problem's end otherwise).
  const target = useRef<{ name: MarkdownField; start: number; end: number } | null>(null);
  const insertReference = (file: ArticleFile) => {
    const fallback = form.getValues('problem').length;
    const at = target.current ?? { name: 'problem' as const, start: fallback, end: fallback };
    const current = (form.getValues(at.name) as string | undefined) ?? '';
    const next = insertAt(
      current,
      Math.min(at.start, current.length),
      Math.min(at.end, current.length),
      markdownFor(file),
    );
    form.setValue(at.name, next.value, { shouldDirty: true, shouldValidate: form.formState.isSubmitted });
    target.current = { name: at.name, start: next.caret, end: next.caret };
  };
  const upload = useArticleUpload(article?.id ?? null, (stored) => stored.forEach(insertReference));
  const remember = (name: MarkdownField) => (event: SyntheticEvent<HTMLTextAreaElement>) => {
    target.current = { name, start: event.currentTarget.selectionStart, end: event.currentTarget.selectionEnd };
  };
  /** Paste or drop of files (a screenshot) on a text field uploads them; plain text pastes as usual. */
  const markdownField = (name: MarkdownField) => {
    const take = (event: SyntheticEvent<HTMLTextAreaElement>, dropped: File[]) => {
      if (dropped.length === 0 || !article) return;
      event.preventDefault();
      remember(name)(event);
      upload.mutate(dropped);
    };
    // Writing, clicking or moving the caret marks the place; passing through with Tab does not.
    return {
      onInput: remember(name),
      onClick: remember(name),
      onKeyUp: (event: KeyboardEvent<HTMLTextAreaElement>) => {
        if (event.key !== 'Tab' && event.key !== 'Shift') remember(name)(event);
      },
      onPaste: (event: ClipboardEvent<HTMLTextAreaElement>) => take(event, [...event.clipboardData.files]),
      onDrop: (event: DragEvent<HTMLTextAreaElement>) => take(event, [...event.dataTransfer.files]),
    };
  };

  const save = useMutation({
    mutationFn: async ({ values, force }: { values: ArticleFormValues; force: boolean }): Promise<Article> => {
      if (article) {
        const changes = changesOf(article, values);
        if (!hasChanges(changes)) return article;
        return unwrap(api.PATCH('/api/v1/kb/articles/{id}', { params: { path: { id: article.id } }, body: changes }));
      }
      const result = await api.POST('/api/v1/kb/articles', { body: { ...contentOf(values), force } });
      if (result.response.status === 409 && result.error && 'candidates' in result.error) {
        throw new DuplicatesFound(result.error.candidates);
      }
      return unwrap(Promise.resolve(result));
    },
    onSuccess: async (saved) => {
      queryClient.setQueryData(kbArticleQuery(saved.id).queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: ['kb'] });
      notifications.show({
        color: 'green',
        message: t(article ? 'kbEditor.saved' : 'kbEditor.created'),
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      await navigate({ to: '/kb/$articleId', params: { articleId: saved.id } });
    },
    onError: (error) => {
      if (error instanceof DuplicatesFound) setRefusedAsDuplicate(error.candidates);
    },
  });

  // A refusal naming fields is shown under them; anything else above the buttons.
  const serverFields = save.error instanceof ApiError ? save.error.fields : [];
  useEffect(() => {
    for (const { field, message } of serverFields) {
      form.setError(formFieldOf(field) as keyof ArticleFormValues, { type: 'server', message });
    }
  }, [serverFields, form]);
  const { errors } = form.formState;
  // The service's words for a field it refused are shown as they are; the form's own are message keys.
  const message = (error: { message?: string; type?: string } | undefined) =>
    error?.message ? (error.type === 'server' ? error.message : t(error.message)) : undefined;

  // A rule over the whole list (at least one step) rather than over one step's text.
  const stepsError = errors.steps?.root ?? (errors.steps?.message ? errors.steps : undefined);

  const submit = (force: boolean) =>
    onSubmitOf(
      form.handleSubmit((submitted) => {
        setRefusedAsDuplicate(null);
        save.mutate({ values: submitted, force });
      }),
    );

  const areaOptions = [
    { value: '', label: t('kbEditor.anyArea') },
    ...(graph.data?.areas ?? []).map((area) => ({ value: area.code, label: area.name })),
  ];
  const categoryOptions = [...new Set((categories.data ?? []).map((entry) => entry.code))];
  const candidates = refusedAsDuplicate ?? duplicates.data ?? [];
  const language = i18n.language === 'en' ? 'en' : 'es';

  return (
    <Stack gap="md" maw={1400} mx="auto">
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{article ? t('kbEditor.editTitle') : t('kbEditor.newTitle')}</Title>
        <AnchorLink to={article ? '/kb/$articleId' : '/kb'} params={article ? { articleId: article.id } : {}} size="sm">
          {t('common.cancel')}
        </AnchorLink>
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <form onSubmit={submit(false)} noValidate aria-label={t('kbEditor.form')}>
            <Stack gap="sm">
              <TextInput
                label={t('kbEditor.field.title')}
                required
                {...form.register('title')}
                error={message(errors.title)}
              />
              {candidates.length > 0 && (
                <Alert
                  color="yellow"
                  role={refusedAsDuplicate ? 'alert' : 'status'}
                  title={
                    refusedAsDuplicate
                      ? t('kbEditor.duplicatesRefused', { count: candidates.length })
                      : t('kbEditor.duplicates', { count: candidates.length })
                  }
                >
                  <List size="sm" spacing={4}>
                    {candidates.map((candidate) => (
                      <List.Item key={candidate.id}>
                        <AnchorLink to="/kb/$articleId" params={{ articleId: candidate.id }} target="_blank">
                          {candidate.title}
                        </AnchorLink>{' '}
                        ({t(`kbEditor.status.${candidate.status}`)},{' '}
                        {t('kbEditor.similarity', {
                          percent: new Intl.NumberFormat(language, { style: 'percent' }).format(candidate.similarity),
                        })}
                        )
                      </List.Item>
                    ))}
                  </List>
                </Alert>
              )}
              <GrowingTextarea
                label={t('kbEditor.field.problem')}
                description={t('kbEditor.markdownHint')}
                required
                minRows={3}
                maxRows={12}
                {...form.register('problem')}
                {...markdownField('problem')}
                error={message(errors.problem)}
              />
              <GrowingTextarea
                label={t('kbEditor.field.cause')}
                minRows={2}
                maxRows={10}
                {...form.register('cause')}
                {...markdownField('cause')}
                error={message(errors.cause)}
              />
              <fieldset className="kb-steps">
                <legend>{t('kbEditor.field.solutionSteps')}</legend>
                <Stack gap="xs">
                  {steps.fields.map((step, index) => (
                    <Group key={step.id} align="flex-start" wrap="nowrap" gap="xs">
                      <GrowingTextarea
                        label={t('kbEditor.step', { number: index + 1 })}
                        minRows={1}
                        maxRows={8}
                        style={{ flex: 1 }}
                        {...form.register(`steps.${index}.text`)}
                        {...markdownField(`steps.${index}.text`)}
                        error={message(errors.steps?.[index]?.text)}
                      />
                      <Group gap={4} mt={26} wrap="nowrap">
                        <ActionIcon
                          variant="default"
                          size="lg"
                          aria-label={t('kbEditor.stepUp', { number: index + 1 })}
                          disabled={index === 0}
                          onClick={() => steps.move(index, index - 1)}
                        >
                          ↑
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          aria-label={t('kbEditor.stepDown', { number: index + 1 })}
                          disabled={index === steps.fields.length - 1}
                          onClick={() => steps.move(index, index + 1)}
                        >
                          ↓
                        </ActionIcon>
                        <ActionIcon
                          variant="default"
                          size="lg"
                          color="red"
                          aria-label={t('kbEditor.stepRemove', { number: index + 1 })}
                          disabled={steps.fields.length === 1}
                          onClick={() => steps.remove(index)}
                        >
                          ✕
                        </ActionIcon>
                      </Group>
                    </Group>
                  ))}
                  {stepsError && (
                    <Text size="sm" c="red.8" role="alert">
                      {message(stepsError)}
                    </Text>
                  )}
                  <Button variant="light" size="sm" onClick={() => steps.append({ text: '' })} w="fit-content">
                    {t('kbEditor.addStep')}
                  </Button>
                </Stack>
              </fieldset>
              <ArticleFilesPanel articleId={article?.id ?? null} upload={upload} onInsert={insertReference} />
              <Group grow align="flex-start" wrap="wrap">
                <Controller
                  control={form.control}
                  name="category"
                  render={({ field }) => (
                    <Autocomplete
                      label={t('kbEditor.field.category')}
                      required
                      data={categoryOptions}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      ref={field.ref}
                      error={message(errors.category)}
                    />
                  )}
                />
                <NativeSelect
                  label={t('kbEditor.field.area')}
                  data={areaOptions}
                  {...form.register('area')}
                  error={message(errors.area)}
                />
              </Group>
              <TextInput
                label={t('kbEditor.field.service')}
                {...form.register('service')}
                error={message(errors.service)}
              />
              <Controller
                control={form.control}
                name="tags"
                render={({ field }) => (
                  <TagsInput
                    label={t('kbEditor.field.tags')}
                    description={t('kbEditor.tagsHint')}
                    value={field.value}
                    onChange={field.onChange}
                    onBlur={field.onBlur}
                    ref={field.ref}
                    maxTags={20}
                    error={message(errors.tags)}
                  />
                )}
              />
              <Controller
                control={form.control}
                name="visibility"
                render={({ field }) => (
                  <Radio.Group
                    label={t('kbEditor.field.visibility')}
                    value={field.value}
                    onChange={(value) => field.onChange(value)}
                  >
                    <Stack gap={6} mt={4}>
                      <Radio value="public" label={t('kbEditor.visibility.publicHint')} />
                      <Radio value="internal" label={t('kbEditor.visibility.internalHint')} />
                    </Stack>
                  </Radio.Group>
                )}
              />
              {!(save.error instanceof DuplicatesFound) && serverFields.length === 0 && <Refusal error={save.error} />}
              <Group justify="flex-end">
                {refusedAsDuplicate && (
                  <Button variant="default" onClick={submit(true)} loading={save.isPending}>
                    {t('kbEditor.createAnyway')}
                  </Button>
                )}
                <Button type="submit" loading={save.isPending}>
                  {article ? t('kbEditor.saveChanges') : t('kbEditor.saveDraft')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder padding="lg" component="section" aria-labelledby="kb-preview" className="kb-preview">
            <Text id="kb-preview" size="xs" fw={700} tt="uppercase" c="dark.5" mb="xs">
              {t('kbEditor.preview')}
            </Text>
            <ArticleView content={contentOf(previewValues)} headingLevel={2} files={files.data ?? []} />
          </Card>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
