import { Button, Card, Grid, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { startTransition, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { QueryError } from '../../app/ErrorPages';
import { useTicketEvents, type LiveTicketEvent } from '../../app/live-updates';
import { AnchorLink } from '../../components/links';
import { useSession } from '../auth/session';
import { AttachmentList } from '../tickets/attachments/AttachmentList';
import { ticketQuery } from '../tickets/tickets-api';
import { ActionBar, type FormAction } from './ActionBar';
import { ActionModal, Refusal, useTicketAction } from './actions/action-kit';
import { AssignForm } from './actions/AssignForm';
import { CreateArticle } from './actions/CreateArticle';
import { DeriveForm } from './actions/DeriveForm';
import { ReclassifyForm } from './actions/ReclassifyForm';
import { ReviewForm } from './actions/ReviewForm';
import { SolutionForm } from './actions/SolutionForm';
import { SubmitForm } from './actions/SubmitForm';
import { EstimateForm, ReopenForm, WaitForm, WorkLogForm } from './actions/WorkForms';
import { availableActions, mayReclassify, ticketFactsOf, type WorkspaceAction } from './availability';
import { ChangedAlert } from './ChangedAlert';
import { Composer, COMPOSER_ID } from './Composer';
import { DerivationPath } from './DerivationPath';
import { TicketMails } from './TicketMails';
import { TicketEquipment } from '../field-service/TicketEquipment';
import { TicketVisits } from '../field-service/TicketVisits';
import { TicketRepairs } from '../field-service/TicketRepairs';
import { TicketSignOff } from '../field-service/TicketSignOff';
import { isFieldEvent, useLiveFieldService } from '../field-service/field-service-api';
import { F01Link } from '../service-log/F01Link';
import { WorkspaceHeader } from './WorkspaceHeader';
import { MergedBanner, mayOfferMerge, RelatedTickets } from './RelatedTickets';
import { TicketProblem } from '../problems/TicketProblem';
import { TicketAlerts } from '../monitoring/TicketAlerts';
import { UnsavedTextProvider, useUnsavedRegistry } from './unsaved';
import { WorkspaceTimeline } from './WorkspaceTimeline';
import {
  graphQuery,
  pendingCommentsKey,
  showTicketChange,
  suggestionQuery,
  withPendingComments,
  type TicketDetail,
  type TimelineEntry,
} from './workspace-api';
import { useShortcutGroup } from '../../components/shortcuts';
import { useWorkspaceHotkeys, workspaceShortcutList, type WorkspaceShortcutId } from './workspace-shortcuts';

const route = getRouteApi('/signed-in/tickets/$number');

/** The latest registered solution: what the desk submits and the supervisor reviews. */
function latestSolution(timeline: TimelineEntry[]): string | null {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const entry = timeline[i]!;
    if (entry.type === 'ticket.solution-proposed' && typeof entry.details.solution === 'string')
      return entry.details.solution;
  }
  return null;
}

/** Whether the requester confirmed the solution since it was last submitted. */
function acceptedSinceSubmission(timeline: TimelineEntry[]): boolean {
  for (let i = timeline.length - 1; i >= 0; i--) {
    const type = timeline[i]!.type;
    if (type === 'ticket.solution-accepted') return true;
    if (type === 'ticket.resolved') return false;
  }
  return false;
}

const FORM_TITLES: Record<FormAction, string> = {
  assign: 'workspace.actions.assign',
  estimate: 'workspace.actions.estimate',
  logWork: 'workspace.actions.logWork',
  derive: 'workspace.actions.derive',
  wait: 'workspace.actions.wait',
  solution: 'workspace.actions.solution',
  submit: 'workspace.actions.submit',
  review: 'workspace.actions.review',
  reopen: 'workspace.actions.reopen',
  createArticle: 'workspace.actions.createArticle',
  reclassify: 'workspaceWiring.reclassify.action',
};

/**
 * Whether the side column may be drawn: right after the ticket's own column (header, actions, timeline, reply
 * box) is on screen, in a transition React renders in slices. Its dozen sections each read their own data and
 * together cost about as much to draw as the ticket itself; the person came for the ticket.
 */
function useSideColumnDrawn(): boolean {
  const [drawn, setDrawn] = useState(false);
  useEffect(() => startTransition(() => setDrawn(true)), []);
  return drawn;
}

/** The staff ticket workspace: the ticket at a glance, its whole story, where it went, and what to do next. */
export function WorkspacePage() {
  const { t } = useTranslation();
  const { number } = route.useParams();
  const ticket = useQuery(ticketQuery(number));

  if (ticket.isPending) return <Loader aria-label={t('common.loading')} />;
  if (ticket.isError)
    return (
      <Stack maw={900} mx="auto">
        <Title order={1}>{t('ticket.title', { number })}</Title>
        <QueryError error={ticket.error} />
        <AnchorLink to="/tickets">{t('workspace.back')}</AnchorLink>
      </Stack>
    );
  return <Workspace ticket={ticket.data} />;
}

function Workspace({ ticket }: { ticket: TicketDetail }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language === 'en' ? 'en' : 'es';
  const account = useSession()!;
  const { number } = ticket;
  const graph = useQuery(graphQuery);
  const [open, setOpen] = useState<FormAction | null>(null);
  const close = () => setOpen(null);
  const queryClient = useQueryClient();
  const unsaved = useUnsavedRegistry();
  const [changed, setChanged] = useState<LiveTicketEvent | null>(null);
  // The page refreshes by itself (live-updates refetches the ticket); a person typing is also told why.
  useLiveFieldService(number);
  useTicketEvents(number, (event) => {
    // Field work changes the field sections only (they refresh themselves), never the ticket's own view.
    if (event.by?.accountId === account.id || isFieldEvent(event.type)) return;
    if (unsaved.any()) setChanged(event);
    // The stream can be ahead of the ticket view (reporting learns of the step a moment later): read the
    // ticket until it has caught up with the event, or the refetch shows the state before it.
    void showTicketChange(queryClient, number, (fresh) => Date.parse(fresh.updatedAt) >= Date.parse(event.at));
  });
  const sideColumnDrawn = useSideColumnDrawn();
  const changedAlert = changed && <ChangedAlert event={changed} onClose={() => setChanged(null)} />;
  const pendingComments = useQuery({
    queryKey: pendingCommentsKey(number),
    queryFn: (): TimelineEntry[] => [],
    initialData: [],
    staleTime: Infinity,
  });

  const actor = { accountId: account.id, role: account.role, area: account.area };
  const availability = graph.data
    ? availableActions(actor, ticketFactsOf(ticket), graph.data)
    : availableActions(actor, { ...ticketFactsOf(ticket), area: null }, { entryArea: '', edges: [] });
  const available = new Set<WorkspaceAction>(availability.actions);
  const entryArea = graph.data?.entryArea ?? null;
  if (entryArea !== null && mayReclassify(actor, ticket, entryArea)) available.add('reclassify');

  const asksSuggestion =
    account.role !== 'agent' && (ticket.status === 'abierto' || ticket.status === 'en_curso') && ticket.area !== null;
  const suggestion = useQuery({ ...suggestionQuery(number), enabled: asksSuggestion });
  const suggested = asksSuggestion ? (suggestion.data?.suggestion ?? null) : null;

  const areaName = (code: string) => graph.data?.areas.find((area) => area.code === code)?.name ?? code;
  const solution = latestSolution(ticket.timeline);

  const take = useTicketAction({
    number,
    success: t('workspace.done.take'),
    call: () => unwrap(api.POST('/api/v1/tickets/{number}/take', { params: { path: { number } } })),
  });
  const resume = useTicketAction({
    number,
    success: t('workspace.done.resume'),
    call: () => unwrap(api.POST('/api/v1/tickets/{number}/resume', { params: { path: { number } } })),
  });

  const runShortcut = (id: WorkspaceShortcutId): boolean => {
    switch (id) {
      case 'take':
        if (!available.has('take') || take.isPending) return false;
        take.mutate(undefined);
        return true;
      case 'reply': {
        const box = document.getElementById(COMPOSER_ID);
        if (!box) return false;
        box.focus();
        box.scrollIntoView({ block: 'center' });
        return true;
      }
      case 'wait':
        if (available.has('resume')) {
          if (!resume.isPending) resume.mutate(undefined);
          return true;
        }
        if (!available.has('wait')) return false;
        setOpen('wait');
        return true;
      default:
        if (!available.has(id)) return false;
        setOpen(id);
        return true;
    }
  };
  useWorkspaceHotkeys(runShortcut);
  const shortcutList = workspaceShortcutList(t, runShortcut);
  useShortcutGroup({
    title: shortcutList.title,
    shortcuts: shortcutList.shortcuts.map(({ keys, label }) => ({ keys, label })),
  });

  const formProps = { number, onDone: close, onCancel: close };

  return (
    <UnsavedTextProvider registry={unsaved.registry}>
      <Stack maw={1400} mx="auto" gap="md">
        <AnchorLink to="/consola" size="sm">
          ← {t('workspace.back')}
        </AnchorLink>
        <WorkspaceHeader ticket={ticket} areaName={areaName} />
        <MergedBanner ticket={ticket} />
        {graph.isError && <QueryError error={graph.error} />}
        <ActionBar
          available={available}
          onOpen={setOpen}
          onTake={() => take.mutate(undefined)}
          taking={take.isPending}
          onResume={() => resume.mutate(undefined)}
          resuming={resume.isPending}
        >
          <Refusal error={take.error} title={t('workspace.refusedAction', { action: t('workspace.actions.take') })} />
          <Refusal
            error={resume.error}
            title={t('workspace.refusedAction', { action: t('workspace.actions.resume') })}
          />
        </ActionBar>

        <Grid gap="md" overflow="hidden">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="md">
              <Card withBorder padding="md" component="section" aria-labelledby="description-title">
                <Title order={2} size="h4" id="description-title">
                  {t('ticket.description')}
                </Title>
                <Text mt="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {ticket.description}
                </Text>
              </Card>
              <WorkspaceTimeline timeline={withPendingComments(ticket.timeline, pendingComments.data)} />
              {!open && changedAlert}
              {available.has('reply') && <Composer number={number} />}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            {sideColumnDrawn && (
              <Stack gap="md">
                {suggested && (
                  <Card withBorder padding="md" component="section" aria-labelledby="suggestion-title" bg="blue.0">
                    <Title order={2} size="h4" id="suggestion-title">
                      {t('workspace.suggestion.title', { area: suggested.area })}
                    </Title>
                    <Text size="sm" mt={4}>
                      {areaName(suggested.area)}
                    </Text>
                    <Text size="sm" mt="xs">
                      {suggested.reason[language]}
                    </Text>
                    {availability.derivationTargets.some((edge) => edge.to === suggested.area) && (
                      <Button mt="sm" size="xs" variant="light" onClick={() => setOpen('derive')}>
                        {t('workspace.suggestion.derive', { area: suggested.area })}
                      </Button>
                    )}
                  </Card>
                )}
                {ticket.channel === 'monitoreo' && <TicketAlerts number={number} />}
                <TicketEquipment number={number} />
                <TicketVisits number={number} />
                <TicketRepairs number={number} />
                <TicketSignOff number={number} />
                <F01Link ticketNumber={number} />
                <RelatedTickets ticket={ticket} mayMerge={mayOfferMerge(actor, ticket)} />
                <TicketProblem number={number} title={ticket.title} />
                <DerivationPath number={number} areaName={areaName} />
                <AttachmentList number={number} links={ticket.attachments} />
                <TicketMails number={number} />
              </Stack>
            )}
          </Grid.Col>
        </Grid>

        {open && (
          <ActionModal opened onClose={close} title={t(FORM_TITLES[open])} size={open === 'solution' ? 'xl' : 'lg'}>
            {changedAlert}
            {open === 'assign' && ticket.area && entryArea !== null && (
              <AssignForm {...formProps} area={ticket.area} entryArea={entryArea} />
            )}
            {open === 'reclassify' && <ReclassifyForm {...formProps} ticket={ticket} />}
            {open === 'estimate' && <EstimateForm {...formProps} />}
            {open === 'logWork' && <WorkLogForm {...formProps} />}
            {open === 'derive' && (
              <DeriveForm
                {...formProps}
                targets={availability.derivationTargets}
                suggestion={suggested}
                areaName={areaName}
              />
            )}
            {open === 'wait' && <WaitForm {...formProps} />}
            {open === 'solution' && <SolutionForm {...formProps} />}
            {open === 'submit' && <SubmitForm {...formProps} solution={solution} />}
            {open === 'review' && (
              <ReviewForm {...formProps} solution={solution} accepted={acceptedSinceSubmission(ticket.timeline)} />
            )}
            {open === 'reopen' && <ReopenForm {...formProps} />}
            {open === 'createArticle' && <CreateArticle number={number} title={ticket.title} onCancel={close} />}
          </ActionModal>
        )}
      </Stack>
    </UnsavedTextProvider>
  );
}
