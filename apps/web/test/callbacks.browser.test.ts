import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 回访 in a real browser in zh-CN on a fresh demo company (issue 14 item 1): a repair of 张伟's signed
 * off joins the queue of 翠湖花园; the agent opens it from 回访, records the call — reached, quality
 * 不满意, the problem not resolved, the owner's words — and chooses 返工; the case page then shows the
 * repair reopened for rework (back to dispatch, the follow-up and the dissatisfaction in its history),
 * and a rework callback waits in the queue. Screenshots in test-artifacts/callbacks/.
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
});
