import { Badge, Group, List, Loader, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryError } from '../../app/ErrorPages';
import { kbArticleQuery } from './knowledge-api';

/** A published article as a reader sees it: the problem, its cause, the steps that solve it. */
export function ArticleContent({ id, headingLevel = 1 }: { id: string; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const article = useQuery(kbArticleQuery(id));
  if (article.isPending) return <Loader aria-label={t('common.loading')} />;
  if (article.isError) return <QueryError error={article.error} />;
  const { title, problem, cause, solutionSteps, category, tags } = article.data;
  return (
    <Stack gap="sm">
      <Title order={headingLevel} size={headingLevel === 1 ? 'h2' : 'h3'}>
        {title}
      </Title>
      <Group gap={6}>
        <Badge variant="outline" color="#00428a">
          {category}
        </Badge>
        {tags.map((tag) => (
          <Badge key={tag} variant="outline" color="dark.5">
            {tag}
          </Badge>
        ))}
      </Group>
      <Title order={(headingLevel + 1) as 2 | 3} size="h5">
        {t('kb.problem')}
      </Title>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{problem}</Text>
      {cause && (
        <>
          <Title order={(headingLevel + 1) as 2 | 3} size="h5">
            {t('kb.cause')}
          </Title>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{cause}</Text>
        </>
      )}
      <Title order={(headingLevel + 1) as 2 | 3} size="h5">
        {t('kb.steps')}
      </Title>
      <List type="ordered" spacing={4}>
        {solutionSteps.map((step, index) => (
          <List.Item key={index}>{step}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
