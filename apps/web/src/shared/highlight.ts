/**
 * Where the words of a search appear in a text (issue 11, item 4: the matched words highlighted in
 * the results). Client-side: the query is split on whitespace (Chinese has no spaces between words:
 * 漏水 楼上 is two words, 楼上漏水 one), each part found as a substring, Latin letters without regard
 * to case. The server may later send its own ranges (a snippet field): `Highlight` takes those as they are.
 */
export type Range = readonly [start: number, end: number];

/** The query's words: split on any whitespace (the ideographic space too), empty parts dropped, each once. */
export function queryWords(query: string): string[] {
  return [...new Set(query.split(/[\s\u3000]+/u).filter((w) => w.length > 0))];
}

/** Every occurrence of every word in `text`, merged where they overlap or touch, in order. */
export function matchRanges(text: string, query: string): Range[] {
  const hay = text.toLowerCase();
  // toLowerCase keeps lengths for the texts we show (CJK, ASCII, Latin letters with accents)
  if (hay.length !== text.length) return [];
  const found: [number, number][] = [];
  for (const word of queryWords(query.toLowerCase())) {
    for (let at = hay.indexOf(word); at >= 0; at = hay.indexOf(word, at + 1)) found.push([at, at + word.length]);
  }
  return mergeRanges(found);
}

/** Ranges sorted and merged where they overlap or touch; outside the text or empty ones dropped. */
export function mergeRanges(ranges: readonly Range[], length = Infinity): Range[] {
  const sorted = ranges
    .map(([s, e]) => [Math.max(0, s), Math.min(length, e)] as [number, number])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

/** The text cut into plain and marked parts (what `Highlight` renders). */
export function splitByRanges(text: string, ranges: readonly Range[]): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [s, e] of mergeRanges(ranges, text.length)) {
    if (s > at) parts.push({ text: text.slice(at, s), marked: false });
    parts.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at), marked: false });
  return parts;
}

/**
 * A short excerpt of a long text around its first match (the description under a search result):
 * `radius` characters either side, … where cut; null when nothing matches.
 */
export function excerpt(text: string, ranges: readonly Range[], radius = 24): { text: string; ranges: Range[] } | null {
  const first = ranges[0];
  if (!first) return null;
  const start = Math.max(0, first[0] - radius);
  const end = Math.min(text.length, first[1] + radius * 2);
  const head = start > 0 ? '…' : '';
  const shift = head.length - start;
  return {
    text: `${head}${text.slice(start, end)}${end < text.length ? '…' : ''}`,
    ranges: ranges.filter(([s, e]) => s < end && e > start).map(([s, e]) => [Math.max(s, start) + shift, Math.min(e, end) + shift] as const),
  };
}
