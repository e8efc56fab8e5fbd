import { Card, Stack } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AnchorLink } from '../../components/links';
import { useSession } from '../auth/session';
import { isDeskRole } from '../desk-registration/desk-roles';
import { ArticleContent } from './ArticleContent';
import { ArticleFeedback } from './ArticleFeedback';
import { ArticleStaffPanel } from './ArticleStaffPanel';
import { ArticleVersions } from './ArticleVersions';

const route = getRouteApi('/signed-in/kb/$articleId');

export function ArticlePage() {
  const { t } = useTranslation();
  const { articleId } = route.useParams();
  const account = useSession();
  const staff = account != null && isDeskRole(account.role);
  return (
    <Stack maw={900} mx="auto" gap="md">
      <AnchorLink to="/kb" size="sm">
        ← {t('kb.back')}
      </AnchorLink>
      {staff && <ArticleStaffPanel id={articleId} />}
      <Card withBorder padding="lg" component="article">
        <ArticleContent id={articleId} />
      </Card>
      <ArticleFeedback id={articleId} staff={staff} />
      {staff && <ArticleVersions id={articleId} />}
    </Stack>
  );
}
