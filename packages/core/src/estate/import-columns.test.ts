import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closedValueOf, guessColumnMapping, IMPORT_COLUMNS, IMPORT_KINDS, missingRequiredColumns, normalizeHeader } from './import-columns.ts';

describe('guessing which column is which', () => {
  it('reads a roster exported from another system', () => {
    const headers = ['序号', '楼号', '单元号', '房间号', '业主姓名（必填）', '手机', '身份证号码', '交房日期', '备注'];
    expect(guessColumnMapping('owners', headers)).toEqual([null, 'building', 'entrance', 'room', 'name', 'phone', 'idNumber', 'moveInDate', 'notes']);
  });

  it('reads English headers and full-width marks', () => {
    expect(guessColumnMapping('owners', ['Project', 'Building', 'Room No', 'Name', 'Mobile', 'ID Number', 'Move-in Date'])).toEqual([
      'project',
      'building',
      'room',
      'name',
      'phone',
      'idNumber',
      'moveInDate',
    ]);
    expect(guessColumnMapping('units', ['＊管理处', '楼栋：', '房号*', '建筑面积（㎡）'])).toEqual(['project', 'building', 'room', 'areaSqm']);
  });

  it('gives each column to one header, exact names before containment', () => {
    // 电话 is the phone; 联系电话2 the second phone, though it contains 电话
    expect(guessColumnMapping('owners', ['联系电话2', '电话', '电话'])).toEqual(['phone2', 'phone', null]);
    // a header containing a name: 客户姓名及称谓 is the name
    expect(guessColumnMapping('owners', ['客户姓名及称谓'])).toEqual(['name']);
  });

  it('maps every template header of its own to its own column', () => {
    for (const kind of IMPORT_KINDS) {
      const columns = IMPORT_COLUMNS[kind];
      expect(
        guessColumnMapping(
          kind,
          columns.map((c) => c.header),
        ),
      ).toEqual(columns.map((c) => c.key));
    }
  });

  it('never gives a column twice, whatever the headers', () => {
    const anyHeader = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...IMPORT_COLUMNS.owners.flatMap((c) => [c.header, ...c.synonyms])));
    fc.assert(
      fc.property(fc.array(anyHeader, { maxLength: 20 }), (headers) => {
        const keys = guessColumnMapping('owners', headers).filter((k) => k !== null);
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });

  it('says which required columns are missing; a unit label stands for building and room', () => {
    expect(missingRequiredColumns('owners', ['project', 'name', 'unitLabel'])).toEqual([]);
    expect(missingRequiredColumns('owners', ['project', 'name', 'building', 'room'])).toEqual([]);
    expect(missingRequiredColumns('owners', ['name', 'building'])).toEqual(['project', 'unitLabel']);
    expect(missingRequiredColumns('staff', ['username', 'name'])).toEqual(['roles']);
  });

  it('reads closed values by their Chinese label or their value', () => {
    const grade = IMPORT_COLUMNS.owners.find((c) => c.key === 'grade')!;
    expect(closedValueOf(grade, ' 重要 ')).toBe('important');
    expect(closedValueOf(grade, 'VIP')).toBe('vip');
    expect(closedValueOf(grade, 'member')).toBe('member');
    expect(closedValueOf(grade, '钻石')).toBeUndefined();
    expect(normalizeHeader(' 业主 姓名（必填）* ')).toBe('业主姓名');
  });
});
