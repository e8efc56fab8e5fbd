import { Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../app/format';
import { Refusal } from '../workspace/actions/action-kit';
import { ACCEPTED_TYPES, MAX_FILE_BYTES } from '../tickets/attachments/FilePicker';
import type { ArticleFile } from './article-files';
import { kbFilesQuery, uploadArticleFiles } from './knowledge-api';

/**
 * Uploads to a stored article; each file, once stored, goes to `onUploaded` (the editor inserts its
 * reference where the author was writing). Shared by the button and by paste or drop on a text field.
 */
export function useArticleUpload(articleId: string | null, onUploaded: (files: ArticleFile[]) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (files: File[]) => {
      if (!articleId) throw new Error('the article is not stored yet');
      return uploadArticleFiles(articleId, files);
    },
    onSuccess: async (stored) => {
      onUploaded(stored);
      if (articleId) await queryClient.invalidateQueries({ queryKey: kbFilesQuery(articleId).queryKey });
    },
  });
}

/** The editor's files: a keyboard-reachable upload button, and every file already stored to insert again. */
export function ArticleFilesPanel({
  articleId,
  upload,
  onInsert,
}: {
  articleId: string | null;
  upload: ReturnType<typeof useArticleUpload>;
  onInsert: (file: ArticleFile) => void;
}) {
  const { t } = useTranslation();
  const files = useQuery({ ...kbFilesQuery(articleId ?? ''), enabled: articleId !== null });
  return (
    <fieldset className="kb-steps">
      <legend>{t('kbFiles.title')}</legend>
      <Stack gap="xs">
        {articleId === null ? (
          <Text size="sm" c="dark.5">
            {t('kbFiles.saveFirst')}
          </Text>
        ) : (
          <>
            <Group gap="sm">
              <FileButton
                multiple
                accept={ACCEPTED_TYPES}
                onChange={(chosen) => chosen.length > 0 && upload.mutate(chosen)}
              >
                {(props) => (
                  <Button variant="default" size="sm" loading={upload.isPending} {...props}>
                    {t('kbFiles.upload')}
                  </Button>
                )}
              </FileButton>
              <Text size="xs" c="dark.5">
                {t('kbFiles.hint', { size: formatBytes(MAX_FILE_BYTES) })}
              </Text>
            </Group>
            {upload.isPending && (
              <Text size="sm" role="status">
                {t('kbFiles.uploading')}
              </Text>
            )}
            <Refusal error={upload.error} title={t('kbFiles.refused')} />
            {(files.data ?? []).length > 0 && (
              <List size="sm" spacing={4} aria-label={t('kbFiles.stored')}>
                {(files.data ?? []).map((file) => (
                  <List.Item key={file.id}>
                    <Group gap="xs" wrap="nowrap">
                      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                        {file.fileName} ({formatBytes(file.sizeBytes)})
                      </Text>
                      <Button
                        variant="subtle"
                        size="compact-sm"
                        aria-label={t('kbFiles.insertNamed', { name: file.fileName })}
                        onClick={() => onInsert(file)}
                      >
                        {t('kbFiles.insert')}
                      </Button>
                    </Group>
                  </List.Item>
                ))}
              </List>
            )}
          </>
        )}
      </Stack>
    </fieldset>
  );
}
