import { Alert, List, Modal } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import { ticketQuery } from '../../tickets/tickets-api';
import { knownFrom, showsState, showTicketChange, type TicketState } from '../workspace-api';

/**
 * One lifecycle action as a mutation: the service's answer closes the form and is shown at once, then
 * the page waits for the read side to show it (the timeline refreshes). A refusal changes nothing on
 * the service; the page reads the ticket again, since it may have been stale, and the form shows the
 * service's reason (already in the user's language) where it was asked.
 */
export function useTicketAction<V, R = TicketState>(options: {
  number: number;
  call: (variables: V) => Promise<R>;
  /** How to tell that the read side has the change; by default, the answer's lifecycle state. */
  show?: (queryClient: QueryClient, result: R, variables: V) => Promise<void>;
  /** The notice once the service accepted; from its answer when the answer says something worth reading. */
  success: string | ((result: R) => string);
  onDone?: (result: R, variables: V) => void;
}) {
  const queryClient = useQueryClient();
  const { t } = useTranslation();
  const { number, call, show, success, onDone } = options;
  return useMutation({
    mutationFn: call,
    onSuccess: async (result, variables) => {
      onDone?.(result, variables);
      notifications.show({
        color: 'green',
        message: typeof success === 'function' ? success(result) : success,
        closeButtonProps: { 'aria-label': t('workspace.closeNotice') },
      });
      if (show) await show(queryClient, result, variables);
      else {
        const state = result as TicketState;
        await showTicketChange(queryClient, number, showsState(state), knownFrom(state));
      }
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
        await Promise.all([
          queryClient.invalidateQueries({ queryKey: ticketQuery(number).queryKey }),
          queryClient.invalidateQueries({ queryKey: ['tickets', 'path', number] }),
        ]);
      }
    },
  });
}

/** The service's reason for refusing, and the fields it names. */
export function Refusal({ error, title }: { error: unknown; title?: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof ApiError ? error.message : t('errors.unexpectedPage');
  const fields = error instanceof ApiError ? error.fields.filter((field) => field.message !== message) : [];
  return (
    <Alert color="red" role="alert" title={title ?? t('workspace.refused')}>
      {message}
      {fields.length > 0 && (
        <List size="sm" mt={4}>
          {fields.map((field) => (
            <List.Item key={field.field}>{field.message}</List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}

/** The form of one action over the workspace; full screen on a phone. */
export function ActionModal({
  opened,
  onClose,
  title,
  size = 'lg',
  children,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  size?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 40em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={title}
      size={size}
      fullScreen={phone === true}
      closeButtonProps={{ 'aria-label': t('workspace.forms.closeDialog') }}
    >
      {children}
    </Modal>
  );
}

/** A translated zod message key, or nothing. */
export const fieldError = (t: (key: string) => string, message: string | undefined): string | undefined =>
  message ? t(message) : undefined;
