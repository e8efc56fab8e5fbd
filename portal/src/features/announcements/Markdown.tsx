import { Anchor, List, Stack, Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Inline } from './markdown';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, index) => {
    switch (node.type) {
      case 'text':
        return <Fragment key={index}>{node.text}</Fragment>;
      case 'strong':
        return <strong key={index}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={index}>{renderInline(node.children)}</em>;
      case 'link':
        return (
          <Anchor key={index} href={node.href} target="_blank" rel="noopener noreferrer" inherit underline="always">
            {renderInline(node.children)}
          </Anchor>
        );
    }
  });
}

/** An announcement's body: its light markdown as React elements, never as HTML. */
export function Markdown({ source, size = 'sm' }: { source: string; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Stack gap={6}>
      {parseMarkdown(source).map((block, index) =>
        block.type === 'paragraph' ? (
          <Text key={index} size={size} style={{ overflowWrap: 'anywhere' }}>
            {block.lines.map((line, n) => (
              <Fragment key={n}>
                {n > 0 && <br />}
                {renderInline(line)}
              </Fragment>
            ))}
          </Text>
        ) : (
          <List key={index} size={size} spacing={2} withPadding>
            {block.items.map((item, n) => (
              <List.Item key={n} style={{ overflowWrap: 'anywhere' }}>
                {renderInline(item)}
              </List.Item>
            ))}
          </List>
        ),
      )}
    </Stack>
  );
}
