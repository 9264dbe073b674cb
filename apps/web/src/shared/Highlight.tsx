import { useMemo } from 'react';
import { matchRanges, splitByRanges, type Range } from './highlight';

/**
 * A text with the words of a search marked (<mark>): either the `ranges` given (e.g. the server's
 * snippet ranges) or those of the `query`'s words found in it (shared/highlight.ts).
 */
export function Highlight({ text, query, ranges }: { text: string; query?: string; ranges?: readonly Range[] }) {
  const parts = useMemo(() => splitByRanges(text, ranges ?? (query ? matchRanges(text, query) : [])), [text, query, ranges]);
  return (
    <>
      {parts.map((p, i) =>
        p.marked ? (
          <mark key={i} style={{ padding: 0, background: '#ffe58f', color: 'inherit' }}>
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
