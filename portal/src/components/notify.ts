import { notifications } from '@mantine/notifications';

/** A green notice that something was saved, with a close button named in the user's language. */
export function notifySaved(t: (key: string) => string, message: string) {
  notifications.show({ color: 'green', message, closeButtonProps: { 'aria-label': t('workspace.closeNotice') } });
}
