import { Group, Radio, Select, Stack } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { categoryOptions } from '../admin-catalogues/category-options';
import { categoriesQuery } from '../desk-registration/desk-api';

/** The fields every registration form (the requester's report, the desk's registration) shares. */
interface FieldProps<TForm extends FieldValues> {
  control: Control<TForm>;
  name: FieldPath<TForm>;
  label: string;
  error: string | undefined;
}

/**
 * A required choice among a few fixed values, as radios: one under another, or side by side (`inline`)
 * when the choices are short words.
 */
export function ChoiceRadios<TForm extends FieldValues>({
  control,
  name,
  label,
  error,
  choices,
  choiceLabel,
  inline = false,
}: FieldProps<TForm> & {
  choices: readonly string[];
  choiceLabel: (choice: string) => string;
  inline?: boolean;
}) {
  const radios = choices.map((choice) => <Radio key={choice} value={choice} label={choiceLabel(choice)} />);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Radio.Group label={label} required value={field.value ?? ''} onChange={field.onChange} error={error}>
          {inline ? (
            <Group gap="md" mt={6}>
              {radios}
            </Group>
          ) : (
            <Stack gap={6} mt={6}>
              {radios}
            </Stack>
          )}
        </Radio.Group>
      )}
    />
  );
}

/** The required category (or subcategory) out of the active catalogue; a catalogue that fails to load says so. */
export function CategorySelect<TForm extends FieldValues>({
  control,
  name,
  label,
  error,
  placeholder,
  nothingFoundMessage,
}: FieldProps<TForm> & { placeholder: string; nothingFoundMessage: string }) {
  const { i18n } = useTranslation();
  const categories = useQuery(categoriesQuery);
  return (
    <Controller
      control={control}
      name={name}
      render={({ field }) => (
        <Select
          label={label}
          required
          searchable
          placeholder={placeholder}
          data={categoryOptions(categories.data, i18n.language)}
          value={field.value || null}
          onChange={(value) => field.onChange(value ?? '')}
          onBlur={field.onBlur}
          error={error ?? (categories.isError ? categories.error.message : undefined)}
          nothingFoundMessage={nothingFoundMessage}
        />
      )}
    />
  );
}
