import Mustache from 'mustache';
import type { FieldProblem } from '@cau/contracts';
import { escapeHtml, oneLine } from './html.js';
import type { RenderedMail } from './mail.js';

/**
 * Administrators' mail templates are Mustache: logic-less (no expressions, helpers or code to run),
 * HTML-escaping by default, and specified independently of any one library. Only what a mail needs
 * is accepted: placeholders of its kind, sections on them and comments.
 */
export interface MailTemplate {
  subject: string;
  text: string;
  html: string;
}

type Part = keyof MailTemplate;
const PARTS: readonly Part[] = ['subject', 'text', 'html'];

/** Mustache token: [type, value, start, end, children?]. */
type Token = [string, string, number, number, Token[]?];

/** Placeholder and section tokens; `&` and `{` are unescaped output, `>` partials, `=` delimiter changes. */
const VALUE_TOKENS = new Set(['name', '#', '^']);
const IGNORED_TOKENS = new Set(['text', '!']);

/**
 * The problems of a template, each naming its field (`prefix` + part). An empty list means the
 * template can be saved and will render: every tag is closed, every placeholder exists, no tag that
 * could include another template or skip escaping in HTML, and the subject keeps the ticket tag.
 */
export function checkTemplate(template: MailTemplate, placeholders: readonly string[], prefix = ''): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const known = new Set(placeholders);
  for (const part of PARTS) {
    const field = `${prefix}${part}`;
    let tokens: Token[];
    try {
      tokens = Mustache.parse(template[part]) as Token[];
    } catch (error) {
      problems.push({ field, constraint: 'templateSyntax', params: [syntaxErrorPosition(error)] });
      continue;
    }
    const problem = firstBadToken(tokens, template[part], part, known, placeholders);
    if (problem) problems.push({ field, ...problem });
    else if (part === 'subject' && !startsWithTicketTag(tokens)) {
      problems.push({ field, constraint: 'ticketTagRequired' });
    }
  }
  return problems;
}

function firstBadToken(
  tokens: readonly Token[],
  source: string,
  part: Part,
  known: ReadonlySet<string>,
  placeholders: readonly string[],
): Omit<FieldProblem, 'field'> | null {
  for (const [type, value, start, end, children] of tokens) {
    if (IGNORED_TOKENS.has(type)) continue;
    // Unescaped output is harmless in the plain parts, which are never escaped.
    const unescaped = type === '&' || type === '{';
    if (!VALUE_TOKENS.has(type) && !(unescaped && part !== 'html')) {
      // As written: Mustache reads `{{{x}}}` and `{{&x}}` alike.
      return { constraint: 'tagNotAllowed', params: [source.slice(start, end)] };
    }
    if (!known.has(value)) return { constraint: 'unknownPlaceholder', params: [value, placeholders] };
    const nested = children ? firstBadToken(children, source, part, known, placeholders) : null;
    if (nested) return nested;
  }
  return null;
}

/** `[CAU #{{number}}]` first, whatever spaces the administrator put inside the braces. */
function startsWithTicketTag(tokens: readonly Token[]): boolean {
  const [first, second, third] = tokens;
  return (
    first?.[0] === 'text' &&
    first[1] === '[CAU #' &&
    second?.[0] === 'name' &&
    second[1] === 'number' &&
    third?.[0] === 'text' &&
    third[1].startsWith(']')
  );
}

/** Mustache says where it stopped reading ("Unclosed tag at 12"); the position is what an editor needs. */
function syntaxErrorPosition(error: unknown): number {
  const match = error instanceof Error ? /at (\d+)\s*$/.exec(error.message) : null;
  return match ? Number(match[1]) : 0;
}

const PLAIN = { escape: (value: string) => value };
const HTML = { escape: escapeHtml };

/**
 * The one mail renderer, for the built-in templates and administrators' alike. Values are escaped only
 * in the HTML part (for element content and quoted attribute values, where the templates put them);
 * the subject is put on one line, so no value can add a header.
 */
export function renderTemplate(template: MailTemplate, values: Readonly<Record<string, string>>): RenderedMail {
  return {
    subject: oneLine(Mustache.render(template.subject, values, {}, PLAIN)),
    text: Mustache.render(template.text, values, {}, PLAIN),
    html: Mustache.render(template.html, values, {}, HTML),
  };
}
