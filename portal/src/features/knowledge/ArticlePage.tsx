import { Card, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { ArticleContent } from './ArticleContent';

const route = getRouteApi('/signed-in/kb/$articleId');

export function ArticlePage() {
  const { t } = useTranslation();
  const { articleId } = route.useParams();
  return (
    <Stack maw={900} mx="auto" gap="md">
      <AnchorLink to="/kb" size="sm">
        ← {t('kb.back')}
      </AnchorLink>
      <Card withBorder padding="lg" component="article">
        <ArticleContent id={articleId} />
      </Card>
    </Stack>
  );
}
