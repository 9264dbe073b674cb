import { repairDepartmentOf } from '@guanjia/core';
import { findOwnerGrade, findUnit, insertDepartment, intakeFacts, listDepartmentsOfProject, ownerLinkedToProject } from '@guanjia/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from './harness.ts';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

/**
 * 受理 reads its facts in one statement (decision 0016): each must be what its own query answers
 * (the owner's link, the owner's grade, the unit, the repair pool's department), for every owner,
 * unit and project of both companies, for unknown ids and for facts not asked.
 */
describe('intake facts in one read', () => {
  it('answer what the separate reads answer', async () => {
    const db = t.deps.database.db;
    // a second engineering department, coded before the seeded one: the repair pool takes the first by code
    await insertDepartment(db, {
      id: t.deps.newId(),
      organizationId: t.a.organizationId,
      projectId: t.a.projects.CUIHU!.id,
      code: 'E0',
      name: '工程二部',
      kind: 'engineering',
      isSupervising: false,
      headStaffId: null,
      createdAt: t.deps.now(),
      updatedAt: t.deps.now(),
    });
    const owners = [...Object.values(t.a.owners), ...Object.values(t.b.owners)];
    const orgs = [t.a, t.b];
    let compared = 0;
    for (const org of orgs)
      for (const project of Object.values(org.projects)) {
        const units = [project.publicAreaUnitId, ...Object.values(project.buildings).flatMap((b) => Object.values(b.units)), 'no-such-unit'];
        for (const owner of [...owners.map((o) => o.id), 'no-such-owner'])
          for (const unitId of [units[compared % units.length]!, null]) {
            const engineering = compared % 3 !== 0;
            const facts = await intakeFacts(db, {
              organizationId: org.organizationId,
              projectId: project.id,
              linkedOwnerId: owner,
              gradeOwnerId: compared % 2 ? owner : null,
              unitId,
              engineering,
            });
            expect(facts.ownerLinked).toBe(await ownerLinkedToProject(db, owner, project.id));
            expect(facts.ownerGrade).toBe(compared % 2 ? await findOwnerGrade(db, owner) : null);
            const unit = unitId ? await findUnit(db, unitId) : null;
            expect(facts.unit).toEqual(unit && { id: unit.id, organizationId: unit.organizationId, projectId: unit.projectId, kind: unit.kind });
            const pool = repairDepartmentOf(await listDepartmentsOfProject(db, org.organizationId, project.id), project.id)?.id ?? null;
            expect(repairDepartmentOf(facts.engineeringDepartments, project.id)?.id ?? null).toBe(engineering ? pool : null);
            compared++;
          }
      }
    expect(compared).toBeGreaterThan(40);
    const cuihu = await intakeFacts(db, {
      organizationId: t.a.organizationId,
      projectId: t.a.projects.CUIHU!.id,
      linkedOwnerId: null,
      gradeOwnerId: null,
      unitId: null,
      engineering: true,
    });
    expect(cuihu.engineeringDepartments.map((d) => d.code).sort()).toEqual(['E0', 'ENG-CUIHU']);
    expect(cuihu).toMatchObject({ ownerLinked: false, ownerGrade: null, unit: null });
  });

  it('asked all at once (one statement for the whole turn on PostgreSQL), each question gets its own answer', async () => {
    const db = t.deps.database.db;
    const owners = [...Object.values(t.a.owners), ...Object.values(t.b.owners)];
    const questions = [t.a, t.b].flatMap((org) =>
      Object.values(org.projects).flatMap((project) => {
        const units = [project.publicAreaUnitId, ...Object.values(project.buildings).flatMap((b) => Object.values(b.units)), 'no-such-unit', null];
        return [...owners.map((o) => o.id), 'no-such-owner', null].map((owner, i) => ({
          organizationId: org.organizationId,
          projectId: project.id,
          linkedOwnerId: owner,
          gradeOwnerId: i % 2 ? owner : null,
          unitId: units[i % units.length]!,
          engineering: i % 3 !== 0,
        }));
      }),
    );
    expect(questions.length).toBeGreaterThan(20);
    const together = await Promise.all(questions.map((q) => intakeFacts(db, q)));
    const oneByOne = [];
    for (const q of questions) oneByOne.push(await intakeFacts(db, q));
    // the engineering departments come in no order
    const sorted = (facts: typeof together) =>
      facts.map((f) => ({ ...f, engineeringDepartments: [...f.engineeringDepartments].sort((a, b) => a.id.localeCompare(b.id)) }));
    expect(sorted(together)).toEqual(sorted(oneByOne));
    // the answers differ from question to question: a mix-up of the order would show
    expect(new Set(together.map((f) => JSON.stringify(f))).size).toBeGreaterThan(5);
  });
});
