/**
 * User search text turned into terms both engines understand. Only letters and digits survive, so
 * quotes, `*`, `:`, parentheses or SQL fragments can never reach an engine's query syntax: a quoted
 * run of words becomes a phrase, a word followed by `*` a prefix, everything else a plain word.
 */
export interface QueryTerm {
  /** Lower-case, unaccented words; more than one makes a phrase. */
  words: string[];
  prefix: boolean;
}

/** Words this short add noise to "any word" matching (articles, prepositions). */
const MIN_KEYWORD_LENGTH = 4;
/** Enough to describe a problem; a whole ticket description would make every query slow. */
export const MAX_TERMS = 12;

/** Lower-case without accents, the same normalisation as the index's `plain_words`. */
export function plainText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function wordsOf(text: string): string[] {
  return plainText(text).match(/[a-z0-9]+/g) ?? [];
}

/**
 * Terms of a search box. `typing` marks the last word as a prefix unless the text ends with a space
 * (the operator is still typing it).
 */
export function parseQuery(raw: string, options: { typing?: boolean } = {}): QueryTerm[] {
  const terms: QueryTerm[] = [];
  // Odd segments were inside double quotes; an unmatched quote simply opens a phrase to the end.
  raw.split('"').forEach((segment, index) => {
    if (index % 2 === 1) {
      const words = wordsOf(segment);
      if (words.length > 0) terms.push({ words, prefix: false });
      return;
    }
    for (const match of plainText(segment).matchAll(/([a-z0-9]+)(\*?)/g)) {
      terms.push({ words: [match[1]!], prefix: match[2] === '*' });
    }
  });
  const last = terms.at(-1);
  if (options.typing && last && last.words.length === 1 && !/\s$/.test(raw) && !raw.trimEnd().endsWith('"')) {
    last.prefix = true;
  }
  return dedupe(terms).slice(0, MAX_TERMS);
}

/** The most telling words of a longer text (a ticket, an article), longest first, for "any word" matching. */
export function keywordTerms(text: string): QueryTerm[] {
  const words = [...new Set(wordsOf(text).filter((w) => w.length >= MIN_KEYWORD_LENGTH))];
  return words
    .sort((a, b) => b.length - a.length || a.localeCompare(b))
    .slice(0, MAX_TERMS)
    .map((word) => ({ words: [word], prefix: false }));
}

/** Whether a typo correction may apply to the term: a whole word of five letters or more. */
export function isCorrectable(term: QueryTerm): boolean {
  return term.words.length === 1 && !term.prefix && term.words[0]!.length >= 5;
}

function dedupe(terms: QueryTerm[]): QueryTerm[] {
  const seen = new Set<string>();
  return terms.filter((t) => {
    const key = `${t.words.join(' ')}${t.prefix ? '*' : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
