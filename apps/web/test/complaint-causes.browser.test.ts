import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, call, executablePath, expectChinese, fileComplaints, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 投诉原因分析 · 纠正措施 on the dashboard, in a real browser in zh-CN (issue 16 item 1, decision 0039).
 * Complaints of 翠湖花园 are registered across causes; 李明 (office manager) opens the dashboard and
 * finds the causes ranked as the server ranks them, the main one 未制定措施; he adds a measure
 * (添加措施: text, responsible, due date) and marks it done with its result (标记完成); each step is
 * checked against the server's report. The office manager may not verify it; the quality officer 吴敏 does
 * (验证: 无效 and what was checked, both required), and the cause reads 措施无效 with the measure 已验证·无效.
 * Screenshots in test-artifacts/complaint-causes/.
 */
let w: ConsoleWorld;
type Measure = {
  id: string;
  measure: string;
  status: string;
  resultNote: string | null;
  responsibleId: string;
  effective?: boolean | null;
  verification?: string | null;
};
type Cause = { category: string | null; count: number; main: boolean; state: string | null; measures: Measure[] };
type Report = { causes: Cause[]; canWrite: string[] };

describe.skipIf(!executablePath)('投诉原因分析 · 纠正措施 (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('complaint-causes');
    const supervisor = await token(w, 'supervisor1');
    const projectId = w.demo.projects.CUIHU!.id;
    await fileComplaints(w, supervisor, projectId, ['噪音扰民', '噪音扰民', '噪音扰民', '噪音扰民', '噪音扰民', '噪音扰民', '停车难', '停车难', '电梯停运']);
  }, 120_000);
  afterAll(async () => w?.close());

  it('李明 sees the causes ranked, adds a measure to the main cause and marks it done; the quality officer verifies it', async () => {
    const page = await signIn(w, 'manager1');
    const loaded = answered(page, 'GET', /^\/api\/reports\/complaint-causes$/);
    await page.goto(`${w.base}/dashboard`);
    const first = (await (await loaded).json()) as Report;
    const card = page.getByTestId('complaint-causes');
    await card.locator('tbody tr[data-cause]').first().waitFor();
    // the table's rows in the server's order; 噪音扰民 (after the demo's 噪音) a main cause without a measure
    expect(await card.locator('tbody tr[data-cause]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-cause')))).toEqual(
      first.causes.map((c) => c.category ?? '-'),
    );
    expect(first.causes.find((c) => c.category === '噪音扰民')).toMatchObject({ count: 6, main: true, state: 'no_measure' });
    const noise = card.locator('tr[data-cause="噪音扰民"]');
    expect(await noise.innerText()).toContain('主要原因');
    expect(await noise.getByTestId('cause-state').innerText()).toBe('未制定措施');
    await expectChinese(page, 'complaint causes');
    await shot(w, page, 'complaint-causes');

    // 添加措施
    await noise.getByTestId('measure-add').click();
    const modal = page.locator('.ant-modal');
    await modal.getByTestId('measure-text').fill('夜间22:00后加强巡逻，装修施工时间公示并逐户告知');
    await modal.getByTestId('measure-responsible').click();
    await page.keyboard.type('黄丽'); // the list is virtual: search rather than scroll
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '黄丽' }).click();
    await modal.locator('.ant-picker input').fill('2030-01-10');
    await modal.locator('.ant-picker input').press('Enter');
    await expectChinese(page, 'new corrective measure');
    await shot(w, page, 'complaint-measure-new');
    const created = answered(page, 'POST', /^\/api\/complaint-measures$/);
    await modal.getByTestId('measure-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const measure = (await res.json()) as Measure;
    expect(measure).toMatchObject({ status: 'planned', responsibleId: w.demo.staff.supervisor1 });
    await expect.poll(() => noise.getByTestId('cause-state').innerText()).toBe('进行中');
    expect(await noise.locator(`[data-measure="${measure.measure}"]`).getByTestId('measure-status').innerText()).toBe('进行中');

    // 标记完成 with its result
    await noise.getByTestId('measure-complete').click();
    await page.locator('.ant-modal:visible').getByTestId('measure-result-text').fill('巡逻加密后本月夜间噪音投诉明显减少');
    const done = answered(page, 'POST', /^\/api\/complaint-measures\/[^/]+\/done$/);
    await page.locator('.ant-modal:visible').getByTestId('measure-complete-send').click();
    expect((await done).status()).toBe(200);
    await expect.poll(() => noise.getByTestId('cause-state').innerText()).toBe('已完成');
    expect(await noise.getByTestId('measure-result').innerText()).toContain('巡逻加密后本月夜间噪音投诉明显减少');
    expect(await noise.getByTestId('measure-complete').count()).toBe(0);
    await expectChinese(page, 'corrective measure done');
    await shot(w, page, 'complaint-measure-done');

    // the table as CSV: the measure and its result in the cause's row
    const download = page.waitForEvent('download');
    await card.getByTestId('export-complaint-causes-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^投诉原因与纠正措施-\d{4}-01-01~\d{4}-01-01\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    expect(csv.split(/\r\n/).find((l) => l.includes('夜间22:00后加强巡逻'))).toMatch(/噪音扰民.*已完成.*巡逻加密后本月夜间噪音投诉明显减少/);

    // the server's report says the same
    const after = await call<Report>(w, await token(w, 'manager1'), '/api/reports/complaint-causes');
    expect(after.causes.find((c) => c.category === '噪音扰民')).toMatchObject({
      state: 'done',
      measures: [{ id: measure.id, status: 'done', resultNote: '巡逻加密后本月夜间噪音投诉明显减少' }],
    });
    // the office manager who did it may not verify it
    expect(await noise.getByTestId('measure-verify').count()).toBe(0);
    await page.close();

    // 效果验证 by the quality department: 有效 / 无效 and what was checked, both required
    const quality = await signIn(w, 'quality');
    await quality.goto(`${w.base}/dashboard`);
    const qNoise = quality.getByTestId('complaint-causes').locator('tr[data-cause="噪音扰民"]');
    await qNoise.getByTestId('measure-verify').click();
    const form = quality.locator('.ant-modal:visible');
    await form.getByTestId('measure-verify-send').click();
    await expect.poll(() => form.locator('.ant-form-item-explain-error').count()).toBe(2);
    await form.getByText('无效', { exact: true }).click();
    await form.getByTestId('measure-verify-note').fill('次月夜间噪音投诉仍有 4 件，巡逻未覆盖装修时段');
    await expectChinese(quality, 'verifying a corrective measure');
    await shot(w, quality, 'complaint-measure-verify');
    const verified = answered(quality, 'POST', /^\/api\/complaint-measures\/[^/]+\/verify$/);
    await form.getByTestId('measure-verify-send').click();
    const answer = await verified;
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toMatchObject({ id: measure.id, effective: false, verification: '次月夜间噪音投诉仍有 4 件，巡逻未覆盖装修时段' });
    await expect.poll(() => qNoise.getByTestId('cause-state').innerText()).toBe('措施无效');
    expect(await qNoise.getByTestId('measure-verdict').innerText()).toBe('已验证·无效');
    expect(await qNoise.getByTestId('measure-verification').innerText()).toContain('巡逻未覆盖装修时段');
    expect(await qNoise.getByTestId('measure-verify').count()).toBe(0);
    await expectChinese(quality, 'corrective measure verified');
    await shot(w, quality, 'complaint-measure-verified');
    const verifiedReport = await call<Report>(w, await token(w, 'manager1'), '/api/reports/complaint-causes');
    expect(verifiedReport.causes.find((c) => c.category === '噪音扰民')).toMatchObject({
      state: 'ineffective',
      measures: [{ id: measure.id, effective: false, verification: '次月夜间噪音投诉仍有 4 件，巡逻未覆盖装修时段' }],
    });
    await quality.close();
  }, 150_000);
});
