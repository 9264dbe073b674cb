import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/** Picks an option of an Ant Design select (opens it, clicks the option in the visible dropdown, checks the choice). */
async function choose(page: Page, testId: string, option: string) {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first().click();
    const shown = await select
      .locator('.ant-select-selection-item')
      .filter({ hasText: option })
      .first()
      .waitFor({ timeout: 5_000 })
      .then(
        () => true,
        () => false,
      );
    if (shown) return;
    if (attempt === 3) throw new Error(`${option} not chosen in ${testId}`);
  }
}

/**
 * 回访 in a real browser in zh-CN on a fresh demo company (issue 14 item 1): a repair of 张伟's signed
 * off joins the queue of 翠湖花园; the agent opens it from 回访, records the call — reached, quality
 * 不满意, the problem not resolved, the owner's words — and chooses 返工; the case page then shows the
 * repair reopened for rework (back to dispatch, the follow-up and the dissatisfaction in its history),
 * and a rework callback waits in the queue. Each callback shows whom it is given to (the case's first
 * receiver), 只看我的 keeps the agent's own; the quality officer gives one to another caller with a reason,
 * and moves a weekly sample's round to another caller from 抽样回访. Screenshots in test-artifacts/callbacks/.
 */
let w: ConsoleWorld;
let agent: Page;
const WORDS = '厨房水管还在漏水';

type CaseAnswer = { case: { id: string; number: string; status: string; reopenCount: number } };

/** A repair of 张伟's, dispatched, done and signed off (satisfied) through the API. */
async function signedOffRepair(): Promise<{ id: string; number: string }> {
  const agentToken = await token(w, 'agent1');
  const techToken = await token(w, 'tech1');
  const z = w.demo.owners.zhangwei!;
  const created = await call<CaseAnswer>(w, agentToken, '/api/cases', {
    projectId: w.demo.projects.CUIHU!.id,
    type: 'repair',
    channel: 'hotline',
    category: '水电',
    description: '厨房水管漏水',
    ownerId: z.id,
    unitId: z.unitId,
  });
  const id = created.case.id;
  const command = (auth: string, c: Record<string, unknown>) => call<CaseAnswer>(w, auth, `/api/cases/${id}/commands`, { command: c });
  await command(agentToken, { type: 'dispatch', assigneeId: w.demo.staff.tech1, departmentId: w.demo.departments['ENG-CUIHU'] });
  await command(techToken, { type: 'arrive' });
  await command(techToken, { type: 'complete', summary: '更换水管接头' });
  const signed = await command(agentToken, { type: 'record_satisfaction', satisfied: true });
  expect(signed.case.status).toBe('resolved');
  return { id, number: created.case.number };
}

describe.skipIf(!executablePath)('回访: a callback made in the console, 不满意 reopens the repair (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('callbacks');
    agent = await signIn(w, 'agent1', { width: 1500, height: 950 });
  }, 180_000);
  afterAll(async () => w?.close());

  it('records a call with 不满意 and 返工: the repair is back to dispatch and a rework callback is due', async () => {
    const repair = await signedOffRepair();
    await openSubmenu(agent, '回访走访', '回访');
    const open = agent.getByTestId(`callback-open-${repair.number}`);
    await open.waitFor();
    expect(await agent.getByTestId('callbacks').innerText()).toContain('报修回访');
    // given to the case's first receiver: the agent herself; 只看我的 keeps it
    expect(await agent.getByTestId(`callback-assignee-${repair.number}`).innerText()).toBe('客服专员陈静');
    await agent.getByTestId('callback-mine').click();
    await agent.getByTestId(`callback-open-${repair.number}`).waitFor();
    await agent.getByTestId('callback-mine').click();
    await expectChinese(agent, 'callback queue');
    await shot(w, agent, 'queue');

    await open.click();
    const form = agent.getByTestId('callback-form');
    await form.waitFor();
    await form.getByText('已接通', { exact: true }).click();
    await agent.getByTestId('callback-quality').getByText('不满意', { exact: true }).click();
    await agent.getByTestId('callback-attitude').getByText('满意', { exact: true }).click();
    await agent.getByTestId('callback-result').getByText('未解决', { exact: true }).click();
    await agent.getByTestId('callback-words').fill(WORDS);
    await agent.getByTestId('callback-follow-up').getByText('返工', { exact: true }).click();
    await expectChinese(agent, 'callback record');
    await shot(w, agent, 'record');
    await agent.getByTestId('callback-save').click();
    await agent.getByText('回访记录已保存').waitFor();
    await agent.getByTestId('callback-drawer').getByText('已回访').waitFor();
    expect(await agent.getByTestId('callback-drawer').innerText()).toContain(WORDS);

    // the case: reopened for rework, the call and the dissatisfaction in its history
    const c = await call<CaseAnswer>(w, await token(w, 'agent1'), `/api/cases/${repair.id}`);
    expect(c.case).toMatchObject({ status: 'dispatched', reopenCount: 1 });
    await agent.goto(`${w.base}/cases/${repair.id}`);
    await agent.getByText(WORDS).first().waitFor();
    const page = await agent.locator('body').innerText();
    for (const words of ['回访', '满意度', '已派工']) expect(page).toContain(words);
    await expectChinese(agent, 'case after callback');
    await shot(w, agent, 'case-reworked');

    const queue = await call<{ items: { caseId: string; source: string }[] }>(
      w,
      await token(w, 'agent1'),
      `/api/callbacks?projectId=${w.demo.projects.CUIHU!.id}`,
    );
    expect(queue.items.filter((i) => i.caseId === repair.id).map((i) => i.source)).toEqual(['rework']);
  }, 90_000);

  it('the quality officer gives a callback to another caller with the reason', async () => {
    const repair = await signedOffRepair();
    const quality = await signIn(w, 'quality', { width: 1500, height: 950 });
    await openSubmenu(quality, '回访走访', '回访');
    await choose(quality, 'callback-project', '翠湖花园'); // a company-wide officer sees every project
    const open = quality.getByTestId(`callback-open-${repair.number}`);
    await open.waitFor();
    await open.click();
    await quality.getByTestId('callback-reassign').waitFor();
    expect(await quality.getByTestId('callback-drawer-assignee').innerText()).toBe('客服专员陈静');
    await choose(quality, 'callback-reassign-to', '大堂助理林晓');
    await quality.getByTestId('callback-reassign-reason').fill('陈静本周休假');
    await quality.getByTestId('callback-reassign-save').click();
    await quality.getByText('已改派', { exact: true }).waitFor();
    await quality.getByTestId('callback-reassignments').getByText('陈静本周休假', { exact: false }).waitFor();
    expect(await quality.getByTestId('callback-drawer-assignee').innerText()).toBe('大堂助理林晓');
    expect(await quality.getByTestId(`callback-assignee-${repair.number}`).innerText()).toBe('大堂助理林晓');
    await expectChinese(quality, 'callback reassigned');
    await shot(w, quality, 'reassigned');
    const queue = await call<{ items: { caseId: string; assigneeId: string | null }[] }>(
      w,
      await token(w, 'frontdesk1'),
      `/api/callbacks?projectId=${w.demo.projects.CUIHU!.id}&mine=true`,
    );
    expect(queue.items.filter((i) => i.caseId === repair.id).map((i) => i.assigneeId)).toEqual([w.demo.staff.frontdesk1]);
  }, 90_000);

  it('抽样回访: the quality officer moves a round to another caller in the console', async () => {
    const qualityToken = await token(w, 'quality');
    const round = await call<{ id: string; weekStart: string; callerId: string | null }>(w, qualityToken, '/api/callback-rounds', {
      projectId: w.demo.projects.CUIHU!.id,
    });
    expect(round.callerId).toBeNull();
    const quality = await signIn(w, 'quality', { width: 1500, height: 950 });
    await openSubmenu(quality, '回访走访', '抽样回访');
    await choose(quality, 'round-project', '翠湖花园');
    await quality.getByTestId('callback-rounds').getByText(round.weekStart, { exact: false }).first().click();
    await quality.getByTestId('round-caller').waitFor();
    expect(await quality.getByTestId('round-caller-name').innerText()).toBe('—');
    await choose(quality, 'round-caller-select', '品质专员吴敏');
    await quality.getByTestId('round-caller-save').click();
    await quality.getByText('已指定回访人', { exact: false }).first().waitFor();
    await quality.getByTestId('round-caller-name').getByText('品质专员吴敏').waitFor();
    expect(await quality.getByTestId('callback-rounds').locator('.ant-table').first().innerText()).toContain('品质专员吴敏');
    await expectChinese(quality, 'round caller');
    await shot(w, quality, 'round-caller');
    const after = await call<{ callerId: string | null }>(w, qualityToken, `/api/callback-rounds/${round.id}`);
    expect(after.callerId).toBe(w.demo.staff.quality);
  }, 90_000);
});
