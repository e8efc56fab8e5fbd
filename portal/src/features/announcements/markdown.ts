/**
 * The little markdown announcements may use, parsed into a tree the portal renders as React elements
 * (never as HTML, so nothing the author writes can become markup): paragraphs (blank-line separated,
 * single line breaks kept), `- ` or `* ` lists, `**bold**`, `*italic*` and `[text](https://…)` links
 * (http, https and mailto only; any other link stays as its text).
 */
export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] };

export type Block = { type: 'paragraph'; lines: Inline[][] } | { type: 'list'; items: Inline[][] };

const LIST_ITEM = /^\s*[-*]\s+(.*)$/;

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', lines: paragraph.map(parseInline) });
    if (list.length > 0) blocks.push({ type: 'list', items: list.map(parseInline) });
    paragraph = [];
    list = [];
  };
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const item = LIST_ITEM.exec(line);
    if (line.trim() === '') {
      flush();
    } else if (item) {
      if (paragraph.length > 0) flush();
      list.push(item[1]!.trim());
    } else {
      if (list.length > 0) flush();
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** A link target the portal may open: http(s) and mailto only; null for anything else (javascript:, data:…). */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  return /^(https?:\/\/|mailto:)[^\s]+$/i.test(trimmed) ? trimmed : null;
}

const TOKEN = /\*\*(.+?)\*\*|\*([^*\s](?:[^*]*[^*\s])?)\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function parseInline(text: string): Inline[] {
  const result: Inline[] = [];
  let last = 0;
  for (const match of text.matchAll(TOKEN)) {
    const start = match.index;
    if (start > last) result.push({ type: 'text', text: text.slice(last, start) });
    const [whole, strong, em, label, href] = match;
    if (strong !== undefined) result.push({ type: 'strong', children: parseInline(strong) });
    else if (em !== undefined) result.push({ type: 'em', children: parseInline(em) });
    else {
      const safe = safeHref(href!);
      result.push(safe ? { type: 'link', href: safe, children: parseInline(label!) } : { type: 'text', text: whole });
    }
    last = start + whole.length;
  }
  if (last < text.length) result.push({ type: 'text', text: text.slice(last) });
  return result;
}
