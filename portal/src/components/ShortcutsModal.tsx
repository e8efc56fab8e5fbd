import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useShortcutGroups } from './shortcuts';

/** The keys of the page that is open (loaded the first time someone asks: see ShortcutsDialog). */
export function ShortcutsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const groups = useShortcutGroups();
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={t('shortcuts.title')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('shortcuts.close') }}
    >
      <Stack gap="md">
        {groups.length === 0 && <Text size="sm">{t('shortcuts.none')}</Text>}
        {groups.map((group) => (
          <section key={group.title} aria-label={group.title}>
            <Title order={2} size="h5" mb={4}>
              {group.title}
            </Title>
            <Table striped>
              <Table.Tbody>
                {group.shortcuts.map((shortcut) => (
                  <Table.Tr key={shortcut.label}>
                    <Table.Td w={140}>
                      {shortcut.keys.map((key, index) => (
                        <span key={key}>
                          {index > 0 && ' '}
                          <Kbd>{key}</Kbd>
                        </span>
                      ))}
                    </Table.Td>
                    <Table.Td>{shortcut.label}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </section>
        ))}
        <Text size="xs" c="dark.5">
          {t('shortcuts.hint')}
        </Text>
      </Stack>
    </Modal>
  );
}
