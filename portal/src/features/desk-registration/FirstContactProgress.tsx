import { Alert, Button, Card, Group, List, Loader, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ButtonLink } from '../../components/links';
import { SUCCESS_COLOR } from '../tickets/ticket-status';
import { FIRST_CONTACT_STEPS, type StepState, type StepStates } from './first-contact';

function StepIcon({ step }: { step: StepState }) {
  const { t } = useTranslation();
  if (step.state === 'running') return <Loader size={20} aria-label={t('common.loading')} />;
  const [color, mark] =
    step.state === 'done' ? [SUCCESS_COLOR, '✓'] : step.state === 'refused' ? ['#b02a2a', '✕'] : ['#495057', '·'];
  return (
    <ThemeIcon color={color} size={20} radius="xl" aria-hidden>
      <Text size="xs" fw={700} c="white" lh={1}>
        {mark}
      </Text>
    </ThemeIcon>
  );
}

/**
 * What the console did for a call solved at first contact, step by step. A refused step stops the rest
 * and says why; the ticket stays registered, and the operator goes on in it by hand.
 */
export function FirstContactProgress({
  number,
  steps,
  onAnother,
}: {
  number: number | null;
  steps: StepStates;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const refused = FIRST_CONTACT_STEPS.find((step) => steps[step].state === 'refused');
  const finished = FIRST_CONTACT_STEPS.every((step) => steps[step].state === 'done');
  const refusal = refused ? steps[refused] : null;

  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="first-contact-progress-title">
      <Stack gap="md">
        <Title order={2} size="h3" id="first-contact-progress-title">
          {number !== null
            ? t('deskRegistration.progress.title', { number })
            : t('deskRegistration.progress.registering')}
        </Title>
        <List spacing="sm" center aria-live="polite">
          {FIRST_CONTACT_STEPS.map((step) => (
            <List.Item key={step} icon={<StepIcon step={steps[step]} />}>
              <Text size="sm">
                {t(`deskRegistration.progress.steps.${step}`)}
                {' — '}
                <Text span size="sm" fw={600}>
                  {t(`deskRegistration.progress.states.${steps[step].state}`)}
                </Text>
              </Text>
            </List.Item>
          ))}
        </List>
        {finished && (
          <Alert color="green" role="status" title={t('deskRegistration.progress.doneTitle', { number })}>
            {t('deskRegistration.progress.doneText')}
          </Alert>
        )}
        {refused && refusal?.state === 'refused' && (
          <Alert color="red" role="alert" title={t(`deskRegistration.progress.refused.${refused}`)}>
            {refusal.reason}
            {number !== null && (
              <Text size="sm" mt="xs">
                {t('deskRegistration.progress.goOn', { number })}
              </Text>
            )}
          </Alert>
        )}
        {(finished || refused) && (
          <Group>
            {number !== null && (
              <ButtonLink to="/tickets/$number" params={{ number }} variant={refused ? 'filled' : 'default'}>
                {t('deskRegistration.progress.open', { number })}
              </ButtonLink>
            )}
            <Button variant={refused ? 'default' : 'filled'} onClick={onAnother}>
              {t('deskRegistration.another')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
