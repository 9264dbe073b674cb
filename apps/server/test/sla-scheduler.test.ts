import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

const run = promisify(execFile);
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe(`the SLA scheduler in two processes (${TEST_DB})`, () => {
  it('two processes ticking the same database raise each warning and escalation exactly once', async () => {
    const agent = await t.login('agent1');
    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const res = await t.request(agent, {
        method: 'POST',
        url: '/api/cases',
        payload: { projectId: t.a.projects.CUIHU!.id, type: 'inquiry', channel: 'hotline', description: `咨询 ${i}` },
      });
      ids.push(res.body.case.id);
    }
    // five hours later every first-reply clock is past its warning and all five escalation steps
    const later = new Date(Date.parse(t.deps.now()) + 5 * 3_600_000).toISOString();
    const worker = new URL('./fixtures/sla-tick-worker.ts', import.meta.url).pathname;
    const [one, two] = await Promise.all([0, 1].map(() => run(process.execPath, ['--import', 'tsx', worker, t.url, later], { env: process.env })));
    const results = [one!, two!].map((r) => JSON.parse(r.stdout) as { alerts: number; ticks: number });
    expect(results[0]!.alerts + results[1]!.alerts).toBe(60 * 6);
    const db = t.deps.database.db as any;
    const rows = await db
      .selectFrom('caseEvents')
      .select(['caseId', 'type', 'data'])
      .where('caseId', 'in', ids)
      .where('type', 'in', ['sla_warning', 'sla_escalated'])
      .execute();
    const perCase = new Map<string, string[]>();
    for (const r of rows) {
      const data = JSON.parse(r.data) as { step?: number };
      perCase.set(r.caseId, [...(perCase.get(r.caseId) ?? []), `${r.type}:${data.step ?? 0}`]);
    }
    expect(perCase.size).toBe(60);
    for (const steps of perCase.values())
      expect(steps.sort()).toEqual(['sla_escalated:1', 'sla_escalated:2', 'sla_escalated:3', 'sla_escalated:4', 'sla_escalated:5', 'sla_warning:0']);
    // every clock is through its chain: nothing left to raise
    const pending = await db.selectFrom('slaClocks').select('id').where('caseId', 'in', ids).where('nextAlertAt', 'is not', null).execute();
    expect(pending).toHaveLength(0);
    // and the case versions follow their events (no lost update between the processes)
    for (const id of ids.slice(0, 10)) {
      const c = await db.selectFrom('cases').select('version').where('id', '=', id).executeTakeFirst();
      const n = await db
        .selectFrom('caseEvents')
        .select((eb: any) => eb.fn.countAll().as('n'))
        .where('caseId', '=', id)
        .executeTakeFirst();
      expect(Number(c.version)).toBe(Number(n.n));
    }
    // every running clock past due has its breach counted in the report rollups, exactly once though both
    // processes saw it (decision 0015): the rollups hold as many breaches as the clocks past due
    const kdb = t.deps.database.db;
    const uncounted = await kdb
      .selectFrom('slaClocks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('caseId', 'in', ids)
      .where('stoppedAt', 'is', null)
      .where('dueAt', '<', later)
      .where('breachCounted', '=', 0)
      .executeTakeFirstOrThrow();
    expect(Number(uncounted.n)).toBe(0);
    const overdue = await kdb
      .selectFrom('slaClocks')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('caseId', 'in', ids)
      .where((eb) => eb.or([eb('result', '=', 'breached'), eb.and([eb('result', 'is', null), eb('dueAt', '<', later)])]))
      .executeTakeFirstOrThrow();
    expect(Number(overdue.n)).toBeGreaterThanOrEqual(60);
    const rollup = await sql<{ n: number | string }>`select sum(breached) as n from report_timeliness
      where project_id = ${t.a.projects.CUIHU!.id} and dimension = 'clock' and grain = 'm'`.execute(kdb);
    expect(Number(rollup.rows[0]!.n)).toBe(Number(overdue.n));
  }, 60_000);
});
