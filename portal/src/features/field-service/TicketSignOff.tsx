import { Badge, Button, Card, Checkbox, Group, Image, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError, unwrap } from '../../api/client';
import { formatDateTime } from '../../app/format';
import { SignaturePad } from '../../components/SignaturePad';
import { Refusal } from '../workspace/actions/action-kit';
import { ticketSignOffQuery, type SignOff } from './field-service-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const SIGNERS = ['user', 'head', 'repairStaff'] as const;
type Signer = (typeof SIGNERS)[number];

function SignOffForm({ number, onDone }: { number: number; onDone: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [conforme, setConforme] = useState(true);
  const [comments, setComments] = useState('');
  const [names, setNames] = useState<Record<Signer, string>>({ user: '', head: '', repairStaff: '' });
  const [drawings, setDrawings] = useState<Record<Signer, string | null>>({
    user: null,
    head: null,
    repairStaff: null,
  });
  const [missing, setMissing] = useState<Set<Signer>>(new Set());
  const save = useMutation({
    mutationFn: () => {
      const signature = (signer: Signer) => ({
        name: names[signer].trim(),
        ...(drawings[signer] ? { drawing: drawings[signer] } : {}),
      });
      return unwrap(
        api.POST('/api/v1/tickets/{number}/sign-off', {
          params: { path: { number } },
          body: {
            conforme,
            ...(comments.trim() ? { comments: comments.trim() } : {}),
            user: signature('user'),
            head: signature('head'),
            repairStaff: signature('repairStaff'),
          },
        }),
      );
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(ticketSignOffQuery(number).queryKey, saved);
      onDone();
    },
  });
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const empty = new Set(SIGNERS.filter((signer) => names[signer].trim() === ''));
    setMissing(empty);
    if (empty.size === 0) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={t('fieldService.signOff.formTitle')}>
      <Stack gap="sm" mt="sm">
        <Checkbox
          label={t('fieldService.signOff.conforme')}
          checked={conforme}
          onChange={(event) => setConforme(event.currentTarget.checked)}
        />
        <GrowingTextarea
          label={t('fieldService.signOff.comments')}
          minRows={2}
          maxLength={1000}
          value={comments}
          onChange={(event) => setComments(event.currentTarget.value)}
        />
        {SIGNERS.map((signer) => (
          <Card key={signer} withBorder padding="sm" radius="sm">
            <Stack gap="xs">
              <TextInput
                label={t(`fieldService.signOff.signers.${signer}`)}
                description={t('fieldService.signOff.nameHint')}
                required
                maxLength={200}
                value={names[signer]}
                onChange={(event) => {
                  const value = event.currentTarget.value;
                  setNames((current) => ({ ...current, [signer]: value }));
                }}
                error={missing.has(signer) ? t('fieldService.visits.required') : undefined}
              />
              <SignaturePad
                label={t('fieldService.signOff.draw', { signer: t(`fieldService.signOff.signers.${signer}`) })}
                onChange={(drawing) => setDrawings((current) => ({ ...current, [signer]: drawing }))}
              />
            </Stack>
          </Card>
        ))}
        <Refusal error={save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('fieldService.signOff.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function SignOffView({ signOff }: { signOff: SignOff }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="xs" mt="xs">
      <Group gap="xs">
        <Badge color={signOff.conforme ? '#2b6a3c' : '#b02a2a'} variant="filled" radius="sm">
          {t(signOff.conforme ? 'fieldService.signOff.agreed' : 'fieldService.signOff.notAgreed')}
        </Badge>
        <Text size="xs" c="dark.5">
          {t('fieldService.signOff.recorded', {
            when: formatDateTime(signOff.recordedAt, i18n.language),
            name: signOff.recordedBy.name,
          })}
        </Text>
      </Group>
      {signOff.comments && <Text size="sm">{signOff.comments}</Text>}
      <SimpleGrid cols={{ base: 1, xs: 3, md: 1 }} spacing="xs">
        {SIGNERS.map((signer) => (
          <div key={signer}>
            <Text size="xs" fw={600} c="dark.5">
              {t(`fieldService.signOff.signers.${signer}`)}
            </Text>
            <Text size="sm">{signOff[signer].name}</Text>
            {signOff[signer].drawing && (
              <Image
                src={signOff[signer].drawing}
                alt={t('fieldService.signOff.drawnBy', { name: signOff[signer].name })}
                h={60}
                fit="contain"
                w="auto"
              />
            )}
          </div>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** "Conformidad": the end of a field attention, signed by the user, the head of the department and the repair staff. */
export function TicketSignOff({ number }: { number: number }) {
  const { t } = useTranslation();
  const signOff = useQuery(ticketSignOffQuery(number));
  const [signing, setSigning] = useState(false);
  const none = signOff.error instanceof ApiError && signOff.error.status === 404;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ticket-sign-off-title">
      <Title order={2} size="h4" id="ticket-sign-off-title">
        {t('fieldService.signOff.title')}
      </Title>
      {none && (
        <Text size="sm" c="dimmed" mt="xs">
          {t('fieldService.signOff.none')}
        </Text>
      )}
      {signOff.isError && !none && <Refusal error={signOff.error} />}
      {signOff.data && <SignOffView signOff={signOff.data} />}
      {signing ? (
        <SignOffForm number={number} onDone={() => setSigning(false)} />
      ) : (
        <Button size="xs" variant="light" mt="sm" onClick={() => setSigning(true)}>
          {t(signOff.data ? 'fieldService.signOff.again' : 'fieldService.signOff.open')}
        </Button>
      )}
    </Card>
  );
}
