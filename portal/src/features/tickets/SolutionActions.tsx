import { Alert, Button, Flex, Group, Modal, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { onSubmitOf } from '../../components/forms';
import { z } from 'zod';
import { zodResolver } from '@hookform/resolvers/zod';
import { api, ApiError, unwrap } from '../../api/client';
import { SUCCESS_COLOR } from './ticket-status';
import { showTicketAfterAction } from './tickets-api';
import { GrowingTextarea } from '../../components/GrowingTextarea';

const persistsSchema = z.object({
  reason: z.string().trim().min(1, 'validation.required').max(2000, 'validation.tooLong'),
});

/** The requester's verdict on a proposed solution: it solved the problem, or the problem persists (reopens). */
export function SolutionActions({ number }: { number: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [persistsOpen, persists] = useDisclosure(false);

  const accept = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/tickets/{number}/acceptance', { params: { path: { number } }, body: {} })),
    onSuccess: async (state) => {
      notifications.show({ color: 'green', message: t('ticket.accepted') });
      await showTicketAfterAction(queryClient, state);
    },
  });
  const reopen = useMutation({
    mutationFn: (reason: string) =>
      unwrap(api.POST('/api/v1/tickets/{number}/reopen', { params: { path: { number } }, body: { reason } })),
    onSuccess: async (state) => {
      persists.close();
      notifications.show({ color: 'blue', message: t('ticket.reopened') });
      await showTicketAfterAction(queryClient, state);
    },
  });
  const form = useForm<z.infer<typeof persistsSchema>>({
    resolver: zodResolver(persistsSchema),
    defaultValues: { reason: '' },
  });
  const failure = accept.error ?? reopen.error;

  return (
    <Stack gap="xs" mt="md">
      <Flex direction={{ base: 'column', xs: 'row' }} gap="sm">
        <Button color={SUCCESS_COLOR} onClick={() => accept.mutate()} loading={accept.isPending}>
          {t('ticket.accept')}
        </Button>
        <Button variant="default" onClick={persists.open}>
          {t('ticket.persists')}
        </Button>
      </Flex>
      {failure instanceof ApiError && !persistsOpen && (
        <Alert color="red" role="alert">
          {failure.message}
        </Alert>
      )}
      <Modal opened={persistsOpen} onClose={persists.close} title={t('ticket.persistsTitle')}>
        <form onSubmit={onSubmitOf(form.handleSubmit(({ reason }) => reopen.mutate(reason)))} noValidate>
          <Stack>
            <GrowingTextarea
              label={t('ticket.persistsReason')}
              minRows={3}
              required
              {...form.register('reason')}
              error={form.formState.errors.reason?.message ? t(form.formState.errors.reason.message) : undefined}
            />
            {reopen.error instanceof ApiError && (
              <Alert color="red" role="alert">
                {reopen.error.message}
              </Alert>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={persists.close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={reopen.isPending}>
                {t('ticket.persistsSubmit')}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </Stack>
  );
}
