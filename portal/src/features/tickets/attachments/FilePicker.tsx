import { ActionIcon, Button, FileButton, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatBytes } from '../../../app/format';

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const ACCEPTED_TYPES =
  'application/pdf,image/png,image/jpeg,image/gif,image/webp,text/plain,text/csv,' +
  '.docx,.xlsx,.pptx,.odt,.ods,.doc,.xls';

/**
 * Files chosen for a report or a reply. The gateway checks size and type by content; the picker only
 * warns early about a file that is too large, so nobody waits for an upload that will be refused.
 */
export function FilePicker({ files, onChange }: { files: File[]; onChange: (files: File[]) => void }) {
  const { t } = useTranslation();
  const tooLarge = files.filter((file) => file.size > MAX_FILE_BYTES);
  return (
    <Stack gap={6}>
      <Group gap="sm">
        <FileButton multiple accept={ACCEPTED_TYPES} onChange={(chosen) => onChange([...files, ...chosen])}>
          {(props) => (
            <Button variant="default" {...props}>
              {t('attachments.add')}
            </Button>
          )}
        </FileButton>
        <Text size="xs" c="dark.4">
          {t('attachments.hint', { size: formatBytes(MAX_FILE_BYTES) })}
        </Text>
      </Group>
      {files.length > 0 && (
        <List size="sm" spacing={4} aria-label={t('attachments.chosen')}>
          {files.map((file, index) => (
            <List.Item key={`${file.name}-${index}`}>
              <Group gap="xs" wrap="nowrap">
                <Text size="sm" c={file.size > MAX_FILE_BYTES ? 'red.9' : undefined}>
                  {file.name} ({formatBytes(file.size)})
                </Text>
                <ActionIcon
                  variant="subtle"
                  color="dark"
                  size="sm"
                  aria-label={t('attachments.remove', { name: file.name })}
                  onClick={() => onChange(files.filter((_, i) => i !== index))}
                >
                  ×
                </ActionIcon>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {tooLarge.length > 0 && (
        <Text size="sm" c="red.9" role="alert">
          {t('attachments.tooLarge', {
            names: tooLarge.map((file) => file.name).join(', '),
            size: formatBytes(MAX_FILE_BYTES),
          })}
        </Text>
      )}
    </Stack>
  );
}
