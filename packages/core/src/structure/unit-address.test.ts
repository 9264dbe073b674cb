import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildingNumberOf, formatUnitLabel, parseUnitAddress, unitMatchesAddress } from './unit-address.ts';

const num = (max: number) => fc.integer({ min: 1, max }).map(String);
const room = fc.integer({ min: 101, max: 3299 }).map(String);
const building = fc.oneof(num(99), fc.constantFrom('A', 'B', 'C'));
const buildingMark = fc.constantFrom('栋', '号楼', '幢', '座', '#');
const gap = fc.constantFrom('', '-', ' ');

describe('parseUnitAddress', () => {
  it.each([
    ['1栋101', { building: '1', entrance: null, room: '101' }],
    ['1-1-101', { building: '1', entrance: '1', room: '101' }],
    ['1单元101', { building: null, entrance: '1', room: '101' }],
    ['1栋1单元101', { building: '1', entrance: '1', room: '101' }],
    ['1号楼1单元101室', { building: '1', entrance: '1', room: '101' }],
    ['１栋－１单元－１０１', { building: '1', entrance: '1', room: '101' }],
    ['A座1201', { building: 'A', entrance: null, room: '1201' }],
    ['12-302', { building: '12', entrance: null, room: '302' }],
    [' 3 栋 2 单元 502 ', { building: '3', entrance: '2', room: '502' }],
    ['1#2-301', { building: '1', entrance: '2', room: '301' }],
    ['１＃２－３０１', { building: '1', entrance: '2', room: '301' }],
    ['12#301', { building: '12', entrance: null, room: '301' }],
    ['1#2单元301', { building: '1', entrance: '2', room: '301' }],
  ])('%s', (text, expected) => {
    expect(parseUnitAddress(text)).toEqual(expected);
  });

  it.each(['张伟', '101', '13800000001', '', '栋101', '1栋', 'hello world'])('%s is no address', (text) => {
    expect(parseUnitAddress(text)).toBeNull();
  });

  it('reads every way of writing building, entrance and room back to the same three parts', () => {
    fc.assert(
      fc.property(building, num(9), room, buildingMark, gap, gap, (b, e, r, mark, g1, g2) => {
        const written = [`${b}${mark}${g1}${e}单元${g2}${r}`, `${b}-${e}-${r}`, `${b}${mark}${e}单元${r}室`, `${b}#${e}-${r}`];
        for (const w of written) expect(parseUnitAddress(w), w).toEqual({ building: b, entrance: e, room: r });
        expect(parseUnitAddress(`${b}${mark}${g1}${r}`)).toEqual({ building: b, entrance: null, room: r });
        expect(parseUnitAddress(`${e}单元${g2}${r}`)).toEqual({ building: null, entrance: e, room: r });
      }),
    );
  });

  it('never throws, and whatever it finds has a room', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (s) => {
        const a = parseUnitAddress(s);
        if (a) expect(a.room.length).toBeGreaterThan(0);
      }),
    );
  });

  it('parses the label it formats, and the parsed address matches its unit', () => {
    fc.assert(
      fc.property(num(40), fc.option(num(9), { nil: null }), room, (b, e, r) => {
        const unit = { buildingName: `${b}栋`, buildingCode: `B${b}`, entrance: e, code: r };
        const label = formatUnitLabel(unit);
        const parsed = parseUnitAddress(label)!;
        expect(parsed).toEqual({ building: b, entrance: e, room: r });
        expect(unitMatchesAddress(parsed, unit)).toBe(true);
      }),
    );
  });
});

describe('formatUnitLabel', () => {
  it('reads 楼栋-单元-房号', () => {
    expect(formatUnitLabel({ buildingName: '1栋', entrance: '1', code: '101' })).toBe('1栋-1单元-101');
    expect(formatUnitLabel({ buildingName: '1栋', entrance: null, code: '101' })).toBe('1栋-101');
  });
});

describe('unitMatchesAddress', () => {
  const unit = { buildingName: '1栋', buildingCode: 'B1', entrance: '1', code: '101' };
  it('a part left out matches any value; a part given must agree', () => {
    expect(unitMatchesAddress({ building: '1', entrance: null, room: '101' }, unit)).toBe(true);
    expect(unitMatchesAddress({ building: null, entrance: '1', room: '101' }, unit)).toBe(true);
    expect(unitMatchesAddress({ building: '2', entrance: null, room: '101' }, unit)).toBe(false);
    expect(unitMatchesAddress({ building: '1', entrance: '2', room: '101' }, unit)).toBe(false);
    expect(unitMatchesAddress({ building: '1', entrance: '1', room: '102' }, unit)).toBe(false);
    expect(unitMatchesAddress({ building: null, entrance: '1', room: '101' }, { ...unit, entrance: null })).toBe(false);
  });
  it('knows a building by its name or its code', () => {
    expect(buildingNumberOf('1栋')).toBe('1');
    expect(buildingNumberOf('B12')).toBe('12');
    expect(buildingNumberOf('A座')).toBe('A');
    expect(buildingNumberOf('翠湖阁')).toBeNull();
  });
});
