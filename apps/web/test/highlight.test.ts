import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excerpt, matchRanges, mergeRanges, queryWords, splitByRanges } from '../src/shared/highlight.ts';

/** The search's words marked in the results (issue 11, item 4): client-side, Chinese split on whitespace only. */
describe('highlight', () => {
  it('splits the query on whitespace (the ideographic space too); Chinese words stay whole', () => {
    expect(queryWords('  漏水 楼上\u3000 6栋1811  ')).toEqual(['漏水', '楼上', '6栋1811']);
    expect(queryWords('楼上漏水')).toEqual(['楼上漏水']);
    expect(queryWords('   ')).toEqual([]);
  });

  it('marks every occurrence of each word, Latin letters regardless of case, overlaps merged', () => {
    const text = '楼上卫生间漏水，楼下天花板漏水 WiFi';
    const parts = splitByRanges(text, matchRanges(text, '漏水 天花 wifi'));
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['漏水', '天花', '漏水', 'WiFi']);
    expect(
      splitByRanges('aaa', matchRanges('aaa', 'aa'))
        .filter((p) => p.marked)
        .map((p) => p.text),
    ).toEqual(['aaa']);
    expect(matchRanges('电梯故障', '停水')).toEqual([]);
  });

  it('the parts put back together are the text, and the marked ones are exactly the matches (property)', () => {
    const chars = fc.constantFrom('漏', '水', '楼', '上', 'a', 'B', '1', ' ', '栋');
    const text = fc.array(chars, { maxLength: 40 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (t, q) => {
        const ranges = matchRanges(t, q);
        const parts = splitByRanges(t, ranges);
        expect(parts.map((p) => p.text).join('')).toBe(t);
        // marked characters are those covered by some occurrence of some word
        const covered = new Array<boolean>(t.length).fill(false);
        for (const w of queryWords(q.toLowerCase()))
          for (let i = t.toLowerCase().indexOf(w); i >= 0; i = t.toLowerCase().indexOf(w, i + 1)) for (let k = i; k < i + w.length; k++) covered[k] = true;
        let at = 0;
        for (const p of parts) {
          for (let k = 0; k < p.text.length; k++) expect(covered[at + k]).toBe(p.marked);
          at += p.text.length;
        }
        // no two marked parts touch: merged
        for (let i = 1; i < parts.length; i++) expect(parts[i]!.marked && parts[i - 1]!.marked).toBe(false);
      }),
    );
  });

  it('takes explicit ranges (the server’s snippets later), clipped to the text and merged', () => {
    expect(
      mergeRanges(
        [
          [5, 9],
          [0, 2],
          [1, 3],
          [8, 20],
        ],
        10,
      ),
    ).toEqual([
      [0, 3],
      [5, 10],
    ]);
    expect(
      splitByRanges('0123456789', [
        [-4, 1],
        [9, 99],
      ]),
    ).toEqual([
      { text: '0', marked: true },
      { text: '12345678', marked: false },
      { text: '9', marked: true },
    ]);
  });

  it('an excerpt keeps the first match and its marks in place', () => {
    const text = `${'前'.repeat(50)}漏水${'后'.repeat(80)}`;
    const cut = excerpt(text, matchRanges(text, '漏水'), 10)!;
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(
      splitByRanges(cut.text, cut.ranges)
        .filter((p) => p.marked)
        .map((p) => p.text),
    ).toEqual(['漏水']);
    expect(excerpt(text, [])).toBeNull();
  });
});
