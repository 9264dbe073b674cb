import { INSPECTION_KIND_LABELS } from '@guanjia/vocabulary';
import { runNightCheckReminders } from '@guanjia/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  call,
  executablePath,
  expectChinese,
  openSubmenu,
  send,
  shot,
  signature,
  signIn,
  startConsole,
  token,
  type ConsoleWorld,
} from './console-browser';

/**
 * 应检情况 and 夜间查岗提醒 in a real browser, in zh-CN (issue 15 item 1), on the server's own clock (set to the
 * 10th, then the 20th, of this month in Shanghai, and running on from there): 吴敏 (品质, inspection.audit) opens
 * 应检情况 and sees 翠湖花园's night checks, management check of the month (月检) and property check of the
 * quarter (季检) as the server counts them — both owed —; after her management check is submitted (through the
 * API: scored, two signatures, a report) 月检 reads 已检, its cell opens 检查 with the month's management check,
 * and the 季检 cell opens 检查 filtered by the kind. On the 20th with no night checks, the sweep tells 李明
 * (office manager of 翠湖花园) that the month is behind its pace: the notification reads so and opens the
 * project's month of 夜间查岗, which says when a night check is begun; a warning night's check begun at noon
 * is refused with the server's words on the check's page. Screenshots in test-artifacts/check-duties/.
 */
let w: ConsoleWorld;
/** This month in Shanghai (the browser's and the test's); the server's clock is set within it. */
const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(new Date());
let offset = 0;
/** Sets the server's clock to a Shanghai wall time of this month (it runs on from there). */
const setClock = (day: string, time: string) => {
  offset = Date.parse(`${month}-${day}T${time}:00+08:00`) - Date.now();
};

type Duty = { period: string; firstMonth: string; lastMonth: string; done: number; state: 'met' | 'owed' | 'missed' };
type Duties = {
  month: string;
  items: { projectId: string; projectName: string; night: { required: number; done: number; owed: number; state: string }; monthly: Duty; quarterly: Duty }[];
};
const NIGHT_STATE = { met: '已达标', owed: '未完成', missed: '未达标' } as const;
const DUTY_STATE = { met: '已检', owed: '待检', missed: '漏检' } as const;

describe.skipIf(!executablePath)('应检情况 and 夜间查岗提醒 (Chromium, zh-CN)', () => {
  let cuihu = '';

  beforeAll(async () => {
    w = await startConsole('check-duties');
    w.deps.now = () => new Date(Date.now() + offset).toISOString();
    cuihu = w.demo.projects.CUIHU!.id;
  }, 120_000);
  afterAll(async () => w?.close());

  it('吴敏 sees 翠湖花园’s checks owed; her management check submitted, 月检 reads 已检; the cells open the lists behind them', async () => {
    setClock('10', '10:00');
    const auth = await token(w, 'quality');
    const page = await signIn(w, 'quality');
    const read = answered(page, 'GET', /^\/api\/check-duties$/);
    await openSubmenu(page, '巡检', '应检情况');
    await page.getByTestId('check-duties').waitFor();
    const shown = (await (await read).json()) as Duties;
    // the page asks for the server's month (its clock, not the browser's): this month
    expect(shown.month).toBe(month);
    const duties = await call<Duties>(w, auth, `/api/check-duties?month=${month}`);
    expect(shown).toEqual(duties);
    const mine = duties.items.find((i) => i.projectId === cuihu)!;
    const quarter = Math.floor((Number(month.slice(5)) - 1) / 3) + 1;
    expect(mine).toMatchObject({
      projectName: '翠湖花园管理处',
      monthly: { period: month, done: 0, state: 'owed' },
      quarterly: { period: `${month.slice(0, 4)}-Q${quarter}`, done: 0, state: 'owed' },
    });

    const row = page.locator(`[data-project="${cuihu}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('翠湖花园管理处');
    expect(await row.getByTestId('duty-night-count').innerText()).toBe(`${mine.night.done}/${mine.night.required} 次`);
    expect(await row.getByTestId('duty-night-state').innerText()).toBe(NIGHT_STATE[mine.night.state as keyof typeof NIGHT_STATE]);
    expect(await row.getByTestId('duty-monthly-state').innerText()).toBe('待检');
    expect(await row.getByTestId('duty-quarterly-state').innerText()).toBe('待检');
    expect(await row.getByTestId('duty-quarter').innerText()).toBe(`${month.slice(0, 4)}年第${quarter}季度`);
    expect(await row.getByTestId('duty-night').getAttribute('href')).toBe(`/night-checks?projectId=${cuihu}&month=${month}`);
    expect(await row.getByTestId('duty-monthly').getAttribute('href')).toBe(`/inspections?kind=monthly_management&projectId=${cuihu}&month=${month}`);
    expect(await row.getByTestId('duty-quarterly').getAttribute('href')).toBe(`/inspections?kind=quarterly_property&projectId=${cuihu}`);
    // one row per office in scope, and the summary line counts those short of each, as the server says
    expect(await page.locator('[data-project]').count()).toBe(duties.items.length);
    const short = (f: (i: Duties['items'][number]) => string) => duties.items.filter((i) => f(i) !== 'met').length;
    expect(await page.getByTestId('duties-summary').innerText()).toBe(
      `共 ${duties.items.length} 个管理处：夜间查岗 ${short((i) => i.night.state)} 个未达标，月检 ${short((i) => i.monthly.state)} 个未检，季检 ${short((i) => i.quarterly.state)} 个未检`,
    );
    await expectChinese(page, 'check duties');
    await shot(w, page, 'check-duties-owed');

    // her management check of 翠湖花园: every item passed, both signatures, the report, submitted
    const template = (await call<{ items: { id: string }[] }>(w, auth, '/api/checklist-templates?kind=monthly_management&active=true')).items[0]!;
    const check = await send<{ id: string; title: string; items: { id: string }[]; signaturesRequired: { inspected: boolean } }>(
      w,
      auth,
      'POST',
      '/api/inspections',
      {
        projectId: cuihu,
        templateId: template.id,
        inspectedStaffId: w.demo.staff.manager1,
      },
    );
    expect(check.signaturesRequired.inspected).toBe(true);
    const sign = async (seed: number) => (await send<{ id: string }>(w, auth, 'POST', '/api/attachments?filename=image.png', signature(seed))).id;
    await send(w, auth, 'PUT', `/api/inspections/${check.id}`, {
      results: check.items.map((i) => ({ itemId: i.id, outcome: 'pass' })),
      inspectorSignatureId: await sign(41),
      inspectedSignatureId: await sign(42),
    });
    const submitted = await send<{ status: string }>(w, auth, 'POST', `/api/inspections/${check.id}/submit`, { report: '管理处状态良好，无不合格项。' });
    expect(submitted.status).toBe('submitted');
    const after = (await call<Duties>(w, auth, `/api/check-duties?month=${month}&projectId=${cuihu}`)).items[0]!;
    expect(after.monthly).toMatchObject({ done: 1, state: 'met' });
    expect(after.quarterly.state).toBe('owed');

    const again = answered(page, 'GET', /^\/api\/check-duties$/);
    await page.reload();
    await again;
    await expect.poll(() => row.getByTestId('duty-monthly-state').innerText()).toBe(DUTY_STATE.met);
    expect(await row.getByTestId('duty-quarterly-state').innerText()).toBe(DUTY_STATE.owed);
    await shot(w, page, 'check-duties-monthly-done');

    // 月检 opens 检查 with the management checks of 翠湖花园 this month: hers, submitted
    const monthly = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/inspections' && u.searchParams.get('kind') === 'monthly_management' && u.searchParams.get('projectId') === cuihu;
    });
    await row.getByTestId('duty-monthly').click();
    const listed = (await (await monthly).json()) as { items: { id: string; kind: string }[] };
    expect(listed.items.map((i) => i.id)).toContain(check.id);
    expect(new URL(page.url()).pathname).toBe('/inspections');
    const line = page.locator(`[data-check="${check.title}"]`);
    await line.waitFor();
    expect(await line.getByTestId('check-status').innerText()).toBe('已提交');
    expect(await page.getByTestId('checks-kind').innerText()).toBe(INSPECTION_KIND_LABELS.monthly_management[0]);
    // the month picker shows the month asked for (antd puts the test id on the picker's input)
    expect(await page.getByTestId('checks-month').evaluate((el) => (el instanceof HTMLInputElement ? el : el.querySelector('input'))?.value)).toBe(month);
    await expectChinese(page, 'monthly checks listed');

    // 季检 opens 检查 filtered by the kind (and the office): none yet
    await page.goBack();
    await page.getByTestId('check-duties').waitFor();
    const quarterly = page.waitForResponse((r) => {
      const u = new URL(r.url());
      return u.pathname === '/api/inspections' && u.searchParams.get('kind') === 'quarterly_property' && u.searchParams.get('projectId') === cuihu;
    });
    await page.locator(`[data-project="${cuihu}"]`).getByTestId('duty-quarterly').click();
    const none = (await (await quarterly).json()) as { items: unknown[] };
    expect(none.items).toEqual([]);
    const query = new URL(page.url()).searchParams;
    expect(new URL(page.url()).pathname).toBe('/inspections');
    expect(query.get('kind')).toBe('quarterly_property');
    expect(query.get('projectId')).toBe(cuihu);
    await expect.poll(() => page.getByTestId('checks-kind').innerText()).toBe(INSPECTION_KIND_LABELS.quarterly_property[0]);
    await expect.poll(() => page.getByTestId('checks').innerText()).toContain('没有检查记录');
    await expectChinese(page, 'quarterly checks listed');
    await shot(w, page, 'checks-quarterly');
  }, 120_000);

  it('on the 20th with no night checks, 李明 is told the month is behind; the notice opens its 夜间查岗, where a check begun at noon is refused', async () => {
    setClock('20', '12:00');
    const auth = await token(w, 'manager1');
    // a red rainstorm warning for tonight schedules tonight's check (it is not yet missed: the night has not begun)
    const warned = await call<{ scheduled: { id: string; scheduledOn: string }[] }>(w, auth, '/api/weather-warnings', {
      projectId: cuihu,
      kind: 'rainstorm',
      level: '红色',
      fromDate: `${month}-20`,
      toDate: `${month}-20`,
    });
    expect(warned.scheduled.map((s) => s.scheduledOn)).toEqual([`${month}-20`]);
    const tonight = warned.scheduled[0]!.id;

    expect(await runNightCheckReminders(w.deps, { force: true })).toBeGreaterThanOrEqual(1);
    // 19 nights of the month over with none checked: 2 by now to keep pace to 4 (4 × 19 / 28…31, rounded down)
    const mine = (await call<{ kind: string; data: Record<string, unknown> }[]>(w, auth, '/api/notifications')).filter((n) => n.kind === 'night_checks_behind');
    expect(mine.map((n) => n.data)).toEqual([{ projectId: cuihu, kind: 'behind', month, expected: 2, done: 0 }]);
    // told once: the sweep again tells nobody of it
    await runNightCheckReminders(w.deps, { force: true });
    expect((await call<{ kind: string }[]>(w, auth, '/api/notifications')).filter((n) => n.kind === 'night_checks_behind')).toHaveLength(1);

    const page = await signIn(w, 'manager1');
    await page.getByTestId('me').click();
    const told = page.locator('[data-notification="night_checks_behind"]');
    await told.waitFor();
    expect(await told.count()).toBe(1);
    const text = await told.innerText();
    for (const part of ['夜间查岗提醒', `${month} 夜间查岗进度落后`, '本月已查 0 晚，按进度应至少 2 晚']) expect(text).toContain(part);
    await expectChinese(page, 'night checks behind notification');
    await shot(w, page, 'night-checks-behind-notice');
    const opened = answered(page, 'GET', /^\/api\/night-checks$/);
    await told.click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/night-checks');
    const query = new URL(page.url()).searchParams;
    expect(query.get('projectId')).toBe(cuihu);
    expect(query.get('month')).toBe(month);
    await opened;
    await expect.poll(() => page.getByTestId('night-done').innerText()).toBe('0 次');
    expect(await page.getByTestId('night-hours-hint').innerText()).toBe('夜间查岗须在晚上 20:00 至次日 06:00 之间开始，白天不能开始');
    await expectChinese(page, 'night checks of the month');
    await shot(w, page, 'night-checks-hint');

    // tonight's check begun at noon: the server refuses it, and the check's page says why in its words
    const start = page.locator(`[data-night="${month}-20"]`).getByTestId('check-start');
    expect(await start.getAttribute('href')).toBe(`/inspections/${tonight}`);
    await start.click();
    await page.getByTestId('check-begin').waitFor();
    await page.getByTestId('inspected-name').fill('北门岗');
    const refused = answered(page, 'POST', new RegExp(`^/api/inspections/${tonight}/start$`));
    await page.getByTestId('check-begin-start').click();
    const res = await refused;
    expect(res.status()).toBe(409);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('INSPECTION_NOT_NIGHT_TIME');
    expect(body.message).toMatch(/^夜间查岗须在晚上 20:00 至次日 06:00 之间开始，现在是 12:0\d/);
    await expect.poll(() => page.getByTestId('check-begin').locator('.ant-alert-error').innerText()).toBe(body.message);
    expect(await page.getByTestId('check-page').getAttribute('data-status')).toBe('scheduled');
    await expectChinese(page, 'night check refused at noon');
    await shot(w, page, 'night-check-refused');
  }, 120_000);
});
