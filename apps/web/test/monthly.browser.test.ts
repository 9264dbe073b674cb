import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 月度沟通 in a real browser in zh-CN on a fresh demo company (issue 14 item 3): 张伟 complained this
 * month; the service supervisor generates 翠湖花园's contact list (his row, due the 5th of next month),
 * records the call with what he said, opens the month's summary draft built from the data, writes its
 * overview and submits it. Screenshots in test-artifacts/monthly/.
 */
let w: ConsoleWorld;
let supervisor: Page;

describe.skipIf(!executablePath)('月度沟通: the contact list and the summary draft (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('monthly');
    supervisor = await signIn(w, 'supervisor1', { width: 1500, height: 950 });
  }, 180_000);
  afterAll(async () => w?.close());

  it('generates the list, records a contact, writes and submits the summary', async () => {
    const agent = await token(w, 'agent1');
    const zhang = w.demo.owners.zhangwei!;
    await call(w, agent, '/api/cases', {
      projectId: w.demo.projects.CUIHU!.id,
      type: 'complaint',
      channel: 'hotline',
      description: '楼道灯坏了一周',
      ownerId: zhang.id,
      unitId: zhang.unitId,
      apologized: true,
      readBack: true,
    });

    await openSubmenu(supervisor, '回访走访', '月度沟通');
    await supervisor.getByText('本月还没有名单，请先生成').waitFor();
    await supervisor.getByTestId('monthly-generate').click();
    const list = supervisor.getByTestId('monthly-contacts');
    const row = list.locator('tr').filter({ hasText: '楼道灯坏了一周' });
    await row.waitFor();
    expect(await row.innerText()).toContain('张*');
    await expectChinese(supervisor, 'contact list');
    await shot(w, supervisor, 'contacts');

    await row.getByTestId('monthly-record').click();
    await supervisor.getByTestId('monthly-owner-words').fill('灯已修好，满意');
    await supervisor.getByTestId('monthly-result').click();
    await supervisor.locator('.ant-select-item-option').filter({ hasText: '业主满意' }).click();
    await supervisor
      .locator('.ant-modal')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    await row.getByText('已沟通').waitFor();

    await supervisor.getByRole('tab', { name: '月度沟通总结' }).click();
    await supervisor.getByTestId('monthly-create-summary').click();
    const figures = supervisor.getByTestId('monthly-figures');
    await figures.waitFor();
    expect(await figures.innerText()).toMatch(/投诉 \d/);
    await supervisor.getByTestId('monthly-overview').fill('本月投诉一宗，已回访');
    await supervisor
      .getByTestId('monthly-summary')
      .getByRole('button', { name: /^保\s*存$/ })
      .click();
    await supervisor.getByRole('button', { name: '提交审阅' }).click();
    await supervisor.getByText('已提交待审阅').waitFor();
    await expectChinese(supervisor, 'summary submitted');
    await shot(w, supervisor, 'summary');
    // the summary as a workbook, downloaded under its name
    const [download] = await Promise.all([supervisor.waitForEvent('download'), supervisor.getByTestId('monthly-summary-xlsx').click()]);
    expect(download.suggestedFilename()).toMatch(/每月客户沟通总结.*\.xlsx$/);

    const manager = await token(w, 'manager1');
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    const summaries = await call<{ status: string; overview: string; month: string }[]>(
      w,
      manager,
      `/api/monthly/summaries?projectId=${w.demo.projects.CUIHU!.id}`,
    );
    expect(summaries.find((s) => s.month === month)).toMatchObject({ status: 'submitted', overview: '本月投诉一宗，已回访' });
  }, 90_000);
});
