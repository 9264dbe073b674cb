import { INSPECTION_KINDS } from '@guanjia/vocabulary';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  call,
  executablePath,
  expectChinese,
  openSubmenu,
  overflowsX,
  send,
  shot,
  signature,
  signIn,
  startConsole,
  token,
  type ConsoleWorld,
} from './console-browser';

/**
 * 夜间查岗 and 沟通工作检查 in a real browser, in zh-CN (issue 15 item 1): 李明 (office manager of 翠湖花园)
 * opens 夜间查岗 and sees the month owed (as the server counts it), enters a red rainstorm warning for
 * tonight and sees tonight's night check scheduled, with 开始检查 leading to the check's page; the
 * 恶劣天气夜间查岗 notification opens the project's month; the page fits a phone at 390×844. 吴敏 (品质,
 * inspection.audit) starts a communication audit of 5 of 翠湖花园's cases this month: the sample's cases
 * (each number opening the case) and the period's figures are the server's. Screenshots in
 * test-artifacts/night-checks/. 李明's daily check submitted (through the API: a night check begins only at night) shows in
 * 月检通报's checks by kind.
 */
let w: ConsoleWorld;
const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const pct = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

type NightMonth = {
  required: number;
  done: number;
  owed: number;
  state: string;
  warningNightsOwed: string[];
  checks: { id: string; scheduledOn: string | null; status: string }[];
};
type Sample = {
  from: string;
  to: string;
  requested: number;
  cases: { id: string; number: string }[];
  figures: {
    casesReceived: number;
    complaintClocks: { met: number; breached: number; rate: number | null };
    satisfaction: { satisfied: number; asked: number; rate: number | null };
    languageOverrides?: { count: number; staff: number };
  };
  archive?: { requested: number; population: number; owners: { id: string; name: string }[] };
};

describe.skipIf(!executablePath)('夜间查岗 and 沟通工作检查 (Chromium, zh-CN)', () => {
  let cuihu = '';
  let tonight = '';
  let scheduledId = '';

  beforeAll(async () => {
    w = await startConsole('night-checks');
    cuihu = w.demo.projects.CUIHU!.id;
  }, 120_000);
  afterAll(async () => w?.close());

  it('李明 sees the month owed, enters a rainstorm warning for tonight and sees its night check scheduled', async () => {
    const page = await signIn(w, 'manager1');
    const month = answered(page, 'GET', /^\/api\/night-checks$/);
    await openSubmenu(page, '巡检', '夜间查岗');
    await page.getByTestId('night-checks').waitFor();
    await month;
    tonight = shanghaiToday();
    const before = await call<NightMonth>(w, await token(w, 'manager1'), `/api/night-checks?projectId=${cuihu}&month=${tonight.slice(0, 7)}`);
    expect(before.state).toBe('owed');
    await expect.poll(() => page.getByTestId('night-state').innerText()).toBe('未完成');
    expect(await page.getByTestId('night-required').innerText()).toBe(`${before.required} 次`);
    expect(await page.getByTestId('night-done').innerText()).toBe(`${before.done} 次`);
    expect(await page.getByTestId('night-owed').innerText()).toBe(`${before.owed} 次`);
    expect(await page.getByTestId('night-warning-owed').innerText()).toBe('无');
    await expectChinese(page, 'night checks');
    await shot(w, page, 'night-checks-owed');

    await page.getByTestId('warning-new').click();
    const form = page.getByTestId('warning-form');
    await form.locator('.ant-radio-button-wrapper').filter({ hasText: '暴雨' }).click();
    await form.getByTestId('warning-level').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '红色' }).click();
    // the nights are tonight's by default (the project's date)
    expect(await form.locator('.ant-picker input').first().inputValue()).toBe(tonight);
    expect(await form.locator('.ant-picker input').last().inputValue()).toBe(tonight);
    await form.getByTestId('warning-note').fill('市气象台发布暴雨红色预警');
    await expectChinese(page, 'warning form');
    await shot(w, page, 'warning-form');
    const created = answered(page, 'POST', /^\/api\/weather-warnings$/);
    await page.getByTestId('warning-submit').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const body = (await res.json()) as { warning: { id: string }; scheduled: { id: string; scheduledOn: string }[] };
    expect(body.scheduled).toEqual([{ id: expect.any(String), scheduledOn: tonight }]);
    scheduledId = body.scheduled[0]!.id;

    await expect.poll(() => page.getByTestId('warning-created').innerText()).toContain(`已安排 1 晚夜间查岗：${tonight.slice(5)}`);
    const row = page.locator(`[data-night="${tonight}"]`);
    await row.waitFor();
    expect(await row.getByTestId('check-status').innerText()).toBe('待检查');
    expect(await row.innerText()).toContain('夜间查岗（暴雨预警）');
    expect(await row.getByTestId('check-start').innerText()).toBe('开始检查');
    expect(await row.getByTestId('check-start').getAttribute('href')).toBe(`/inspections/${scheduledId}`);
    const warning = page.getByTestId('night-warnings');
    expect(await warning.innerText()).toContain('暴雨');
    expect(await warning.innerText()).toContain('红色');
    expect(await warning.innerText()).toContain('已安排 1 晚查岗');
    // tonight is a warning night owed until its check is submitted
    const after = await call<NightMonth>(w, await token(w, 'manager1'), `/api/night-checks?projectId=${cuihu}&month=${tonight.slice(0, 7)}`);
    expect(after.warningNightsOwed).toEqual([tonight]);
    expect(after.checks.map((c) => c.id)).toContain(scheduledId);
    await expect.poll(() => page.getByTestId('night-warning-owed').innerText()).toBe(tonight.slice(5));
    expect(await page.getByTestId('night-owed').innerText()).toBe(`${after.owed} 次`);
    await expectChinese(page, 'warning entered');
    await shot(w, page, 'night-check-scheduled');
  }, 120_000);

  it('the 恶劣天气夜间查岗 notification opens the project’s month of night checks; the page fits a phone', async () => {
    const page = await signIn(w, 'manager1');
    await page.getByTestId('me').click();
    const told = page.locator('[data-notification="night_checks_scheduled"]').first();
    await told.waitFor();
    const text = await told.innerText();
    for (const part of ['恶劣天气夜间查岗', '暴雨', `${tonight} – ${tonight}`, '红色', '已安排 1 晚查岗']) expect(text).toContain(part);
    await expectChinese(page, 'notification');
    await told.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/night-checks');
    const query = new URL(page.url()).searchParams;
    expect(query.get('projectId')).toBe(cuihu);
    expect(query.get('month')).toBe(tonight.slice(0, 7));
    await page.locator(`[data-night="${tonight}"]`).getByTestId('check-start').waitFor();

    const phone = await signIn(w, 'manager1', { width: 390, height: 844 });
    await phone.goto(`${w.base}/night-checks?projectId=${cuihu}&month=${tonight.slice(0, 7)}`);
    await phone.locator(`[data-night="${tonight}"]`).waitFor();
    expect(await overflowsX(phone)).toBe(false);
    await expectChinese(phone, 'night checks on a phone');
    await shot(w, phone, 'night-checks-phone');
  }, 120_000);

  it('吴敏 starts a communication audit of 5 cases: the sample’s cases open the cases, the figures are the server’s', async () => {
    // cases received this month at 翠湖花园 beyond the seeded ones: the population exceeds the sample
    const agent = await token(w, 'agent1');
    for (let i = 0; i < 4; i++)
      await call(w, agent, '/api/cases', {
        projectId: cuihu,
        type: i % 2 === 0 ? 'complaint' : 'inquiry',
        channel: 'hotline',
        description: `业主来电反映问题 ${i + 1}`,
        ...(i % 2 === 0 ? { apologized: true, readBack: true } : {}),
      });
    const page = await signIn(w, 'quality');
    await openSubmenu(page, '巡检', '沟通工作检查');
    await page.getByTestId('communication-audits').waitFor();
    await page.getByTestId('audit-new').click();
    const form = page.getByTestId('audit-form');
    await form.getByTestId('inspection-project').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园' }).first().click();
    await form.getByTestId('audit-size').fill('5');
    await form.getByTestId('audit-archive-size').fill('3');
    expect(await form.locator('.ant-picker input').last().inputValue()).toBe(shanghaiToday());
    await expectChinese(page, 'audit form');
    await shot(w, page, 'audit-form');
    const started = answered(page, 'POST', /^\/api\/communication-audits$/);
    await page.getByTestId('audit-submit').click();
    const res = await started;
    expect(res.status()).toBe(201);
    const audit = (await res.json()) as { id: string; projectId: string; sample: Sample };
    expect(audit.projectId).toBe(cuihu);
    expect(audit.sample.cases).toHaveLength(5);
    expect(audit.sample.figures.casesReceived).toBeGreaterThanOrEqual(7);
    // what the check's page reads back is the same sample
    const read = await call<{ sample: Sample }>(w, await token(w, 'quality'), `/api/inspections/${audit.id}`);
    expect(read.sample).toEqual(audit.sample);

    const drawer = page.getByTestId('audit-drawer');
    const sample = drawer.getByTestId('audit-sample');
    await sample.waitFor();
    const f = audit.sample.figures;
    expect(await sample.getByTestId('audit-period').innerText()).toBe(`${audit.sample.from} – ${audit.sample.to}`);
    expect(await sample.getByTestId('audit-received').innerText()).toBe(String(f.casesReceived));
    expect(await sample.getByTestId('audit-drawn').innerText()).toBe('5 件（要求 5 件）');
    expect(await sample.getByTestId('audit-timeliness').innerText()).toBe(
      `及时 ${f.complaintClocks.met}，超时 ${f.complaintClocks.breached}，及时率 ${pct(f.complaintClocks.rate)}`,
    );
    expect(await sample.getByTestId('audit-satisfaction').innerText()).toBe(
      `满意 ${f.satisfaction.satisfied}，回访 ${f.satisfaction.asked}，满意率 ${pct(f.satisfaction.rate)}`,
    );
    // the service language's overrides and the archive's spot check: 3 owners, masked, each opening the owner's archive
    const archive = audit.sample.archive!;
    expect(archive.owners).toHaveLength(Math.min(3, archive.population));
    expect(await sample.getByTestId('audit-overrides').innerText()).toBe(
      `仍然发送不规范用语 ${f.languageOverrides!.count} 次（${f.languageOverrides!.staff} 人）`,
    );
    expect(await sample.getByTestId('audit-archive-drawn').innerText()).toBe(`${archive.owners.length} 户（共 ${archive.population} 户业主，要求 3 户）`);
    const ownerLinks = sample.getByTestId('audit-owner');
    expect(await ownerLinks.allInnerTexts()).toEqual(archive.owners.map((o) => o.name));
    expect(await ownerLinks.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(archive.owners.map((o) => `/owners/${o.id}`));
    const links = sample.getByTestId('audit-case');
    expect(await links.allInnerTexts()).toEqual(audit.sample.cases.map((c) => c.number));
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(audit.sample.cases.map((c) => `/cases/${c.id}`));
    expect(await drawer.getByTestId('audit-check-link').innerText()).toBe('评分并写报告');
    expect(await drawer.getByTestId('audit-check-link').getAttribute('href')).toBe(`/inspections/${audit.id}`);
    await expectChinese(page, 'audit sample');
    await shot(w, page, 'audit-sample');

    // the list has it, in progress, with its sample and the check's page
    await page.keyboard.press('Escape');
    const row = page.locator(`[data-audit="${audit.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('audit-status').innerText()).toBe('检查中');
    expect(await row.innerText()).toContain('品质专员吴敏');
    await shot(w, page, 'audits');

    // a sampled case's number opens the case
    await row.getByTestId('audit-view').click();
    const first = audit.sample.cases[0]!;
    await drawer.getByTestId('audit-case').filter({ hasText: first.number }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/cases/${first.id}`);
    await expect.poll(() => page.getByTestId('case-number').innerText()).toBe(first.number);
  }, 120_000);

  it('月检通报 shows a submitted daily check under 日检（主任全面检查） in the month’s checks by kind', async () => {
    const auth = await token(w, 'manager1');
    const daily = (await call<{ items: { id: string }[] }>(w, auth, '/api/checklist-templates?kind=daily_overall&active=true')).items[0]!;
    const check = await send<{ id: string; items: { id: string }[] }>(w, auth, 'POST', '/api/inspections', {
      projectId: cuihu,
      templateId: daily.id,
      inspectedName: '北门岗',
    });
    const sign = async (seed: number) => (await send<{ id: string }>(w, auth, 'POST', '/api/attachments?filename=image.png', signature(seed))).id;
    await send(w, auth, 'PUT', `/api/inspections/${check.id}`, {
      results: check.items.map((i) => ({ itemId: i.id, outcome: 'pass' })),
      inspectorSignatureId: await sign(7),
      inspectedSignatureId: await sign(8),
    });
    await send(w, auth, 'POST', `/api/inspections/${check.id}/submit`, {});
    const month = shanghaiToday().slice(0, 7);
    const bulletin = await call<{ projects: { projectId: string; byKind: Record<string, number> }[] }>(
      w,
      auth,
      `/api/inspection-bulletin?month=${month}&projectId=${cuihu}`,
    );
    const byKind = bulletin.projects.find((p) => p.projectId === cuihu)!.byKind;
    expect(byKind.daily_overall).toBe(1);

    const page = await signIn(w, 'manager1');
    const read = answered(page, 'GET', /^\/api\/inspection-bulletin$/);
    await page.goto(`${w.base}/inspection-bulletin?month=${month}`);
    await read;
    const table = page.getByTestId('bulletin-by-kind');
    await table.waitFor();
    expect(await table.innerText()).toContain('已提交的检查（按类别）');
    // one row per kind with checks, in the vocabulary's order, each the server's count
    const rows = table.locator('[data-kind]');
    expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-kind')))).toEqual(INSPECTION_KINDS.filter((k) => byKind[k]));
    expect((await table.locator('[data-kind="daily_overall"]').innerText()).split(/\s+/)).toEqual(['日检（主任全面检查）', '1']);
    await expectChinese(page, 'bulletin by kind');
    await shot(w, page, 'bulletin-by-kind');
  }, 120_000);
});
