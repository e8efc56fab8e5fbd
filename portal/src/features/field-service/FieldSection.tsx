import { Button, Card, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Refusal } from '../workspace/actions/action-kit';

/**
 * A field-service section of the ticket workspace ("Visitas", "Salidas a reparación"): its title, the
 * ticket's records as a list (or a line saying there are none), and a button that opens the form to add one.
 */
export function FieldSection<Item>({
  id,
  title,
  none,
  listLabel,
  items,
  error,
  renderItem,
  openLabel,
  renderForm,
}: {
  id: string;
  title: string;
  none: string;
  listLabel: string;
  items: readonly Item[] | undefined;
  error: unknown;
  renderItem: (item: Item) => ReactNode;
  openLabel: string;
  renderForm: (onDone: () => void) => ReactNode;
}) {
  const [adding, setAdding] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={id}>
      <Title order={2} size="h4" id={id}>
        {title}
      </Title>
      {items?.length === 0 && (
        <Text size="sm" c="dimmed" mt="xs">
          {none}
        </Text>
      )}
      {items && items.length > 0 && (
        <Stack component="ul" gap="xs" mt="xs" p={0} aria-label={listLabel}>
          {items.map(renderItem)}
        </Stack>
      )}
      <Refusal error={error} />
      {adding ? (
        renderForm(() => setAdding(false))
      ) : (
        <Button size="xs" variant="light" mt="sm" onClick={() => setAdding(true)}>
          {openLabel}
        </Button>
      )}
    </Card>
  );
}
