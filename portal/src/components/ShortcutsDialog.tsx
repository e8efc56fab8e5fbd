import { Kbd, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isPageKey, useShortcutGroups } from './shortcuts';

/** "?" anywhere outside a field lists the keys of the page that is open. */
export function ShortcutsDialog() {
  const { t } = useTranslation();
  const groups = useShortcutGroups();
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isPageKey(event)) return;
      event.preventDefault();
      setOpened(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <Modal
      opened={opened}
      onClose={() => setOpened(false)}
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
