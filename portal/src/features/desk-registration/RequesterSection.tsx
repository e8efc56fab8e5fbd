import { Alert, Box, Card, Grid, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useFormContext, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { FoundRequester } from './desk-api';
import type { DeskForm } from './desk-form';
import { DeskEquipmentPicker } from './DeskEquipmentPicker';
import { fieldMessage } from './field-message';
import { RequesterFinder, type NewRequester } from './RequesterFinder';

/**
 * Who the ticket is for: they receive the mails and answer the survey. The operator finds the caller in
 * the directory (picking fills the contact and the jurisdiction) or types someone new; the fields stay
 * editable either way.
 */
export function RequesterSection() {
  const { t } = useTranslation();
  const form = useFormContext<DeskForm>();
  const errors = form.formState.errors;
  const message = (error: FieldError | undefined) => fieldMessage(t, error);
  const [picked, setPicked] = useState<FoundRequester | null>(null);
  // The note about the person picked holds while the form still has their e-mail (not after a reset or an edit).
  const email = form.watch('requesterEmail');
  const shownPick = picked && picked.email === email ? picked : null;

  const fill = (contact: NewRequester, jurisdiction: string | null) => {
    const options = { shouldValidate: form.formState.isSubmitted, shouldDirty: true };
    form.setValue('requesterName', contact.name, options);
    form.setValue('requesterEmail', contact.email, options);
    form.setValue('requesterPhone', contact.phone, options);
    form.setValue('jurisdiction', jurisdiction ?? '', options);
  };

  const pick = (found: FoundRequester) => {
    fill({ name: found.name, email: found.email, phone: found.phone ?? '' }, found.jurisdiction);
    setPicked(found);
  };

  // Someone new: what was typed goes to its field, and the operator carries on with the first empty one.
  const create = (typed: NewRequester) => {
    fill(typed, null);
    setPicked(null);
    const next = !typed.name ? 'requesterName' : !typed.email ? 'requesterEmail' : 'jurisdiction';
    form.setFocus(next);
  };

  return (
    <Card withBorder padding="sm" component="fieldset" style={{ margin: 0 }}>
      <Text component="legend" fw={600} size="sm" px={4}>
        {t('deskRegistration.requester.legend')}
      </Text>
      <RequesterFinder onPick={pick} onCreate={create} />
      {shownPick && (
        <Alert color="blue" variant="light" mb="xs" p="xs" role="status">
          {shownPick.jurisdiction
            ? t('requesterFinder.picked', { name: shownPick.name, jurisdiction: shownPick.jurisdiction })
            : t('requesterFinder.pickedNoJurisdiction', { name: shownPick.name })}
        </Alert>
      )}
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
      <Box mt="sm">
        <DeskEquipmentPicker />
      </Box>
    </Card>
  );
}
