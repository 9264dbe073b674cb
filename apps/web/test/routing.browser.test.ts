import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClean as expectChinese } from './zh-cn-scan.ts';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, runSlaTick, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo, type SeededDemo } from '@guanjia/server/seed';

/**
 * Complaint routing, separation of duties and clocks on the screens (issue 10, items 1, 2 and 4), in a
 * real browser in zh-CN on a fresh demo company:
 *   - an agent records a complaint against the office management claiming compensation: the case is at
 *     公司领导 from intake; the office manager gets 404 and does not see it in his queue; leadership is told;
 *   - the department head's plan: he cannot approve it himself (the refusal is shown); the office manager
 *     finds it under 待我审批, reads cause, steps and expected completion, and approves it;
 *   - an agent escalates a complaint through the escalate dialog and sees its new level (公司);
 *   - the office manager returns a plan with a reason (退回方案); its author sees the return and the reason;
 *   - a customer-grade change asked by an agent and approved by the office manager (分级审批);
 *   - the 待回访 tab lists a reworked repair's follow-up, and 记录回访 completes it;
 *   - a breached working-time clock shows its lateness in working and in calendar minutes; an escalation
 *     step with nobody to tell shows whom it fell through to.
 */
const root = new URL('../../../', import.meta.url).pathname;
const webDir = join(root, 'apps/web/dist');
const executablePath = [process.env.GUANJIA_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && existsSync(p));
if (!executablePath && process.env.CI === 'true') throw new Error('Chromium is required under CI=true (apt-get install chromium)');
if (!existsSync(join(webDir, 'index.html'))) throw new Error('the web UI is not built: npm run build:web');

let browser: Browser;
let base: string;
let demo: SeededDemo;
let deps: AppDeps;
let close: () => Promise<void>;
/** The server's clock runs this far ahead of the wall clock (the lateness test moves it on). */
let offset = 0;

type CaseAnswer = { case: { id: string; number: string } & Record<string, unknown> };
async function token(username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DEMO_PASSWORD }),
  });
  return ((await res.json()) as { token: string }).token;
}
async function request(auth: string, url: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${url}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${auth}`, 'content-type': 'application/json' },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: await res.json() };
}
async function call<T = CaseAnswer>(auth: string, url: string, body?: unknown): Promise<T> {
  const r = await request(auth, url, body);
  if (r.status >= 300) throw new Error(`${url}: ${JSON.stringify(r.json)}`);
  return r.json as T;
}
async function run(caseId: string, steps: [string, Record<string, unknown>][]) {
  for (const [auth, command] of steps) await call(auth, `/api/cases/${caseId}/commands`, { command });
}
async function signIn(username: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' })).newPage();
  await page.goto(`${base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('me').waitFor();
  return page;
}
async function openCase(page: Page, id: string) {
  await page.goto(`${base}/cases/${id}`);
  await page.getByTestId('clocks').waitFor();
}
/** The queue's rows after choosing a tab (by its label). */
async function queueNumbers(page: Page, tab: string): Promise<string[]> {
  const loaded = page.waitForResponse((res) => res.url().includes('/api/cases?') && res.url().includes(`queue=${QUEUES[tab]}`));
  await page.goto(`${base}/`);
  await page.getByTestId('queues').waitFor();
  await page.getByTestId('queues').getByText(tab, { exact: true }).click();
  const answer = (await (await loaded).json()) as { items: unknown[] };
  // the table is virtual: its rows are not <tr>s, each carries its case number
  if (answer.items.length) await page.locator('[data-number]').first().waitFor();
  return page.locator('[data-number]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-number') ?? ''));
}
/** The queue tabs this test opens, by label. */
const QUEUES: Record<string, string> = { 全部未结: 'open', 待我审批: 'awaiting_my_approval', 待回访: 'follow_up' };
/** Picks an option of a dialog's field (by the field's label and the option's text): a row of choice buttons, or a select. */
async function choose(page: Page, modal: ReturnType<Page['locator']>, fieldLabel: string, option: string) {
  const field = modal.locator('.ant-form-item').filter({ hasText: fieldLabel });
  await field.first().waitFor();
  const button = field.locator('.ant-radio-button-wrapper').filter({ hasText: option });
  if (await button.count()) {
    await button.first().click();
    await field.locator('.ant-radio-button-wrapper-checked').filter({ hasText: option }).first().waitFor();
    return;
  }
  const select = field.locator('.ant-select');
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
  // the choice is in the field before anything is submitted
  await select.locator('.ant-select-selection-item').filter({ hasText: option }).first().waitFor();
}
/** Sends the open command dialog. */
async function sendDialog(page: Page) {
  await page.getByTestId('command-ok').click();
}

describe.skipIf(!executablePath)('complaint routing, plan approval, grade requests and clocks in zh-CN (Chromium)', () => {
  beforeAll(async () => {
    const { database, drop } = await freshDatabase();
    const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-routing-'));
    deps = {
      database,
      now: () => new Date(Date.now() + offset).toISOString(),
      newId: createIdGenerator(),
      cipher: createFieldCipher(Buffer.alloc(32, 7)),
      attachmentsDir,
      limits: DEFAULT_LIMITS,
      webDir,
    };
    demo = await seedDemo(deps, { withCases: false });
    const app = await buildApp(deps);
    base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
    browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
    mkdirSync(join(root, 'test-artifacts', 'routing'), { recursive: true });
    close = async () => {
      await browser.close();
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
    };
  }, 120_000);
  afterAll(async () => close?.());

  it('a complaint against the office management with compensation goes to 公司领导 at intake; the office manager never sees it', async () => {
    const agent = await signIn('agent1');
    await agent.goto(`${base}/intake`);
    await agent.locator('label').filter({ hasText: '投诉' }).first().click();
    await agent.locator('[data-field=apologized]').getByText('是').click();
    await agent.locator('[data-field=readBack]').getByText('是').click();
    await agent.getByTestId('complaint-party').waitFor();
    await agent.locator('[data-field=accused]').getByText('管理处领导').click();
    await agent.locator('[data-field=compensationClaim]').getByText('是').click();
    await expect.poll(() => agent.getByTestId('leadership-note').innerText()).toContain('公司领导');
    await expectChinese(agent, 'intake of a complaint');
    await agent.getByTestId('description').fill('管理处主任拒不处理漏水，要求赔偿损失');
    await agent.getByTestId('save').click();
    await agent.getByTestId('case-level').waitFor();
    expect(await agent.getByTestId('case-level').innerText()).toBe('公司领导');
    expect(await agent.getByTestId('case-accused').innerText()).toContain('管理处领导');
    expect(await agent.getByTestId('case-compensation').innerText()).toContain('涉及经济赔偿');
    await expectChinese(agent, 'the complaint at leadership level');
    const id = agent.url().split('/cases/')[1]!;
    const number = await agent.getByTestId('case-number').innerText();

    // the accused office manager: 404 by the API, "not found" on the page, absent from his queues
    const manager = await token('manager1');
    expect((await request(manager, `/api/cases/${id}`)).status).toBe(404);
    const listed = await call<{ items: { id: string }[] }>(manager, '/api/cases?queue=open');
    expect(listed.items.map((c) => c.id)).not.toContain(id);
    const page = await signIn('manager1');
    await page.goto(`${base}/cases/${id}`);
    await page.getByTestId('case-error').waitFor();
    expect(await queueNumbers(page, '全部未结')).not.toContain(number);

    // leadership is told at intake; the notice opens the case
    const leader = await signIn('leader');
    await leader.getByTestId('me').click();
    await leader.locator('[data-notification=case_escalated]').first().waitFor();
    expect(await leader.locator('[data-notification=case_escalated]').first().innerText()).toContain(number);
    await leader.locator('[data-notification=case_escalated]').first().click();
    await expect.poll(() => leader.url()).toContain(`/cases/${id}`);
    await leader.getByTestId('case-level').waitFor();
    await expectChinese(leader, 'the complaint as leadership sees it');
  }, 90_000);

  it('the head cannot approve his own plan; the office manager finds it under 待我审批, reads it and approves it', async () => {
    const sup = await token('supervisor1');
    const head = await token('enghead1');
    const lina = demo.owners.lina!;
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const r = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      ownerId: lina.id,
      unitId: lina.unitId,
      type: 'complaint',
      description: '电梯维修一直拖延',
      apologized: true,
      readBack: true,
    });
    await run(r.case.id, [
      [sup, { type: 'transfer', departmentId: demo.departments['ENG-CUIHU'] }],
      [head, { type: 'accept', committedAt: soon }],
      [head, { type: 'record_contact', content: '已电话联系业主' }],
      [head, { type: 'submit_plan', cause: '配件供应延误', steps: '加急采购曳引机配件并安排周末施工', expectedCompletionAt: soon }],
    ]);

    // an agent (not only a supervisor) may escalate an office-level complaint
    const agentPage = await signIn('agent1');
    await openCase(agentPage, r.case.id);
    await agentPage.locator('[data-action=escalate]').waitFor();
    await agentPage.close();
    // the head sees his plan marked 由部门负责人提交; approving it himself is refused, and the page says why
    const headPage = await signIn('enghead1');
    await openCase(headPage, r.case.id);
    await headPage.getByTestId('plan-by-head').waitFor();
    // no 批准方案 for its author: the panel says why, and the server refuses it anyway
    expect(await headPage.locator('[data-action=approve_plan]').count()).toBe(0);
    expect(await headPage.getByTestId('plan-own').innerText()).toBe('不能审批自己提交的处理方案：由管理处主任审批。');
    const refused = await request(head, `/api/cases/${r.case.id}/commands`, { command: { type: 'approve_plan' } });
    expect(refused.status).toBe(403);
    expect((refused.json as { code: string }).code).toBe('PLAN_SELF_APPROVAL');

    // the office manager: 待我审批 lists it; the plan's cause, steps and expected completion sit above 批准方案
    const manager = await signIn('manager1');
    expect(await queueNumbers(manager, '待我审批')).toContain(r.case.number);
    await manager.locator(`[data-number="${r.case.number}"]`).click();
    await manager.getByTestId('plan-panel').waitFor();
    expect(await manager.getByTestId('plan-cause').innerText()).toBe('配件供应延误');
    expect(await manager.getByTestId('plan-steps').innerText()).toBe('加急采购曳引机配件并安排周末施工');
    expect(await manager.getByTestId('plan-expected').innerText()).not.toBe('—');
    expect(await manager.getByTestId('plan-submitter').innerText()).toContain('工程部经理钱伟');
    await expectChinese(manager, 'the plan as its approver sees it');
    await manager.getByTestId('plan-panel').locator('[data-action=approve_plan]').click();
    await sendDialog(manager);
    await expect.poll(() => manager.getByTestId('plan-panel').innerText()).toContain('已批准');
    expect(await queueNumbers(manager, '待我审批')).not.toContain(r.case.number);
  }, 90_000);

  it('an agent escalates a complaint through its dialog: the case shows its new level, and the quality department is told', async () => {
    const sup = await token('supervisor1');
    const r = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      type: 'complaint',
      description: '小区门禁多次损坏无人处理',
      apologized: true,
      readBack: true,
    });
    const agent = await signIn('agent1');
    await openCase(agent, r.case.id);
    expect(await agent.getByTestId('case-level').count()).toBe(0); // office level: no tag
    await agent.locator('[data-action=escalate]').click();
    const modal = agent.locator('.ant-modal-content').last();
    await modal.waitFor();
    await choose(agent, modal, '升级到', '公司（品质管理部）');
    await choose(agent, modal, '原因', '管理处无法处理');
    await modal.locator('.ant-form-item').filter({ hasText: '说明' }).locator('textarea').fill('门禁问题反复发生，管理处无法解决');
    await expectChinese(agent, 'the escalate dialog');
    await sendDialog(agent);
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => agent.getByTestId('case-level').innerText()).toBe('公司');
    await agent.locator('[data-event=escalated]').waitFor();
    expect(await agent.locator('[data-event=escalated]').innerText()).toContain('门禁问题反复发生');
    const told = await call<{ caseId: string | null; kind: string }[]>(await token('quality'), '/api/notifications?limit=50');
    expect(told.filter((n) => n.caseId === r.case.id).map((n) => n.kind)).toEqual(['case_escalated']);
  }, 90_000);

  it('the office manager returns a plan with its reason (退回方案); its author sees the return and why', async () => {
    const sup = await token('supervisor1');
    const head = await token('enghead1');
    const soon = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const r = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      type: 'complaint',
      description: '地下车库漏水',
      apologized: true,
      readBack: true,
    });
    await run(r.case.id, [
      [sup, { type: 'transfer', departmentId: demo.departments['ENG-CUIHU'] }],
      [head, { type: 'accept', committedAt: soon }],
      [head, { type: 'submit_plan', cause: '防水层老化', steps: '局部修补', expectedCompletionAt: soon }],
    ]);
    const manager = await signIn('manager1');
    await openCase(manager, r.case.id);
    await manager.getByTestId('plan-panel').locator('[data-action=return_plan]').click();
    const modal = manager.locator('.ant-modal-content').last();
    await modal.waitFor();
    await modal.locator('textarea').fill('只写了局部修补，请写明范围、材料和完工验收方式');
    await sendDialog(manager);
    await modal.waitFor({ state: 'detached' });
    await expect.poll(() => manager.getByTestId('case-status').innerText()).toBe('处理中');

    const author = await signIn('enghead1');
    await openCase(author, r.case.id);
    await author.getByTestId('plan-returned').waitFor();
    expect(await author.getByTestId('plan-return-reason').innerText()).toBe('只写了局部修补，请写明范围、材料和完工验收方式');
    expect(await author.getByTestId('plan-returned').innerText()).toContain('管理处主任李明');
    expect(await author.getByTestId('plan-panel').innerText()).toContain('已退回');
    await author.locator('[data-action=submit_plan]').waitFor(); // he writes it again
    await expectChinese(author, 'a returned plan as its author sees it');
  }, 90_000);

  it('an agent asks for a customer-grade change; the office manager approves it under 分级审批', async () => {
    const lina = demo.owners.lina!;
    const agent = await signIn('agent1');
    await agent.goto(`${base}/owners/${lina.id}`);
    await agent.getByTestId('grade-panel').waitFor();
    const before = await agent.getByTestId('owner-grade').innerText();
    await agent.getByTestId('request-grade').click();
    await agent.getByTestId('grade-target').click();
    const target = before === 'VIP' ? '重要' : 'VIP';
    await agent.locator('.ant-select-item-option').filter({ hasText: target }).click();
    await agent.getByTestId('grade-reason').fill('业主连续三年按时缴费并参与业委会');
    await agent.getByTestId('grade-request-ok').click();
    await agent.locator('[data-grade-request=pending]').waitFor();
    expect(await agent.getByTestId('grade-approve').count()).toBe(0); // an agent may ask, never decide

    const manager = await signIn('manager1');
    await manager.locator('.ant-menu').getByText('分级审批').click();
    await manager.getByTestId('grade-requests-page').waitFor();
    await manager.locator('[data-grade-request=pending]').first().waitFor();
    expect(await manager.locator('[data-grade-request=pending]').first().innerText()).toContain('客服专员陈静');
    await expectChinese(manager, '分级审批');
    await manager.getByTestId('grade-approve').first().click();
    await manager.getByTestId('grade-decide-ok').click();
    await expect.poll(() => manager.locator('[data-grade-request=pending]').count()).toBe(0);
    await manager.goto(`${base}/owners/${lina.id}`);
    await expect.poll(() => manager.getByTestId('owner-grade').innerText()).toBe(target);
    await expect.poll(() => manager.locator('[data-grade-request=approved]').count()).toBe(1);
  }, 90_000);

  it('待回访 lists a reworked repair’s follow-up; 记录回访 completes it', async () => {
    const sup = await token('supervisor1');
    const tech = await token('tech1');
    const zhang = demo.owners.zhangwei!;
    const r = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      ownerId: zhang.id,
      unitId: zhang.unitId,
      type: 'repair',
      repairGrade: 'urgent',
      description: '厨房水管漏水',
    });
    await run(r.case.id, [
      [sup, { type: 'dispatch', assigneeId: demo.staff.tech1, departmentId: demo.departments['ENG-CUIHU'] }],
      [tech, { type: 'arrive' }],
      [tech, { type: 'complete', summary: '更换水管接头' }],
      [sup, { type: 'record_satisfaction', satisfied: false, opinion: '仍在滴水' }],
    ]);
    const agent = await signIn('agent1');
    expect(await queueNumbers(agent, '待回访')).toContain(r.case.number);
    await agent.locator(`[data-number="${r.case.number}"]`).click();
    await agent.locator('[data-clock=rework_follow_up]').waitFor();
    expect(await agent.locator('[data-clock=rework_follow_up]').innerText()).toContain('返工专项回访');
    await expectChinese(agent, 'a reworked repair');
    await agent.locator('[data-action=record_follow_up]').click();
    await agent.locator('.ant-modal-content textarea').fill('已回访，业主确认师傅已约好再次上门');
    await sendDialog(agent);
    await agent.locator('[data-event=follow_up_recorded]').waitFor();
    await expect.poll(() => agent.locator('[data-clock=rework_follow_up]').innerText()).toContain('已按时完成');
    expect(await queueNumbers(agent, '待回访')).not.toContain(r.case.number);
  }, 90_000);

  it('a breached working-time clock shows its lateness in working and in calendar minutes', async () => {
    const sup = await token('supervisor1');
    const r = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      type: 'repair',
      repairGrade: 'normal',
      description: '楼道灯不亮',
    });
    const complaint = await call(sup, '/api/cases', {
      projectId: demo.projects.CUIHU!.id,
      channel: 'hotline',
      type: 'complaint',
      description: '保安态度差',
      apologized: true,
      readBack: true,
    });
    // ten days on: the 一般 repair's on-site clock (working time: the close of a working day) is late
    offset = 10 * 86_400_000;
    await runSlaTick(deps);
    const sup2 = await token('supervisor1'); // the session of ten days ago has expired
    const sla = await call<{ clocks: { kind: string; lateText: string | null }[] }>(sup2, `/api/cases/${r.case.id}/sla`);
    const late = sla.clocks.find((k) => k.lateText?.includes('自然时间'));
    expect(late, JSON.stringify(sla.clocks)).toBeDefined();
    const page = await signIn('supervisor1');
    await openCase(page, r.case.id);
    const shown = page.locator(`[data-clock=${late!.kind}] [data-testid=clock-late]`);
    // lateness grows by the minute: the page and a fresh read of the API agree (a minute may turn between the two reads)
    const lateNow = async () =>
      (await call<{ clocks: { kind: string; lateText: string | null }[] }>(sup2, `/api/cases/${r.case.id}/sla`)).clocks.find((k) => k.kind === late!.kind)!
        .lateText;
    await expect.poll(async () => (await shown.innerText()) === (await lateNow())).toBe(true);
    expect(late!.lateText).toMatch(/^超时 \d+ 个工作分钟（自然时间 \d+ 分钟）$/);
    // a complaint not yet transferred: its department-head step has nobody to tell, falls through, and says so
    const events = await call<{ type: string; data: Record<string, unknown> }[]>(sup2, `/api/cases/${complaint.case.id}/events`);
    const fell = events.find((e) => e.type === 'sla_escalated' && e.data.to === 'department_head');
    expect(fell?.data.fellThroughTo, JSON.stringify(fell)).toBeDefined();
    await openCase(page, complaint.case.id);
    await expect.poll(() => page.locator('[data-event=sla_escalated]').allInnerTexts()).toContainEqual(expect.stringContaining('部门负责人（转至 '));
    await page.screenshot({ path: join(root, 'test-artifacts', 'routing', 'late-clock.png') });
  }, 90_000);
});
