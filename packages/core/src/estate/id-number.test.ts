import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, idNumberProblem, normalizeIdNumber } from './id-number.ts';

const TODAY = '2026-12-05';

/** A valid number: a region, a real birth date up to today, a sequence, and its check character. */
const validIdNumber = fc
  .record({
    region: fc.integer({ min: 110000, max: 659999 }),
    birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true }),
    sequence: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ region, birth, sequence }) => {
    const first17 = `${region}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
    return first17 + idNumberCheckCharacter(first17);
  });

describe('居民身份证号码 (GB 11643)', () => {
  it('accepts published examples and refuses a wrong check character', () => {
    // the standard's own example and a well-known sample number
    expect(idNumberProblem('11010519491231002X', TODAY)).toBeNull();
    expect(idNumberProblem('440524188001010014', TODAY)).toBe('birth_date'); // born 1880
    expect(idNumberProblem('110105194912310021', TODAY)).toBe('checksum');
    expect(idNumberProblem('11010519491331002X', TODAY)).toBe('birth_date'); // month 13
    expect(idNumberProblem('11010520270101002X', TODAY)).toBe('birth_date'); // born after today
    expect(idNumberProblem('1101051949123100', TODAY)).toBe('format');
    expect(idNumberProblem(normalizeIdNumber(' 11010519491231002x '), TODAY)).toBeNull();
  });

  it('accepts every number built by the rule', () => {
    fc.assert(fc.property(validIdNumber, (id) => idNumberProblem(id, TODAY) === null));
  });

  it('refuses every number with one digit of its first 17 changed (the check catches any single error)', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 16 }), fc.integer({ min: 1, max: 9 }), (id, at, delta) => {
        const changed = id.slice(0, at) + String((Number(id[at]) + delta) % 10) + id.slice(at + 1);
        // a changed date digit may make an impossible date: refused either way
        return idNumberProblem(changed, TODAY) !== null;
      }),
    );
  });

  it('refuses every swap of two different adjacent digits', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 15 }), (id, at) => {
        fc.pre(id[at] !== id[at + 1]);
        const swapped = id.slice(0, at) + id[at + 1] + id[at] + id.slice(at + 2);
        return idNumberProblem(swapped, TODAY) !== null;
      }),
    );
  });
});
