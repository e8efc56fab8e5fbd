import { Badge, Group, List, Stack, Title, Typography } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Schemas } from '../../api/client';
import './knowledge.css';

type Content = Pick<Schemas['ArticleContentV1'], 'title' | 'problem' | 'cause' | 'solutionSteps' | 'category' | 'tags'>;

/**
 * Authors write Markdown (lists, links, code, tables). Raw HTML in it is shown as text, never rendered, and
 * links to anything but http(s), mailto and relative addresses are dropped (react-markdown's defaults).
 */
export function MarkdownText({ text }: { text: string }) {
  return (
    <Typography className="kb-markdown">
      <Markdown remarkPlugins={[remarkGfm]}>{text}</Markdown>
    </Typography>
  );
}

/** An article as a reader sees it: the problem, its cause, the steps that solve it. */
export function ArticleView({ content, headingLevel = 1 }: { content: Content; headingLevel?: 1 | 2 }) {
  const { t } = useTranslation();
  const { title, problem, cause, solutionSteps, category, tags } = content;
  const sectionOrder = (headingLevel + 1) as 2 | 3;
  return (
    <Stack gap="sm">
      <Title order={headingLevel} size={headingLevel === 1 ? 'h2' : 'h3'} style={{ overflowWrap: 'anywhere' }}>
        {title}
      </Title>
      <Group gap={6}>
        {category && (
          <Badge variant="outline" color="#00428a">
            {category}
          </Badge>
        )}
        {tags.map((tag) => (
          <Badge key={tag} variant="outline" color="dark.5">
            {tag}
          </Badge>
        ))}
      </Group>
      <Title order={sectionOrder} size="h5">
        {t('kb.problem')}
      </Title>
      <MarkdownText text={problem} />
      {cause && (
        <>
          <Title order={sectionOrder} size="h5">
            {t('kb.cause')}
          </Title>
          <MarkdownText text={cause} />
        </>
      )}
      <Title order={sectionOrder} size="h5">
        {t('kb.steps')}
      </Title>
      <List type="ordered" spacing={4}>
        {solutionSteps.map((step, index) => (
          <List.Item key={index}>
            <MarkdownText text={step} />
          </List.Item>
        ))}
      </List>
    </Stack>
  );
}
