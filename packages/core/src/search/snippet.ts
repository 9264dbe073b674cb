import { queryWords } from './tokens.ts';

/** Where a search hit a case, for highlighting: the field, an excerpt of it, the matched ranges in that excerpt. */
export interface SearchSnippet {
  field: 'number' | 'title' | 'description' | 'message' | 'note' | 'unit' | 'phone';
  /** An excerpt of the field (at most `width` characters around the first hit). */
  text: string;
  /** [start, end) offsets into `text` (UTF-16 code units, as JavaScript strings index). */
  ranges: [number, number][];
}

/** Every occurrence of each word (case-insensitive), merged and sorted. */
export function matchRanges(text: string, words: readonly string[]): [number, number][] {
  const hay = text.toLowerCase();
  const found: [number, number][] = [];
  for (const w of words) {
    const needle = w.toLowerCase();
    if (!needle) continue;
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) found.push([at, at + needle.length]);
  }
  found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const merged: [number, number][] = [];
  for (const r of found) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged;
}

/**
 * The first field (in the order given) in which a query word occurs, cut to an excerpt around the
 * first hit; null when no field holds one (e.g. the hit was in a text the caller may not see).
 */
export function searchSnippet(fields: readonly { field: SearchSnippet['field']; text: string }[], query: string, width = 80): SearchSnippet | null {
  const words = queryWords(query);
  if (words.length === 0) return null;
  for (const f of fields) {
    const ranges = matchRanges(f.text, words);
    if (ranges.length === 0) continue;
    if (f.text.length <= width) return { field: f.field, text: f.text, ranges };
    const start = Math.max(0, Math.min(ranges[0]![0] - Math.floor(width / 4), f.text.length - width));
    const end = start + width;
    return {
      field: f.field,
      text: f.text.slice(start, end),
      ranges: ranges.filter((r) => r[0] >= start && r[1] <= end).map((r) => [r[0] - start, r[1] - start] as [number, number]),
    };
  }
  return null;
}

/** A snippet that marks the whole of a short value (a case number, a unit label, a masked phone) or a part of it. */
export function wholeSnippet(field: SearchSnippet['field'], text: string, part?: string): SearchSnippet {
  if (part) {
    const at = text.toLowerCase().lastIndexOf(part.toLowerCase());
    if (at >= 0) return { field, text, ranges: [[at, at + part.length]] };
  }
  return { field, text, ranges: [[0, text.length]] };
}
