import { Card, Grid, Text, TextInput } from '@mantine/core';
import type { ComponentType } from 'react';
import { useFormContext, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DeskForm } from './desk-form';
import { fieldMessage } from './field-message';

/**
 * A person a directory search found. The requester search (`GET /requesters?search=`, intake's
 * directory) is not in the portal's client yet: its adapter maps each hit to this when it lands.
 */
export interface FoundRequester {
  name: string;
  email: string;
  phone?: string | null;
  jurisdiction?: string | null;
}

/** A search box that hands over the person the operator picked. */
export type RequesterFinder = ComponentType<{ onPick: (found: FoundRequester) => void }>;

/**
 * Who the ticket is for: they receive the mails and answer the survey. The operator types the contact
 * as the caller gives it; with a `finder`, picking a person from the directory fills it (and the
 * jurisdiction), and the fields stay editable.
 */
export function RequesterSection({ finder: Finder }: { finder?: RequesterFinder }) {
  const { t } = useTranslation();
  const form = useFormContext<DeskForm>();
  const errors = form.formState.errors;
  const message = (error: FieldError | undefined) => fieldMessage(t, error);

  const pick = (found: FoundRequester) => {
    const options = { shouldValidate: form.formState.isSubmitted, shouldDirty: true };
    form.setValue('requesterName', found.name, options);
    form.setValue('requesterEmail', found.email, options);
    form.setValue('requesterPhone', found.phone ?? '', options);
    if (found.jurisdiction) form.setValue('jurisdiction', found.jurisdiction, options);
  };

  return (
    <Card withBorder padding="sm" component="fieldset" style={{ margin: 0 }}>
      <Text component="legend" fw={600} size="sm" px={4}>
        {t('deskRegistration.requester.legend')}
      </Text>
      {Finder && <Finder onPick={pick} />}
      <Text size="xs" c="dimmed" mb="xs">
        {t('deskRegistration.requester.hint')}
      </Text>
      <Grid overflow="hidden">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('deskRegistration.requester.name')}
            required
            maxLength={200}
            autoComplete="off"
            {...form.register('requesterName')}
            error={message(errors.requesterName)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('deskRegistration.requester.email')}
            type="email"
            required
            maxLength={254}
            autoComplete="off"
            {...form.register('requesterEmail')}
            error={message(errors.requesterEmail)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('deskRegistration.requester.phone')}
            type="tel"
            maxLength={40}
            autoComplete="off"
            {...form.register('requesterPhone')}
            error={message(errors.requesterPhone)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('deskRegistration.requester.jurisdiction')}
            description={t('deskRegistration.requester.jurisdictionHint')}
            required
            maxLength={64}
            autoComplete="off"
            {...form.register('jurisdiction')}
            error={message(errors.jurisdiction)}
          />
        </Grid.Col>
      </Grid>
    </Card>
  );
}
