import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Cell } from './cell-values.ts';
import { planStaffImport, type EstateStaff, type StaffImportPlan, type StaffSnapshot } from './plan-staff.ts';
import type { ImportRow } from './row-reader.ts';

const text = (t: string): Cell => ({ kind: 'text', text: t });
const row = (rowNumber: number, cells: Record<string, string>): ImportRow => ({
  rowNumber,
  cells: Object.fromEntries(Object.entries(cells).map(([k, v]) => [k, text(v)])),
});
const SNAPSHOT: StaffSnapshot = {
  projects: [
    { id: 'p1', code: 'CUIHU', name: '翠湖花园' },
    { id: 'p2', code: 'BINJIANG', name: '滨江名苑' },
  ],
  departments: [{ id: 'd1', code: 'KF', name: '客服中心', projectId: 'p1' }],
  staff: [{ id: 's1', username: 'Admin', name: '管理员', phone: null, email: null, departmentId: null, roles: ['admin'], projectIds: [], companyWide: true }],
};
const ADMIN = { id: 's1', projectIds: null, isAdmin: true };

function applied(snapshot: StaffSnapshot, plan: StaffImportPlan): StaffSnapshot {
  const staff: EstateStaff[] = snapshot.staff.map((s) => ({ ...s }));
  for (const r of plan.rows) {
    if (!r.staff || r.action === 'error' || r.action === 'skip') continue;
    const { staffId, ...fields } = r.staff;
    const current = staff.find((s) => s.id === staffId);
    if (current) Object.assign(current, fields);
    else staff.push({ id: `s${staff.length + 1}`, ...fields });
  }
  return { ...snapshot, staff };
}

describe('the staff import, dry run', () => {
  it('creates accounts with roles and projects by their Chinese names, and finds them again by username', () => {
    const rows = [
      row(2, { username: 'zhangsan', name: '张三', phone: '139-0013-9000', department: '客服中心', roles: '客服专员、客服主管', projects: '翠湖花园' }),
      row(3, { username: 'lisi', name: '李四', roles: 'quality_officer', projects: '' }),
    ];
    const plan = planStaffImport(rows, SNAPSHOT, ADMIN);
    expect(plan.rows.map((r) => r.action)).toEqual(['create', 'create']);
    expect(plan.rows[0]!.staff).toMatchObject({
      phone: '13900139000',
      departmentId: 'd1',
      roles: ['agent', 'service_supervisor'],
      projectIds: ['p1'],
      companyWide: false,
    });
    expect(plan.rows[1]!.staff).toMatchObject({ roles: ['quality_officer'], projectIds: [], companyWide: true });
    const again = planStaffImport(
      rows.map((r) => ({ ...r, cells: { ...r.cells, username: text(String((r.cells.username as { text: string }).text).toUpperCase()) } })),
      applied(SNAPSHOT, plan),
      ADMIN,
    );
    expect(again.counts).toEqual({ create: 0, update: 0, skip: 2, error: 0 });
  });

  it('holds the rules of typing it in: 管理员 only from an administrator, projects within the importer’s, not oneself out', () => {
    const officeAdmin = { id: 's9', projectIds: ['p1'], isAdmin: false };
    const plan = planStaffImport(
      [
        row(2, { username: 'wangwu', name: '王五', roles: '管理员', projects: '翠湖花园' }),
        row(3, { username: 'zhaoliu', name: '赵六', roles: '客服专员', projects: '滨江名苑' }),
        row(4, { username: 'sunqi', name: '孙七', roles: '客服专员' }),
        row(5, { username: 'a b', name: '空格', roles: '保安队长', department: '保安部', phone: '12345', email: 'x@' }),
      ],
      SNAPSHOT,
      officeAdmin,
    );
    expect(plan.rows.map((r) => r.problems.map((p) => `${p.column}:${p.code}`))).toEqual([
      ['roles:admin_role_needs_admin'],
      ['projects:not_in_your_projects'],
      ['projects:required'],
      ['phone:phone_invalid', 'email:email_invalid', 'username:username_invalid', 'department:unknown_department', 'roles:unknown_role'],
    ]);
    const self = planStaffImport([row(2, { username: 'admin', name: '管理员', roles: '客服专员' })], SNAPSHOT, ADMIN);
    expect(self.rows[0]!.problems).toEqual([{ column: 'roles', code: 'self_lockout' }]);
    const twice = planStaffImport(
      [row(2, { username: 'x1y', name: '甲', roles: '客服专员' }), row(3, { username: 'X1Y', name: '乙', roles: '客服专员' })],
      SNAPSHOT,
      ADMIN,
    );
    expect(twice.rows[1]!.problems).toEqual([{ column: 'username', code: 'duplicate_row', params: { row: 2 } }]);
  });

  it('changes nothing when the same file is imported twice (any file)', () => {
    const anyRow = fc.record({
      username: fc.constantFrom('zhangsan', 'ZhangSan', 'lisi', 'bad name'),
      name: fc.constantFrom('张三', '李四'),
      roles: fc.constantFrom('客服专员', '客服主管、客服专员', 'technician', '未知'),
      projects: fc.constantFrom('', '翠湖花园', '翠湖花园、滨江名苑'),
      department: fc.constantFrom('', '客服中心', 'KF'),
    });
    fc.assert(
      fc.property(fc.array(anyRow, { maxLength: 10 }), (cells) => {
        const rows = cells.map((c, i) => row(i + 2, c));
        const first = planStaffImport(rows, SNAPSHOT, ADMIN);
        const second = planStaffImport(rows, applied(SNAPSHOT, first), ADMIN);
        expect(second.counts.create + second.counts.update).toBe(0);
      }),
    );
  });
});
