import { Alert, Button, Card, FileInput, List, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { AnchorLink } from '../../components/links';
import { Refusal } from '../workspace/actions/action-kit';
import { importEquipment } from './inventory-api';

const COLUMNS =
  'numero_inventario, serie, tipo, marca, modelo, edificio, piso, oficina, jurisdiccion, estado, fecha_compra, garantia_hasta, proveedor, atributos';

/** A CSV of the institutional register imported all or nothing; the report says what it did or why not. */
export function ImportPage() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const run = useMutation({
    mutationFn: (chosen: File) => importEquipment(chosen),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inventory'] }),
  });
  const refused = run.error instanceof ApiError && run.error.code === 'VALIDATION' ? run.error.fields : [];
  // The file's own problem (how many lines are wrong, or why the file cannot be read) first, as a sentence;
  // then one item per line and column to fix.
  const summary = refused.filter((field) => field.field === 'file');
  const refusedLines = refused.filter((field) => field.field !== 'file');
  return (
    <Stack gap="md" maw={900}>
      <AnchorLink to="/inventario">{t('inventory.back')}</AnchorLink>
      <Title order={1}>{t('inventory.import.title')}</Title>
      <Text size="sm">{t('inventory.import.intro')}</Text>
      <Text size="sm">
        {t('inventory.import.columns')} <code>{COLUMNS}</code>
      </Text>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (file) run.mutate(file);
        }}
      >
        <Stack gap="sm">
          <FileInput
            label={t('inventory.import.file')}
            accept=".csv,text/csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              run.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('inventory.import.clear') }}
          />
          <Button type="submit" disabled={!file} loading={run.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('inventory.import.run')}
          </Button>
        </Stack>
      </form>
      {run.data && (
        <Card withBorder role="status">
          <Title order={2} size="h4" mb="xs">
            {t('inventory.import.done')}
          </Title>
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            {(['rows', 'created', 'changed', 'unchanged'] as const).map((key) => (
              <div key={key}>
                <Text size="xs" fw={700} c="dark.5">
                  {t(`inventory.import.report.${key}`)}
                </Text>
                <Text size="xl" fw={700}>
                  {run.data[key]}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        </Card>
      )}
      {refused.length > 0 ? (
        <Alert color="red" role="alert" title={t('inventory.import.refused')}>
          {summary.map((field, index) => (
            <Text key={`summary-${index}`} size="sm" mb="xs">
              {field.message}
            </Text>
          ))}
          {refusedLines.length > 0 && (
            <List size="sm">
              {refusedLines.map((field, index) => (
                <List.Item key={`${field.field}-${index}`}>{field.message}</List.Item>
              ))}
            </List>
          )}
        </Alert>
      ) : (
        <Refusal error={run.error} />
      )}
    </Stack>
  );
}
