import { Badge, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { ButtonLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import {
  MAIL_LANGUAGES,
  templatePreviewQuery,
  templateQuery,
  templatesQuery,
  templateVersionsQuery,
  type MailKind,
  type MailLanguage,
  type MailTemplate,
  type MailTemplateBody,
} from './admin-config-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const route = getRouteApi('/signed-in/admin/plantillas');

const complete = (draft: MailTemplateBody) =>
  draft.subject.trim() !== '' && draft.text.trim() !== '' && draft.html.trim() !== '';

/** The mails CAU sends, each kind in each language: edit a template with a live preview, see its versions. */
export function TemplatesPage() {
  const { t, i18n } = useTranslation();
  const { kind, language } = route.useSearch();
  const templates = useQuery(templatesQuery);
  return (
    <Stack gap="md" maw={1200} mx="auto">
      <Title order={1}>{t('adminConfig.templates.title')}</Title>
      <Text size="sm">{t('adminConfig.templates.intro', { example: '{{variable}}' })}</Text>
      {templates.isPending && <Text role="status">{t('common.loading')}</Text>}
      {templates.isError && <Refusal error={templates.error} title={t('adminConfig.loadFailed')} />}
      {templates.data && (
        <Table.ScrollContainer minWidth={520}>
          <Table striped>
            <Table.Caption>{t('adminConfig.templates.caption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('adminConfig.templates.kind')}</Table.Th>
                {MAIL_LANGUAGES.map((lang) => (
                  <Table.Th scope="col" key={lang}>
                    {t(`languages.${lang}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {templates.data.kinds.map((entry) => (
                <Table.Tr key={entry.kind}>
                  <Table.Th scope="row">{t(`adminConfig.mailKind.${entry.kind}`)}</Table.Th>
                  {MAIL_LANGUAGES.map((lang) => {
                    const state = entry.languages[lang];
                    const selected = kind === entry.kind && language === lang;
                    return (
                      <Table.Td key={lang}>
                        <Group gap="xs">
                          <ButtonLink
                            to="/admin/plantillas"
                            search={{ kind: entry.kind, language: lang }}
                            size="xs"
                            variant={selected ? 'filled' : 'light'}
                            aria-current={selected ? 'true' : undefined}
                            aria-label={t('adminConfig.templates.editNamed', {
                              kind: t(`adminConfig.mailKind.${entry.kind}`),
                              language: t(`languages.${lang}`),
                            })}
                          >
                            {t('adminConfig.templates.edit')}
                          </ButtonLink>
                          <Text size="xs">
                            {state?.source === 'override'
                              ? t('adminConfig.templates.version', { version: state.version ?? 0 })
                              : t('adminConfig.templates.builtIn')}
                            {state?.updatedAt ? ` · ${formatDateTime(state.updatedAt, i18n.language)}` : ''}
                          </Text>
                        </Group>
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {kind && language && <TemplateEditorLoader key={`${kind}-${language}`} kind={kind} language={language} />}
    </Stack>
  );
}

function TemplateEditorLoader({ kind, language }: { kind: MailKind; language: MailLanguage }) {
  const { t } = useTranslation();
  const template = useQuery(templateQuery(kind, language));
  if (template.isPending) return <Text role="status">{t('common.loading')}</Text>;
  if (template.isError) return <Refusal error={template.error} title={t('adminConfig.loadFailed')} />;
  return <TemplateEditor key={template.data.version} kind={kind} language={language} current={template.data} />;
}

function TemplateEditor({
  kind,
  language,
  current,
}: {
  kind: MailKind;
  language: MailLanguage;
  current: MailTemplate;
}) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<MailTemplateBody>(current.template);
  const [debounced] = useDebouncedValue(draft, 400);
  // Until the draft has all three parts, the preview shows the mail in force.
  const preview = useQuery({
    ...templatePreviewQuery(kind, language, complete(debounced) ? debounced : null),
    placeholderData: keepPreviousData,
  });
  const versions = useQuery(templateVersionsQuery(kind, language));
  const refresh = async () => {
    await queryClient.invalidateQueries({ queryKey: ['admin', 'templates'] });
  };
  const done = (message: string) =>
    notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('workspace.closeNotice') } });
  const save = useMutation({
    mutationFn: () =>
      unwrap(
        api.PUT('/api/v1/notifications/templates/{kind}/{language}', {
          params: { path: { kind, language } },
          body: draft,
        }),
      ),
    onSuccess: async () => {
      done(t('adminConfig.templates.saved'));
      await refresh();
    },
  });
  const reset = useMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/v1/notifications/templates/{kind}/{language}', { params: { path: { kind, language } } })),
    onSuccess: async () => {
      done(t('adminConfig.templates.resetDone'));
      await refresh();
    },
  });
  const fieldError = (name: keyof MailTemplateBody) => {
    const error =
      save.error instanceof ApiError ? save.error : preview.error instanceof ApiError ? preview.error : null;
    return error?.fields.find((field) => field.field === name || field.field.endsWith(`.${name}`))?.message;
  };
  const kindName = t(`adminConfig.mailKind.${kind}`);
  const set = (name: keyof MailTemplateBody, value: string) => setDraft((old) => ({ ...old, [name]: value }));

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="template-editor-title">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Title order={2} size="h3" id="template-editor-title">
            {t('adminConfig.templates.editorTitle', { kind: kindName, language: t(`languages.${language}`) })}
          </Title>
          <Badge variant="light" color={current.source === 'override' ? 'cau' : 'gray'}>
            {current.source === 'override'
              ? t('adminConfig.templates.version', { version: current.version })
              : t('adminConfig.templates.builtIn')}
          </Badge>
        </Group>
        {current.source === 'built-in' && <Text size="sm">{t('adminConfig.templates.builtInHint')}</Text>}
        <Text size="sm" component="div">
          {t('adminConfig.templates.placeholders')}{' '}
          {current.placeholders.map((placeholder, index) => (
            <span key={placeholder.name}>
              {index > 0 && ', '}
              <Code>{`{{${placeholder.name}}}`}</Code>{' '}
              {placeholder.description[language === 'en' || i18n.language === 'en' ? 'en' : 'es'] ?? ''}
            </span>
          ))}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <Stack gap="sm">
            <TextInput
              label={t('adminConfig.templates.subject')}
              value={draft.subject}
              onChange={(event) => set('subject', event.currentTarget.value)}
              error={fieldError('subject')}
              required
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <GrowingTextarea
              label={t('adminConfig.templates.text')}
              value={draft.text}
              onChange={(event) => set('text', event.currentTarget.value)}
              error={fieldError('text')}
              required
              minRows={6}
              maxRows={16}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <GrowingTextarea
              label={t('adminConfig.templates.html')}
              value={draft.html}
              onChange={(event) => set('html', event.currentTarget.value)}
              error={fieldError('html')}
              required
              minRows={6}
              maxRows={16}
              styles={{ input: { fontFamily: 'monospace' } }}
            />
            <Refusal error={save.error ?? reset.error} />
            <Group>
              <Button onClick={() => save.mutate()} loading={save.isPending} disabled={!complete(draft)}>
                {t('adminConfig.templates.save')}
              </Button>
              <Button
                variant="default"
                onClick={() => reset.mutate()}
                loading={reset.isPending}
                disabled={current.source === 'built-in'}
              >
                {t('adminConfig.templates.reset')}
              </Button>
            </Group>
          </Stack>
          <Stack gap="xs" component="section" aria-labelledby="template-preview-title">
            <Group gap="xs">
              <Title order={3} size="h5" id="template-preview-title">
                {t('adminConfig.templates.preview')}
              </Title>
              {preview.data && (
                <Badge variant="outline" color="dark" size="sm">
                  {t(`adminConfig.templates.previewSource.${preview.data.source}`)}
                </Badge>
              )}
            </Group>
            <Text size="sm" role="status" aria-live="polite">
              {preview.isFetching ? t('adminConfig.templates.previewing') : ''}
            </Text>
            {preview.isError && <Refusal error={preview.error} title={t('adminConfig.templates.previewFailed')} />}
            {preview.data && (
              <>
                <Text size="sm" fw={700} data-testid="preview-subject" style={{ overflowWrap: 'anywhere' }}>
                  {preview.data.subject}
                </Text>
                <Text
                  component="pre"
                  size="sm"
                  data-testid="preview-text"
                  style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, fontFamily: 'inherit' }}
                >
                  {preview.data.text}
                </Text>
                {/* The HTML part in an iframe with every permission withheld: no scripts, no forms, no navigation. */}
                <iframe
                  title={t('adminConfig.templates.htmlPreview')}
                  sandbox=""
                  srcDoc={preview.data.html}
                  style={{
                    width: '100%',
                    minHeight: 280,
                    border: '1px solid #ced4da',
                    borderRadius: 4,
                    background: '#fff',
                  }}
                />
              </>
            )}
          </Stack>
        </SimpleGrid>
        <Stack gap="xs" component="section" aria-labelledby="template-versions-title">
          <Title order={3} size="h5" id="template-versions-title">
            {t('adminConfig.templates.versions')}
          </Title>
          {versions.isError && <Refusal error={versions.error} title={t('adminConfig.loadFailed')} />}
          {versions.data?.versions.length === 0 && <Text size="sm">{t('adminConfig.templates.noVersions')}</Text>}
          <Stack component="ol" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
            {versions.data?.versions.map((version) => (
              <Group component="li" key={version.version} gap="xs" justify="space-between" wrap="wrap">
                <Text size="sm">
                  {t('adminConfig.templates.versionLine', {
                    version: version.version,
                    at: formatDateTime(version.createdAt, i18n.language),
                    by: version.createdBy,
                  })}
                  {version.template ? '' : ` · ${t('adminConfig.templates.versionBuiltIn')}`}
                </Text>
                {version.template && (
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setDraft(version.template!)}
                    aria-label={t('adminConfig.templates.loadVersionNamed', { version: version.version })}
                  >
                    {t('adminConfig.templates.loadVersion')}
                  </Button>
                )}
              </Group>
            ))}
          </Stack>
        </Stack>
      </Stack>
    </Card>
  );
}
