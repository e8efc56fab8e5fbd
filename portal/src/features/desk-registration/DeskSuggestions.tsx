import { Badge, Button, Card, Group, List, Loader, Modal, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Schemas } from '../../api/client';
import { ArticleContent } from '../knowledge/ArticleContent';
import { kbArticleQuery, kbSuggestQuery } from '../knowledge/knowledge-api';
import { SUCCESS_COLOR } from '../tickets/ticket-status';

export type SolvingArticle = Pick<Schemas['ArticleV1'], 'id' | 'title' | 'solutionSteps'>;

/** Internal articles are for the desk's eyes: the badge reminds the operator not to read them out as written. */
function VisibilityBadge({ id }: { id: string }) {
  const { t } = useTranslation();
  const article = useQuery(kbArticleQuery(id));
  if (article.data?.visibility !== 'internal') return null;
  return (
    <Badge color="#5f3dc4" variant="filled" radius="sm">
      {t('deskRegistration.kb.internal')}
    </Badge>
  );
}

/**
 * 9.1 step 3, the knowledge base first: published articles (internal ones too, for staff) that match
 * what the operator is typing. Each opens in place (`onOpen`, see ArticleDialog).
 */
export function DeskSuggestions({
  query,
  chosenId,
  onOpen,
}: {
  query: string;
  chosenId: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const suggestions = useQuery(kbSuggestQuery(query));
  const items = suggestions.data ?? [];

  return (
    <Card withBorder padding="md" bg="blue.0" component="aside" aria-labelledby="desk-suggestions-title">
      <Title order={2} size="h5" id="desk-suggestions-title">
        {t('deskRegistration.kb.title')}
      </Title>
      <div aria-live="polite">
        {query.trim().length < 3 ? (
          <Text size="sm" mt={4}>
            {t('deskRegistration.kb.hint')}
          </Text>
        ) : suggestions.isFetching && items.length === 0 ? (
          <Loader size="sm" mt="xs" aria-label={t('common.loading')} />
        ) : items.length === 0 ? (
          <Text size="sm" mt={4}>
            {t('deskRegistration.kb.none')}
          </Text>
        ) : (
          <List spacing={6} size="sm" mt="xs">
            {items.map((item) => (
              <List.Item key={item.id}>
                <UnstyledButton onClick={() => onOpen(item.id)} c="cau.9" td="underline" fz="sm" ta="left">
                  {item.title}
                </UnstyledButton>
                {item.id === chosenId && (
                  <Badge ml={6} color={SUCCESS_COLOR} variant="filled" radius="sm" size="sm">
                    {t('deskRegistration.kb.chosen')}
                  </Badge>
                )}
              </List.Item>
            ))}
          </List>
        )}
      </div>
    </Card>
  );
}

/**
 * A suggested article, read in place without leaving the registration. When it solves the call, the
 * operator says so and the registration records it as solved at first contact. Kept by the page, so
 * the suggestions may move (beside the form or under it) without closing it.
 */
export function ArticleDialog({
  id,
  canSolve,
  onClose,
  onSolvedWith,
}: {
  id: string | null;
  canSolve: boolean;
  onClose: () => void;
  onSolvedWith: (article: SolvingArticle) => void;
}) {
  const { t } = useTranslation();
  const opened = useQuery({ ...kbArticleQuery(id ?? ''), enabled: id !== null });
  return (
    <Modal
      opened={id !== null}
      onClose={onClose}
      size="lg"
      title={t('deskRegistration.kb.article')}
      closeButtonProps={{ 'aria-label': t('deskRegistration.kb.close') }}
    >
      {id && (
        <Stack>
          <VisibilityBadge id={id} />
          <ArticleContent id={id} headingLevel={2} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('deskRegistration.kb.close')}
            </Button>
            {canSolve && opened.data && (
              <Button
                color={SUCCESS_COLOR}
                onClick={() => {
                  onSolvedWith(opened.data);
                  onClose();
                }}
              >
                {t('deskRegistration.kb.solvedWith')}
              </Button>
            )}
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
