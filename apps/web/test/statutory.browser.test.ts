import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';
import { openNoticeMenu } from './notice-browser';

/**
 * 法定公示 in a real browser in zh-CN on a fresh demo company (issue 13 item 6): the office manager
 * adopts the default schedule (民法典 第943条) — each subject with its next due date and its status in
 * colour (正常 green, 即将到期 orange, 已逾期 red) —, records the overdue posting (the schedule moves on
 * to its next due date), and records an owner's objection to it: a case, opened at once, and linked
 * from the posting. An agent reads the schedule without changing it. Screenshots in
 * test-artifacts/statutory/.
 */
let w: ConsoleWorld;
let manager: Page;
const DAY = 86_400_000;

type Schedule = { id: string; subject: string; title: string; nextDueOn: string; status: string; lastPostedOn: string | null };
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
const schedules = async () => call<Schedule[]>(w, await token(w, 'manager1'), `/api/projects/${w.demo.projects.CUIHU!.id}/statutory-schedules`);
async function patch(id: string, body: unknown) {
  const res = await fetch(`${w.base}/api/statutory-schedules/${id}`, {
    method: 'PATCH',
    headers: { authorization: `Bearer ${await token(w, 'manager1')}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.text()).toBe(200);
}
const rowOf = (p: Page, id: string) => p.locator(`tr[data-schedule="${id}"]`);

describe.skipIf(!executablePath)('法定公示 (Chromium, zh-CN)', () => {
  let fees: Schedule;

  beforeAll(async () => {
    w = await startConsole('statutory');
    manager = await signIn(w, 'manager1', { width: 1500, height: 950 });
  }, 180_000);
  afterAll(async () => w?.close());

  it('the default schedule adopted: each subject with its next due date, and its status in colour', async () => {
    await openNoticeMenu(manager, '法定公示');
    const table = manager.getByTestId('statutory-schedules');
    await table.getByText('暂无公示计划').waitFor();
    await manager.getByTestId('statutory-defaults').click();
    await manager.getByText('已添加默认公示计划').waitFor();
    await expect.poll(() => table.locator('tr[data-schedule]').count()).toBe(5);
    // one fallen overdue, one due in three days (set through the API: the clock does not move here)
    const adopted = await schedules();
    fees = adopted.find((s) => s.subject === 'fees_and_standards')!;
    const contractors = adopted.find((s) => s.subject === 'contractors')!;
    await patch(fees.id, { nextDueOn: localDate(Date.now() - 2 * DAY) });
    await patch(contractors.id, { nextDueOn: localDate(Date.now() + 3 * DAY) });
    await manager.reload();
    await rowOf(manager, fees.id).waitFor();
    for (const s of await schedules()) {
      const row = rowOf(manager, s.id);
      const text = await row.innerText();
      expect(text).toContain(s.title);
      expect(text).toContain(s.nextDueOn);
      const tag = row.locator('[data-statutory-status]');
      expect(await tag.getAttribute('data-statutory-status')).toBe(s.status);
      const [words, colour] = { ok: ['正常', 'green'], due_soon: ['即将到期', 'orange'], overdue: ['已逾期', 'red'] }[s.status as 'ok']!;
      expect(await tag.innerText()).toBe(words);
      expect(await tag.getAttribute('class')).toContain(`ant-tag-${colour}`);
    }
    expect((await schedules()).map((s) => s.status).sort()).toEqual(['due_soon', 'ok', 'ok', 'ok', 'overdue']);
    await expectChinese(manager, 'statutory schedules');
    await shot(w, manager, 'schedules');
  }, 60_000);

  it('recording the overdue posting moves the schedule on; an objection becomes a case, linked from the posting', async () => {
    const row = rowOf(manager, fees.id);
    await row.locator('.ant-table-row-expand-icon').click();
    const detail = manager.getByTestId('statutory-detail');
    await detail.waitFor();
    await detail.getByTestId('statutory-record').click();
    await manager.getByText('已登记公示').waitFor();
    const after = (await schedules()).find((s) => s.id === fees.id)!;
    expect(after).toMatchObject({ status: 'ok', lastPostedOn: localDate(Date.now()) });
    await expect.poll(() => row.locator('[data-statutory-status]').innerText()).toBe('正常');
    expect(await row.innerText()).toContain(after.nextDueOn);
    const posting = detail.getByTestId('statutory-postings').locator('tbody tr.ant-table-row');
    await posting.first().waitFor();
    expect(await posting.first().innerText()).toContain(localDate(Date.now()));

    await posting.first().getByTestId('objection-new').click();
    await posting.first().locator('textarea').fill('物业费标准与合同约定不一致，请说明依据');
    await posting
      .first()
      .getByRole('button', { name: '保 存' })
      .or(posting.first().getByRole('button', { name: '保存' }))
      .click();
    await manager.waitForURL(/\/cases\//);
    const caseId = manager.url().split('/cases/')[1]!;
    await manager.getByText('物业费标准与合同约定不一致，请说明依据').first().waitFor();
    await expectChinese(manager, 'objection case');

    await openNoticeMenu(manager, '法定公示');
    await rowOf(manager, fees.id).locator('.ant-table-row-expand-icon').click();
    const link = manager.getByTestId('statutory-detail').getByTestId('objection-case');
    await link.waitFor();
    expect(await link.innerText()).toBe('异议工单 1');
    await link.click();
    await manager.waitForURL(new RegExp(`/cases/${caseId}$`));
    await shot(w, manager, 'objection');
  }, 60_000);

  it('an agent reads the schedule; only whoever approves notices sets it', async () => {
    const agent = await signIn(w, 'agent1');
    await openNoticeMenu(agent, '法定公示');
    await rowOf(agent, fees.id).waitFor();
    expect(await agent.getByTestId('statutory-defaults').count()).toBe(0);
    expect(await agent.getByText('添加公示计划').count()).toBe(0);
    await expectChinese(agent, 'statutory, agent');
    await agent.context().close();
  }, 60_000);
});
