import { Anchor, Badge, Group, List, Stack, Text, Title, Typography } from '@mantine/core';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Schemas } from '../../api/client';
import { formatBytes } from '../../app/format';
import { articleFileId, referencedFileIds, type ArticleFile } from './article-files';
import './knowledge.css';

type Content = Pick<
  Schemas['ArticleRevisionContentV1'],
  'title' | 'problem' | 'cause' | 'solutionSteps' | 'category' | 'tags'
>;

/**
 * Only the article's own files are shown as images (served by the gateway to whoever may read the
 * article); an image from anywhere else would tell a third party who reads the article, so it stays text.
 */
function ArticleImage({ src, alt }: ComponentProps<'img'>) {
  if (typeof src !== 'string' || articleFileId(src) === null) return <span>{alt ? `[${alt}]` : null}</span>;
  return <img src={src} alt={alt ?? ''} loading="lazy" className="kb-image" />;
}

const MARKDOWN_COMPONENTS: Components = { img: ArticleImage };

/**
 * Authors write Markdown (lists, links, code, tables, the article's images). Raw HTML in it is shown as
 * text, never rendered, and links to anything but http(s), mailto and relative addresses are dropped
 * (react-markdown's defaults).
 */
export function MarkdownText({ text }: { text: string }) {
  return (
    <Typography className="kb-markdown">
      <Markdown remarkPlugins={[remarkGfm]} components={MARKDOWN_COMPONENTS}>
        {text}
      </Markdown>
    </Typography>
  );
}

/** The files (not images, which show in place) that the text names, to download. */
function ArticleAttachments({
  texts,
  files,
  headingOrder,
}: {
  texts: string[];
  files: ArticleFile[];
  headingOrder: 2 | 3;
}) {
  const { t } = useTranslation();
  const named = referencedFileIds(texts);
  const listed = files.filter((file) => !file.image && named.has(file.id.toLowerCase()));
  if (listed.length === 0) return null;
  return (
    <>
      <Title order={headingOrder} size="h5">
        {t('kbFiles.attachments')}
      </Title>
      <List spacing={4} size="sm" aria-label={t('kbFiles.attachments')}>
        {listed.map((file) => (
          <List.Item key={file.id}>
            <Anchor href={file.url} download>
              {file.fileName}
            </Anchor>{' '}
            <Text span size="xs" c="dark.5">
              ({formatBytes(file.sizeBytes)})
            </Text>
          </List.Item>
        ))}
      </List>
    </>
  );
}

/** An article as a reader sees it: the problem, its cause, the steps that solve it. */
export function ArticleView({
  content,
  headingLevel = 1,
  files = [],
}: {
  content: Content;
  headingLevel?: 1 | 2;
  /** The article's uploaded files; those the text names are listed for download. */
  files?: ArticleFile[];
}) {
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
      <ArticleAttachments texts={[problem, cause ?? '', ...solutionSteps]} files={files} headingOrder={sectionOrder} />
    </Stack>
  );
}
