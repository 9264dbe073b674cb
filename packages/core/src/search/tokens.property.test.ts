import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSearchQuery, searchTokens, textMatchesQuery, type SearchTerm } from './tokens.ts';
import { interpretCaseSearch, reverseCaseNumber } from './case-query.ts';
import { searchSnippet } from './snippet.ts';

/**
 * What the databases do with the stored tokens (FTS5 phrase/prefix queries, tsquery <-> and :*): a
 * phrase is consecutive tokens, a prefix any token starting with it. Several texts of one case are
 * stored one after the other, so they are concatenated here too.
 */
function indexMatches(tokens: readonly string[], terms: readonly SearchTerm[]): boolean {
  if (terms.length === 0) return false;
  return terms.every((t) => {
    if (t.kind === 'prefix') return tokens.some((x) => x.startsWith(t.token));
    return tokens.some((_, i) => t.tokens.every((w, j) => tokens[i + j] === w));
  });
}

// a small alphabet so that pairs repeat and near-misses are common
const han = fc.constantFrom('漏', '水', '电', '梯', '门', '禁', '坏', '了', '楼');
const piece = fc.oneof({ weight: 4, arbitrary: han }, { weight: 1, arbitrary: fc.constantFrom(' ', '，', '。', '6', 'ab', 'WiFi', '-', '\n') });
const text = fc.array(piece, { maxLength: 30 }).map((a) => a.join(''));
const texts = fc.array(text, { minLength: 1, maxLength: 3 });
const word = fc.array(han, { minLength: 1, maxLength: 4 }).map((a) => a.join(''));

describe('search tokens (bigrams for Chinese)', () => {
  it('every two-character Chinese substring of a text is found by a query for it', () => {
    fc.assert(
      fc.property(texts, (ts) => {
        const tokens = ts.flatMap(searchTokens);
        for (const t of ts) {
          const chars = [...t];
          for (let i = 0; i + 1 < chars.length; i++) {
            const pair = chars[i]! + chars[i + 1]!;
            if (!/^[\u4e00-\u9fff]{2}$/.test(pair)) continue;
            expect(indexMatches(tokens, parseSearchQuery(pair)), `${pair} in ${t}`).toBe(true);
          }
        }
      }),
    );
  });

  it('a word (1–4 characters) matches exactly when it occurs in one of the texts: no false match, no miss', () => {
    fc.assert(
      fc.property(texts, word, (ts, w) => {
        const terms = parseSearchQuery(w);
        const expected = ts.some((t) => t.includes(w));
        expect(textMatchesQuery(ts.join('\u0000'), terms)).toBe(expected);
        expect(indexMatches(ts.flatMap(searchTokens), terms)).toBe(expected);
      }),
    );
  });

  it('several words: all must occur (AND)', () => {
    fc.assert(
      fc.property(texts, word, word, (ts, a, b) => {
        const terms = parseSearchQuery(`${a} ${b}`);
        const expected = ts.some((t) => t.includes(a)) && ts.some((t) => t.includes(b));
        expect(indexMatches(ts.flatMap(searchTokens), terms)).toBe(expected);
      }),
    );
  });

  it('cuts Chinese into pairs with the run’s last character, Latin and digits into lowercase words', () => {
    expect(searchTokens('电梯漏水了，WiFi坏 6栋')).toEqual(['电梯', '梯漏', '漏水', '水了', '了', 'wifi', '坏', '6', '栋']);
    expect(parseSearchQuery('电梯漏水 坏 WiFi')).toEqual([
      { kind: 'phrase', tokens: ['电梯', '梯漏', '漏水'] },
      { kind: 'prefix', token: '坏' },
      { kind: 'phrase', tokens: ['wifi'] },
    ]);
    expect(parseSearchQuery('，。!')).toEqual([]);
    // full-width letters and digits read as ASCII
    expect(searchTokens('ＷｉＦｉ１２')).toEqual(['wifi12']);
  });
});

describe('interpretCaseSearch', () => {
  it.each([
    ['TS-20261125-000007', { kind: 'lookup', numberSuffix: 'TS-20261125-000007', phoneLast4: null, phone: null }],
    ['ts-20261125-000007', { kind: 'lookup', numberSuffix: 'TS-20261125-000007', phoneLast4: null, phone: null }],
    ['20261125-000007', { kind: 'lookup', numberSuffix: '-20261125-000007', phoneLast4: null, phone: null }],
    ['000007', { kind: 'lookup', numberSuffix: '-000007', phoneLast4: null, phone: null }],
    ['7', { kind: 'lookup', numberSuffix: '-000007', phoneLast4: null, phone: null }],
    ['1811', { kind: 'lookup', numberSuffix: '-001811', phoneLast4: '1811', phone: null }],
    ['138 0000 1811', { kind: 'lookup', numberSuffix: null, phoneLast4: null, phone: '13800001811' }],
    ['6栋1811', { kind: 'unit', address: { building: '6', entrance: null, room: '1811' } }],
    ['6-1-1811', { kind: 'unit', address: { building: '6', entrance: '1', room: '1811' } }],
    ['漏水', { kind: 'text', terms: [{ kind: 'phrase', tokens: ['漏水'] }] }],
  ])('%s', (q, expected) => {
    expect(interpretCaseSearch(q)).toEqual(expected);
  });

  it('nothing to search for: null', () => {
    expect(interpretCaseSearch('——，。')).toBeNull();
  });

  it('a reversed number turns a suffix into a prefix', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 1, max: 9_999_999 }), (a, b) => {
        const number = `TS-20261125-${String(a).padStart(6, '0')}`;
        const suffix = (interpretCaseSearch(String(b)) as { numberSuffix: string }).numberSuffix;
        expect(reverseCaseNumber(number).startsWith(reverseCaseNumber(suffix))).toBe(a === b);
      }),
    );
  });
});

describe('searchSnippet', () => {
  it('marks every occurrence in the first field that holds one, offsets into the excerpt', () => {
    const s = searchSnippet(
      [
        { field: 'title', text: '门禁坏了' },
        { field: 'description', text: `${'前'.repeat(100)}厨房漏水，楼下也漏水${'后'.repeat(100)}` },
      ],
      '漏水',
    )!;
    expect(s.field).toBe('description');
    expect(s.text.length).toBe(80);
    expect(s.ranges.length).toBe(2);
    for (const [a, b] of s.ranges) expect(s.text.slice(a, b)).toBe('漏水');
    expect(searchSnippet([{ field: 'title', text: '门禁坏了' }], '漏水')).toBeNull();
  });
});
