import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDate, readDecimal, readDigits, readInteger, readText, type Cell } from './cell-values.ts';

const text = (t: string): Cell => ({ kind: 'text', text: t });
const num = (value: number): Cell => ({ kind: 'number', value });

describe('cells of an imported workbook', () => {
  it('refuses formulas and error values in every column', () => {
    for (const read of [readText, readDigits, readDecimal, readInteger, readDate]) {
      expect(read({ kind: 'formula', formula: 'HYPERLINK("http://x","y")' })).toEqual({ ok: false, problem: 'formula' });
      expect(read({ kind: 'error', error: '#N/A' })).toEqual({ ok: false, problem: 'error_value' });
    }
  });

  it('reads text trimmed, numbers without exponent, empty as null', () => {
    expect(readText(text('  王芳 '))).toEqual({ ok: true, value: '王芳' });
    expect(readText(text('王\u0000芳\u0007'))).toEqual({ ok: true, value: '王芳' });
    expect(readText(text('   '))).toEqual({ ok: true, value: null });
    expect(readText({ kind: 'empty' })).toEqual({ ok: true, value: null });
    expect(readText(num(13800138000))).toEqual({ ok: true, value: '13800138000' });
    expect(readText(text('x'.repeat(201)))).toEqual({ ok: false, problem: 'too_long' });
  });

  it('refuses an ID number that a number cell has already rounded', () => {
    expect(readDigits(num(110105194912310020))).toEqual({ ok: false, problem: 'digits_lost' });
    expect(readDigits(text('11010519491231002X'))).toEqual({ ok: true, value: '11010519491231002X' });
  });

  it('reads numbers from number cells and text', () => {
    expect(readDecimal(text('1,234.5'))).toEqual({ ok: true, value: 1234.5 });
    expect(readDecimal(num(89.5))).toEqual({ ok: true, value: 89.5 });
    expect(readDecimal(text('八十'))).toEqual({ ok: false, problem: 'not_a_number' });
    expect(readInteger(text('-2'))).toEqual({ ok: true, value: -2 });
    expect(readInteger(num(2.5))).toEqual({ ok: false, problem: 'not_an_integer' });
  });

  it.each([
    ['2024-03-15', '2024-03-15'],
    ['2024/3/5', '2024-03-05'],
    ['2024.3.5', '2024-03-05'],
    ['2024年3月5日', '2024-03-05'],
    ['20240315', '2024-03-15'],
  ])('reads the date %s', (written, iso) => {
    expect(readDate(text(written))).toEqual({ ok: true, value: iso });
  });

  it('reads date cells and Excel serial days, and refuses what is no date', () => {
    expect(readDate({ kind: 'date', date: '2024-03-15' })).toEqual({ ok: true, value: '2024-03-15' });
    expect(readDate(num(45366))).toEqual({ ok: true, value: '2024-03-15' });
    expect(readDate(num(45366.5))).toEqual({ ok: false, problem: 'not_a_date' });
    for (const bad of ['2024-02-30', '明天', '15/03/2024', '2024-13-01']) expect(readDate(text(bad)), bad).toEqual({ ok: false, problem: 'not_a_date' });
  });

  it('reads every date back from its serial day and from its text', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-03-01T00:00:00Z'), max: new Date('2199-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const serial = Math.round((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(1899, 11, 30)) / 86_400_000);
        expect(readDate(num(serial))).toEqual({ ok: true, value: iso });
        expect(readDate(text(iso.replaceAll('-', '/')))).toEqual({ ok: true, value: iso });
      }),
    );
  });
});
