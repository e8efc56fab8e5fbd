import { Button, Card, Group, Kbd, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceAction } from './availability';
import { hotkeyOf } from './workspace-shortcuts';

/** The actions with a form of their own, in the order the procedures use them. */
export const FORM_ACTIONS = [
  'assign',
  'estimate',
  'logWork',
  'derive',
  'wait',
  'solution',
  'submit',
  'review',
  'reopen',
  'reclassify',
  'createArticle',
] as const satisfies readonly WorkspaceAction[];
export type FormAction = (typeof FORM_ACTIONS)[number];

function KeyHint({ id }: { id: string }) {
  const key = hotkeyOf(id);
  // The key is announced through aria-keyshortcuts; on a phone there is no keyboard to show it for.
  return key ? (
    <Kbd size="xs" aria-hidden visibleFrom="sm">
      {key.toUpperCase()}
    </Kbd>
  ) : null;
}

/**
 * What the person may do now, as buttons: taking and resuming happen at once, the others open their form.
 * Only the actions the rules allow for the role and the ticket's state are shown.
 */
export function ActionBar({
  available,
  onOpen,
  onTake,
  taking,
  onResume,
  resuming,
  children,
}: {
  available: ReadonlySet<WorkspaceAction>;
  onOpen: (action: FormAction) => void;
  onTake: () => void;
  taking: boolean;
  onResume: () => void;
  resuming: boolean;
  /** Refusals of the immediate actions. */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const shown = FORM_ACTIONS.filter((action) => available.has(action));
  const nothing = !available.has('take') && !available.has('resume') && shown.length === 0;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="actions-title">
      <Stack gap="xs">
        <Title order={2} size="h5" id="actions-title">
          {t('workspace.actions.title')}
        </Title>
        {nothing && (
          <Text size="sm" c="dark.5">
            {t('workspace.actions.none')}
          </Text>
        )}
        <Group gap="xs">
          {available.has('take') && (
            <Button onClick={onTake} loading={taking} rightSection={<KeyHint id="take" />} aria-keyshortcuts="t">
              {t('workspace.actions.take')}
            </Button>
          )}
          {available.has('resume') && (
            <Button
              onClick={onResume}
              loading={resuming}
              variant="light"
              rightSection={<KeyHint id="wait" />}
              aria-keyshortcuts="w"
            >
              {t('workspace.actions.resume')}
            </Button>
          )}
          {shown.map((action) => {
            const key = hotkeyOf(action);
            return (
              <Button
                key={action}
                variant="default"
                onClick={() => onOpen(action)}
                rightSection={key ? <KeyHint id={action} /> : undefined}
                aria-keyshortcuts={key}
                aria-haspopup="dialog"
              >
                {t(action === 'reclassify' ? 'workspaceWiring.reclassify.action' : `workspace.actions.${action}`)}
              </Button>
            );
          })}
        </Group>
        {children}
      </Stack>
    </Card>
  );
}
