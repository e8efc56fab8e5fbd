import { Button, Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { useFormContext, useWatch, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { DeskForm } from './desk-form';
import { fieldMessage } from './field-message';
import { GrowingTextarea } from '../../components/GrowingTextarea';

/**
 * "Resuelto en el primer contacto": the article that solved the call, the solution as it will be
 * recorded (the requester is mailed it), and the operator's word that it works for the requester (AGETIC-LIN 7.4).
 */
export function FirstContactCard() {
  const { t } = useTranslation();
  const form = useFormContext<DeskForm>();
  const firstContact = useWatch({ control: form.control, name: 'firstContact' });
  if (!firstContact) return null;
  const errors = form.formState.errors.firstContact;
  const message = (error: FieldError | undefined) => fieldMessage(t, error);

  return (
    <Card withBorder padding="md" bg="green.0" component="section" aria-labelledby="first-contact-title">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h5" id="first-contact-title">
              {t('deskRegistration.firstContact.title')}
            </Title>
            <Text size="sm">
              {t('deskRegistration.firstContact.withArticle', { title: firstContact.articleTitle })}
            </Text>
          </div>
          <Button
            variant="default"
            size="xs"
            onClick={() => form.setValue('firstContact', null, { shouldValidate: form.formState.isSubmitted })}
          >
            {t('deskRegistration.firstContact.remove')}
          </Button>
        </Group>
        <GrowingTextarea
          label={t('deskRegistration.firstContact.solution')}
          description={t('deskRegistration.firstContact.solutionHint')}
          required
          minRows={3}
          maxRows={12}
          {...form.register('firstContact.solution')}
          error={message(errors?.solution)}
        />
        <Checkbox
          label={t('deskRegistration.firstContact.verified')}
          {...form.register('firstContact.verified')}
          error={message(errors?.verified)}
        />
        <Text size="xs" c="dimmed">
          {t('deskRegistration.firstContact.steps')}
        </Text>
      </Stack>
    </Card>
  );
}
