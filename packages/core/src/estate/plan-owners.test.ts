import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cell-values.ts';
import { planOwnersImport, type EstateLink, type EstateOwner, type OwnersImportPlan, type RosterSnapshot } from './plan-owners.ts';
import type { ImportRow } from './row-reader.ts';
import { describeRowProblem } from './import-problems.ts';
import { rosterWritesOf } from './roster-writes.ts';

const TODAY = '2026-12-05';
const text = (t: string): Cell => ({ kind: 'text', text: t });
const row = (rowNumber: number, cells: Record<string, string | Cell>): ImportRow => ({
  rowNumber,
  cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, typeof v === 'string' ? text(v) : v])),
});

const ESTATE: RosterSnapshot = {
  projects: [{ id: 'p1', code: 'CUIHU', name: '翠湖花园' }],
  buildings: [
    { id: 'b1', projectId: 'p1', code: '1', name: '1栋' },
    { id: 'b2', projectId: 'p1', code: '2', name: '2栋' },
  ],
  units: ['101', '102', '201'].flatMap((room) =>
    ['b1', 'b2'].map((b) => ({ id: `${b}-2-${room}`, projectId: 'p1', buildingId: b, code: room, entrance: '2', floor: null, areaSqm: null, kind: 'indoor' })),
  ),
  owners: [],
  links: [],
};

/** What applying a plan leaves: its writes (rosterWritesOf, as the server applies them), in memory here. */
function applied(roster: RosterSnapshot, plan: OwnersImportPlan): RosterSnapshot {
  const owners = roster.owners.map((o) => ({ ...o, phones: [...o.phones], emails: [...o.emails] }));
  const links: EstateLink[] = roster.links.map((l) => ({ ...l }));
  for (const w of rosterWritesOf(plan)) {
    const id = w.ownerId ?? `o${owners.length + 1}`;
    let archive = owners.find((x) => x.id === id);
    if (!archive) {
      archive = { id, ...w.fields, phones: [], emails: [] };
      owners.push(archive);
    }
    Object.assign(archive, w.fields);
    archive.phones.push(...w.newPhones);
    archive.emails.push(...w.newEmails);
    for (const l of w.ties) {
      const tie = links.find((x) => x.ownerId === id && x.unitId === l.unitId);
      if (tie) Object.assign(tie, { primary: l.primary, moveInDate: l.moveInDate });
      else links.push({ ownerId: id, unitId: l.unitId, relation: l.relation, primary: l.primary, moveInDate: l.moveInDate });
    }
  }
  return { ...roster, owners: owners as EstateOwner[], links };
}

describe('the owner-roster import, dry run', () => {
  it('creates archives with their contacts and units; the same person on two rows is one archive', () => {
    const rows = [
      row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '王芳', phone: '138-0013-8000', idNumber: '11010519491231002x', moveInDate: '2024/3/15' }),
      row(3, { project: '翠湖花园', building: '2栋', entrance: '2', room: '201', name: '王芳', phone: '13800138000', relation: '使用人' }),
      row(4, { project: 'CUIHU', unitLabel: '1-2-101', name: '李强', relation: '使用人' }),
    ];
    const plan = planOwnersImport(rows, ESTATE, null, TODAY);
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'update', 'create']);
    expect(plan.newOwners).toBe(2);
    expect(plan.rows[0]!.owner).toMatchObject({ name: '王芳', idNumber: '11010519491231002X', grade: 'normal', newPhones: ['13800138000'] });
    expect(plan.rows[0]!.link).toMatchObject({ unitId: 'b1-2-101', primary: true, moveInDate: '2024-03-15', relation: 'owner' });
    expect(plan.rows[1]!.owner!.ref).toBe(plan.rows[0]!.owner!.ref);
    expect(plan.rows[2]!.link).toMatchObject({ unitId: 'b1-2-101', primary: false, relation: 'occupant' });
    const again = planOwnersImport(rows, applied(ESTATE, plan), null, TODAY);
    expect(again.counts).toEqual({ create: 0, update: 0, skip: 3, error: 0 });
  });

  it('finds the archive by ID number, then mobile, then name on the unit, and updates only what the row says', () => {
    const roster = applied(
      ESTATE,
      planOwnersImport(
        [
          row(2, { project: '翠湖花园', unitLabel: '1栋2单元102', name: '赵敏', idNumber: '11010519491231002X', grade: 'VIP', notes: '老业主' }),
          row(3, { project: '翠湖花园', unitLabel: '2栋2单元102', name: '钱进', phone: '13900139000' }),
          row(4, { project: '翠湖花园', unitLabel: '2栋2单元101', name: '孙丽' }),
        ],
        ESTATE,
        null,
        TODAY,
      ),
    );
    const plan = planOwnersImport(
      [
        row(2, { project: '翠湖花园', unitLabel: '1栋2单元102', name: '赵敏敏', idNumber: '11010519491231002X' }),
        row(3, { project: '翠湖花园', unitLabel: '2栋2单元102', name: '钱进', phone: '+86 139 0013 9000', phone2: '0755-86001234' }),
        row(4, { project: '翠湖花园', unitLabel: '2栋2单元101', name: '孙 丽', grade: '重要' }),
      ],
      roster,
      null,
      TODAY,
    );
    expect(plan.newOwners).toBe(0);
    expect(plan.rows.map((r) => [r.action, r.changed])).toEqual([
      ['update', ['name']],
      ['update', ['contacts']],
      ['error', []],
    ]);
    // 客户分级 changes only through an approved request, never by a sheet
    expect(plan.rows[2]!.problems).toEqual([{ column: 'grade', code: 'grade_needs_approval', params: { who: '孙丽', from: '普通' } }]);
    // the VIP grade and the notes stay: the row left them blank
    expect(plan.rows[0]!.owner).toMatchObject({ name: '赵敏敏', grade: 'vip', notes: '老业主' });
    expect(plan.rows[1]!.owner!.newPhones).toEqual(['075586001234']);
  });

  it('takes rows sharing an ID number, a phone with the name, or a name on a unit as one person', () => {
    const plan = planOwnersImport(
      [
        row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '周洁' }),
        row(3, { project: '翠湖花园', unitLabel: '2栋2单元201', name: '周洁', phone: '13700137000' }),
        row(4, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '周洁', phone: '13700137000', grade: '会员' }),
        row(5, { project: '翠湖花园', unitLabel: '2栋2单元101', name: '周洁', grade: '重要' }),
      ],
      ESTATE,
      null,
      TODAY,
    );
    expect(plan.newOwners).toBe(2);
    expect(plan.rows.map((r) => r.owner?.ref ?? r.action)).toEqual(['new:2', 'new:2', 'new:2', 'new:5']);
    expect(plan.rows[2]).toMatchObject({ action: 'update', changed: ['grade'] });
  });

  it('refuses a row that could be several archives, and rows of one person with two ID numbers', () => {
    const roster = applied(
      ESTATE,
      planOwnersImport(
        [
          row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '吴刚', idNumber: '11010519491231002X' }),
          row(3, { project: '翠湖花园', unitLabel: '2栋2单元101', name: '吴刚', phone: '13600136000' }),
        ],
        ESTATE,
        null,
        TODAY,
      ),
    );
    const plan = planOwnersImport(
      [
        row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '吴刚', phone: '13600136000' }),
        row(3, { project: '翠湖花园', unitLabel: '1栋2单元102', name: '郑好', idNumber: '11010519491231002X', phone: '13500135000' }),
        row(4, { project: '翠湖花园', unitLabel: '2栋2单元102', name: '郑好', idNumber: '440524198001010013', phone: '13500135000' }),
      ],
      roster,
      null,
      TODAY,
    );
    expect(plan.rows[0]!.problems).toEqual([{ column: null, code: 'ambiguous_owner', params: { who: '吴刚、吴刚' } }]);
    expect(plan.rows.slice(1).map((r) => r.problems.map((p) => p.code))).toEqual([['conflicting_id_numbers'], ['conflicting_id_numbers']]);
  });

  it('keeps one 主业主 per unit', () => {
    const plan = planOwnersImport(
      [
        row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '甲' }),
        row(3, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '乙', primary: '是' }),
        row(4, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '丙' }),
      ],
      ESTATE,
      null,
      TODAY,
    );
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'error', 'create']);
    expect(plan.rows[1]!.problems).toEqual([{ column: 'primary', code: 'two_primary_owners', params: { label: '1栋-2单元-101', who: '第 2 行' } }]);
    expect(plan.rows[2]!.link!.primary).toBe(false);
    // against the archive: the unit's primary owner is 甲 now
    const next = planOwnersImport([row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '丁', primary: '是' })], applied(ESTATE, plan), null, TODAY);
    expect(next.rows[0]!.problems).toEqual([{ column: 'primary', code: 'two_primary_owners', params: { label: '1栋-2单元-101', who: '甲' } }]);
  });

  it('reports every bad cell of a row', () => {
    const plan = planOwnersImport(
      [
        row(2, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '王芳', phone: '12345', idNumber: '110105194912310021', birthday: '昨天' }),
        row(3, { project: '翠湖花园', unitLabel: '9栋2单元101', name: '王芳' }),
        row(4, { project: '翠湖花园', unitLabel: '一楼大堂', name: '王芳' }),
        row(5, { project: '翠湖花园', unitLabel: '1栋2单元101', building: '2栋', name: '王芳' }),
        row(6, { project: '翠湖花园', unitLabel: '1栋2单元101', name: { kind: 'formula', formula: 'CONCAT("王","芳")' } }),
        row(7, { project: '翠湖花园', unitLabel: '1栋2单元101', name: '王芳', idNumber: { kind: 'number', value: 110105194912310020 } }),
        row(8, { project: '翠湖花园', unitLabel: '1栋2单元909', name: '王芳' }),
        row(9, { project: '翠湖花园', building: '2号楼', entrance: '2', room: '101', name: '王芳' }),
      ],
      ESTATE,
      null,
      TODAY,
    );
    expect(plan.rows.map((r) => r.problems.map((p) => `${p.column}:${p.code}`))).toEqual([
      ['phone:phone_invalid', 'idNumber:id_number_checksum', 'birthday:not_a_date'],
      ['unitLabel:unknown_building'],
      ['unitLabel:unit_label_unparsed'],
      ['unitLabel:unit_label_conflict'],
      ['name:formula'],
      ['idNumber:digits_lost'],
      ['unitLabel:unit_not_found'],
      [], // 2号楼 is 2栋
    ]);
    expect(describeRowProblem(plan.rows[1]!.problems[0]!, 'zh-CN')).toBe('管理处“翠湖花园”没有楼栋“9栋”');
  });

  it('changes nothing when the same roster is imported twice: every applied row is left as it is', () => {
    const anyRow = fc.record({
      unitLabel: fc.constantFrom('1栋2单元101', '1-2-101', '2栋2单元201', '2#2-102', '9栋1单元1'),
      name: fc.constantFrom('王芳', '李强', '赵敏'),
      phone: fc.constantFrom('', '13800138000', '13900139000', 'x'),
      relation: fc.constantFrom('', '产权人', '使用人'),
      primary: fc.constantFrom('', '是', '否'),
      moveInDate: fc.constantFrom('', '2024-01-01', '2025-06-30'),
    });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 15 }), (cells) => {
        const rows = cells.map((c, i) => row(i + 2, { project: '翠湖花园', ...c }));
        const first = planOwnersImport(rows, ESTATE, null, TODAY);
        const after = applied(ESTATE, first);
        const second = planOwnersImport(rows, after, null, TODAY);
        // every row the first import applied writes nothing the second time (left as it is; or refused, when a row the
        // first import refused now applies and the file contradicts itself); a clean file changes nothing at all
        const appliedRows = new Set(first.rows.filter((r) => r.action !== 'error').map((r) => r.rowNumber));
        const writesAgain = second.rows.filter((r) => appliedRows.has(r.rowNumber) && r.action !== 'skip' && r.action !== 'error');
        expect(writesAgain.map((r) => [r.rowNumber, r.action, r.changed])).toEqual([]);
        if (first.counts.error === 0) expect(second.counts).toEqual({ create: 0, update: 0, skip: rows.length, error: 0 });
        // never two primary owners on one unit
        const primaries = after.links.filter((l) => l.primary).map((l) => l.unitId);
        expect(new Set(primaries).size).toBe(primaries.length);
      }),
    );
  });
});
