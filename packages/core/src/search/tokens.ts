/**
 * 全文检索的分词: Chinese has no spaces between words, so a text is cut into overlapping character
 * pairs (bigrams) per run of CJK characters — every two-character word (漏水, 电梯) is one token, a
 * longer word a phrase of consecutive pairs — and each run ends with its last character alone, so a
 * one-character query (a prefix search) finds every character. Latin letters and digits form lowercase
 * words. Pure: the same function tokenizes what is stored and what is asked, on both databases.
 */

/** Han ideographs (incl. extension A and compatibility), kana and hangul: characters written without spaces. */
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A piece of text of one kind: a CJK run or a Latin/digit word. */
export interface TextSegment {
  kind: 'cjk' | 'word';
  text: string;
}

/** NFKC (full-width letters and digits to ASCII), lowercase. */
export function normalizeSearchText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Splits a text into CJK runs and words; everything else (spaces, punctuation, symbols) separates. */
export function segmentText(text: string): TextSegment[] {
  const out: TextSegment[] = [];
  let kind: TextSegment['kind'] | null = null;
  let current = '';
  const flush = () => {
    if (kind && current) out.push({ kind, text: current });
    kind = null;
    current = '';
  };
  for (const ch of normalizeSearchText(text)) {
    const k: TextSegment['kind'] | null = CJK.test(ch) ? 'cjk' : WORD_CHAR.test(ch) ? 'word' : null;
    if (k !== kind) flush();
    if (k) {
      kind = k;
      current += ch;
    }
  }
  flush();
  return out;
}

/** The tokens stored for a text, in order (positions matter: a longer word is a phrase of pairs). */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  for (const s of segmentText(text)) {
    if (s.kind === 'word') {
      out.push(s.text);
      continue;
    }
    const chars = [...s.text];
    for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
    out.push(chars[chars.length - 1]!);
  }
  return out;
}

/** The stored form of a text's tokens: space-separated (FTS5 unicode61 splits it back on spaces). */
export function searchTokenText(text: string): string {
  return searchTokens(text).join(' ');
}

/**
 * One term of a query: a phrase of consecutive tokens (a CJK run of 2+ characters, or one word), or a
 * prefix (a single CJK character: it is the first character of a pair or the last of a run).
 */
export type SearchTerm = { kind: 'phrase'; tokens: string[] } | { kind: 'prefix'; token: string };

/** A query: every term must match (AND). Empty when the text holds no letter, digit or CJK character. */
export function parseSearchQuery(text: string, maxTerms = 16): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const seen = new Set<string>();
  for (const s of segmentText(text)) {
    const term: SearchTerm =
      s.kind === 'word'
        ? { kind: 'phrase', tokens: [s.text] }
        : [...s.text].length === 1
          ? { kind: 'prefix', token: s.text }
          : { kind: 'phrase', tokens: searchTokens(s.text).slice(0, -1) };
    const key = JSON.stringify(term);
    if (seen.has(key)) continue;
    seen.add(key);
    terms.push(term);
    if (terms.length >= maxTerms) break;
  }
  return terms;
}

/** The words a query looks for, as they appear in a text (for highlighting): CJK runs and words. */
export function queryWords(text: string): string[] {
  return [...new Set(segmentText(text).map((s) => s.text))];
}

/**
 * The reference meaning of a query, without any index: every term occurs in the text (a CJK run as
 * a substring, a word as a whole word). What the indexes answer must equal this.
 */
export function textMatchesQuery(text: string, terms: readonly SearchTerm[]): boolean {
  if (terms.length === 0) return false;
  const segments = segmentText(text);
  return terms.every((t) => {
    if (t.kind === 'prefix') return segments.some((s) => s.kind === 'cjk' && s.text.includes(t.token));
    if (t.tokens.length === 1 && !CJK.test(t.tokens[0]!)) return segments.some((s) => s.kind === 'word' && s.text === t.tokens[0]);
    const run =
      t.tokens[0]! +
      t.tokens
        .slice(1)
        .map((x) => [...x][1])
        .join('');
    return segments.some((s) => s.kind === 'cjk' && s.text.includes(run));
  });
}
