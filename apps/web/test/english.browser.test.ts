import type { BrowserContext, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, call, executablePath, fileComplaints, shot, startConsole, token, type ConsoleWorld } from './console-browser';
import { codesIn } from './zh-cn-scan.ts';
import { DEMO_PASSWORD } from '@guanjia/server/seed';

/**
 * The console in English (the language switch of the header), in a real browser on a fresh demo company,
 * over the pages of issue 16 and their dialogs with data in them: the dashboard (the period and project
 * filters and the period's calendar, a figure's list, the monthly pack buttons, the complaint causes card
 * with a measure, its dialogs sent empty), 员工考核 (a sheet drawn up and opened, the dialog sent empty, the
 * server's refusal of a second sheet), 内部会议 (a meeting with a resolution, the dialog sent empty, the
 * server's refusal of minutes before the meeting) and 我的会议事项, 故障转呈 (the list, one form, the dialog
 * sent empty), and the wallboard, which has an English mode of its own (its button; decision 0036).
 *
 * How the check works: no CJK character (Han, CJK punctuation, full-width forms) in what the page shows —
 * its text and its placeholders, titles and aria-labels — once the data are taken out. The data are known
 * exactly: every string in every successful JSON answer the browser received in this session (names,
 * case titles, project and department names, categories, minutes, a meeting's resolution…, as stored).
 * Each of them is removed from the shown text (longest first), and what is left must hold no CJK at all:
 * chrome, headings, table headers, buttons, tags, status labels, empty texts, form labels, validation
 * messages and the server's refusals (a refusal's body is no successful answer, so its message is not
 * taken out: a Chinese one fails). The one CJK text allowed is the switch back to Chinese, 中文, in its
 * own script. The canvas of a chart is not read (its axis holds data, its legend the card's own labels).
 * Raw codes (snake_case, camelCase and dotted keys) are refused too. Screenshots in test-artifacts/english/.
 */
let w: ConsoleWorld;

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const CJK_RUNS = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]+/gu;
/** The switch back to Chinese names its language in its own script (Ant Design spaces a button's two Han characters: 中 文). */
const LANGUAGE_SWITCH = /中\s?文/g;
const LANGUAGE_BUTTON = /^中\s?文$/;

/** What the browser of one context received as data: the strings of its successful JSON answers. */
class DataSeen {
  readonly strings = new Set<string>();
  private pending: Promise<void>[] = [];
  constructor(context: BrowserContext) {
    context.on('response', (res: Response) => {
      if (res.status() >= 300 || !(res.headers()['content-type'] ?? '').startsWith('application/json')) return;
      this.pending.push(
        res.json().then(
          (json: unknown) => this.collect(json),
          () => {},
        ),
      );
    });
  }
  private collect(v: unknown) {
    if (typeof v === 'string') {
      if (CJK.test(v)) this.strings.add(v);
    } else if (Array.isArray(v)) v.forEach((x) => this.collect(x));
    else if (v && typeof v === 'object') Object.values(v).forEach((x) => this.collect(x));
  }
  async settled() {
    while (this.pending.length) await Promise.all(this.pending.splice(0));
  }
}

/** The page's shown text: its inner text, and the placeholders, titles and aria-labels of what is visible. */
const shownText = (page: Page) =>
  page.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder], [title], [aria-label]')]
      .filter((e) => (e as HTMLElement).offsetParent !== null || e.getClientRects().length > 0)
      .flatMap((e) => ['placeholder', 'title', 'aria-label'].map((a) => e.getAttribute(a) ?? ''));
    return [document.body.innerText, ...attrs].join('\n');
  });

/** The CJK left in a text once the data are taken out, each with a few characters around it; and raw codes. */
function untranslated(shown: string, data: Iterable<string>): string[] {
  let text = shown;
  for (const d of [...data].sort((a, b) => b.length - a.length)) text = text.replaceAll(d, ' ');
  text = text.replaceAll(LANGUAGE_SWITCH, ' ');
  // each run of CJK once, where it first shows
  const runs = new Map<string, string>();
  for (const m of text.matchAll(CJK_RUNS))
    if (!runs.has(m[0])) runs.set(m[0], `cjk: ${m[0]} in “${text.slice(Math.max(0, m.index - 20), m.index + m[0].length + 20).replace(/\s+/g, ' ')}”`);
  return [...runs.values(), ...codesIn(text)];
}

async function expectEnglish(page: Page, data: DataSeen, where: string) {
  await page.waitForTimeout(400);
  await data.settled();
  expect(untranslated(await shownText(page), data.strings), where).toEqual([]);
}

/** Signs in (the sign-in page in zh-CN, as it first shows), then switches the console to English with the header's button. */
async function signInEnglish(username: string): Promise<{ page: Page; data: DataSeen }> {
  const context = await w.browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'zh-CN' });
  const data = new DataSeen(context);
  const page = await context.newPage();
  await page.goto(`${w.base}/`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.getByTestId('me').waitFor();
  await page.getByRole('button', { name: 'English', exact: true }).click();
  await page.getByRole('button', { name: LANGUAGE_BUTTON }).waitFor();
  expect(await page.evaluate(() => localStorage.getItem('gj_lang'))).toBe('en');
  return { page, data };
}

/** An option of the open Select's dropdown. */
const option = (page: Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });
const localDate = (daysAhead = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + daysAhead * 86_400_000));

describe.skipIf(!executablePath)('the console in English (Chromium)', () => {
  let meetingId = '';
  let futureMeetingId = '';
  let formTitle = '';

  beforeAll(async () => {
    w = await startConsole('english');
    const supervisor = await token(w, 'supervisor1');
    const manager = await token(w, 'manager1');
    const projectId = w.demo.projects.CUIHU!.id;
    // complaints of named causes: the causes card ranks them, 噪音扰民 a main cause without a measure
    await fileComplaints(w, supervisor, projectId, ['噪音扰民', '噪音扰民', '噪音扰民', '噪音扰民', '停车难', '电梯停运']);
    // a meeting held today with its minutes and a resolution for 孙刚; one on a later day (no minutes yet: the server refuses them)
    const meeting = await call<{ id: string }>(w, manager, '/api/internal-meetings', {
      kind: 'office_regular',
      projectId,
      heldOn: localDate(),
      title: '12月第一周管理处例会',
      agenda: '上周投诉回顾',
      attendeeIds: [w.demo.staff.tech1, w.demo.staff.agent1],
    });
    meetingId = meeting.id;
    await call(w, manager, `/api/internal-meetings/${meetingId}/minutes`, { minutes: '一、上周投诉均已回访' });
    await call(w, manager, `/api/internal-meetings/${meetingId}/actions`, {
      text: '更换水泵房阀门',
      responsibleId: w.demo.staff.tech1,
      deadlineOn: localDate(7),
    });
    futureMeetingId = (
      await call<{ id: string }>(w, manager, '/api/internal-meetings', {
        kind: 'special',
        projectId,
        heldOn: localDate(5),
        title: '消防演练专题会',
        attendeeIds: [w.demo.staff.agent1],
      })
    ).id;
    // a fault escalation form to the engineering department
    formTitle = '地下水泵房漏水';
    await call(w, manager, '/api/escalations', {
      projectId,
      kind: 'fault',
      severity: 'serious',
      title: formTitle,
      problem: '水泵房管道接口持续漏水',
      departmentId: w.demo.departments['ENG-CUIHU'],
      requestedDate: localDate(10),
    });
  }, 120_000);
  afterAll(async () => w?.close());

  it('the dashboard: filters, a figure’s list, the monthly pack, the complaint causes with a measure and their dialogs', async () => {
    const { page, data } = await signInEnglish('manager1');
    await page.goto(`${w.base}/dashboard`);
    await page.getByTestId('timeliness-met').waitFor();
    const card = page.getByTestId('complaint-causes');
    await card.locator('tr[data-cause="噪音扰民"]').waitFor();
    expect(await page.getByTestId('refresh-reports').innerText()).toBe('Refresh');
    await expectEnglish(page, data, 'dashboard');
    // the period's calendar opened
    await page.getByTestId('report-period').locator('.ant-picker').click();
    await page.locator('.ant-picker-dropdown:visible').waitFor();
    await expectEnglish(page, data, 'dashboard: period calendar');
    await page.keyboard.press('Escape');
    // the project filter's options, then one project: the monthly pack's buttons come alive
    await page.getByTestId('report-project').click();
    await page.locator('.ant-select-dropdown:visible').waitFor();
    await expectEnglish(page, data, 'dashboard: project list');
    await option(page, '翠湖花园').first().click();
    await expect.poll(() => page.getByTestId('monthly-pack-xlsx').isEnabled()).toBe(true);
    await page.getByTestId('monthly-pack-month').locator('.ant-picker').click();
    await page.locator('.ant-picker-dropdown:visible').waitFor();
    await expectEnglish(page, data, 'dashboard: monthly pack month');
    await page.keyboard.press('Escape');
    // a figure's list
    const figure = page.locator('[data-testid^="figure-"]').first();
    await figure.waitFor();
    await figure.click();
    const drawer = page.getByTestId('report-items');
    await expect.poll(() => drawer.getByTestId('report-items-total').innerText()).toMatch(/\d/);
    await drawer.locator('tbody tr[data-number]').first().waitFor();
    await expectEnglish(page, data, 'dashboard: a figure’s list');
    await shot(w, page, 'dashboard-figure');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // the causes card: add a measure, sent empty first
    const noise = card.locator('tr[data-cause="噪音扰民"]');
    await expectEnglish(page, data, 'complaint causes');
    await noise.getByTestId('measure-add').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByTestId('measure-save').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await expectEnglish(page, data, 'new measure sent empty');
    await modal.getByTestId('measure-text').fill('夜间加强巡逻');
    await modal.getByTestId('measure-responsible').click();
    await page.keyboard.type('黄丽');
    await option(page, '黄丽').click();
    await modal.locator('.ant-picker input').fill('2030-01-10');
    await modal.locator('.ant-picker input').press('Enter');
    const created = answered(page, 'POST', /^\/api\/complaint-measures$/);
    await modal.getByTestId('measure-save').click();
    expect((await created).status()).toBe(201);
    await expect.poll(() => noise.getByTestId('cause-state').innerText()).toBe('In progress');
    await expectEnglish(page, data, 'complaint causes with a measure');
    // 标记完成, sent empty
    await noise.getByTestId('measure-complete').click();
    await page.locator('.ant-modal:visible').getByTestId('measure-complete-send').click();
    await expect.poll(() => page.locator('.ant-modal:visible .ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await expectEnglish(page, data, 'measure done sent empty');
    await shot(w, page, 'measure-done-empty');
    await page.locator('.ant-modal:visible').getByTestId('measure-result-text').fill('夜间噪音投诉减少');
    const done = answered(page, 'POST', /^\/api\/complaint-measures\/[^/]+\/done$/);
    await page.locator('.ant-modal:visible').getByTestId('measure-complete-send').click();
    expect((await done).status()).toBe(200);
    await expect.poll(() => noise.getByTestId('cause-state').innerText()).toBe('Done');
    expect(await noise.getByTestId('measure-result').innerText()).toMatch(/^Result: 夜间噪音投诉减少 \(.+\)$/);
    await expectEnglish(page, data, 'complaint causes with a measure done');
    await shot(w, page, 'complaint-causes');
    await page.close();
  }, 120_000);

  it('员工考核: the dialog sent empty, a sheet drawn up and opened, a second one refused by the server in English', async () => {
    const { page, data } = await signInEnglish('manager1');
    await page.goto(`${w.base}/appraisals`);
    await page.getByTestId('appraisals-page').waitFor();
    await expectEnglish(page, data, 'appraisals (none)');
    await page.getByTestId('appraisal-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByTestId('appraisal-draw').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await modal.getByTestId('appraisal-staff').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await expectEnglish(page, data, 'new sheet sent empty, its staff list open');
    await option(page, '陈静').click();
    const month = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
    await modal.locator('.ant-picker input').fill(month);
    await modal.locator('.ant-picker input').press('Enter');
    const drawn = answered(page, 'POST', /^\/api\/appraisals$/);
    await modal.getByTestId('appraisal-draw').click();
    expect((await drawn).status()).toBe(201);
    const drawer = page.getByTestId('appraisal-drawer');
    await expect.poll(() => drawer.getByTestId('appraisal-status').innerText()).toBe('Awaiting comment');
    expect(await drawer.getByTestId('appraisal-parts').locator('tbody tr').count()).toBe(8);
    await expectEnglish(page, data, 'appraisal sheet');
    await shot(w, page, 'appraisal-sheet');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });
    await page.getByTestId('appraisal-table').locator('tbody tr').first().waitFor();
    await expectEnglish(page, data, 'appraisals (one sheet)');
    // the same person and month again: the server refuses (409), said in English beside the staff field
    await page.getByTestId('appraisal-new').click();
    await modal.getByTestId('appraisal-staff').click();
    await option(page, '陈静').click();
    await modal.locator('.ant-picker input').fill(month);
    await modal.locator('.ant-picker input').press('Enter');
    const refused = answered(page, 'POST', /^\/api\/appraisals$/);
    await modal.getByTestId('appraisal-draw').click();
    expect((await refused).status()).toBe(409);
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    expect(await modal.locator('.ant-form-item-explain-error').first().innerText()).toMatch(/[A-Za-z]/);
    await expectEnglish(page, data, 'second sheet refused');
    await shot(w, page, 'appraisal-refused');
    await page.close();
  }, 120_000);

  it('内部会议: the list, the dialog sent empty, a meeting with its resolution, minutes refused before the meeting; 我的会议事项', async () => {
    const { page, data } = await signInEnglish('manager1');
    await page.goto(`${w.base}/internal-meetings`);
    await page.getByTestId('internal-meetings').waitFor();
    await page.getByText('12月第一周管理处例会').waitFor();
    await expectEnglish(page, data, 'internal meetings');
    await page.getByTestId('meeting-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.waitFor();
    await modal.getByTestId('meeting-title').fill(' ');
    await modal.getByTestId('meeting-save').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await expectEnglish(page, data, 'new meeting sent empty');
    await shot(w, page, 'meeting-new-empty');
    await modal.locator('.ant-modal-close').click();
    await modal.waitFor({ state: 'hidden' });

    await page.getByText('12月第一周管理处例会').click();
    const drawer = page.getByTestId('meeting-drawer');
    await expect.poll(() => drawer.locator('[data-action="更换水泵房阀门"]').count()).toBe(1);
    // a resolution sent empty
    await drawer.getByTestId('resolution-add').click();
    await page.waitForTimeout(300);
    await expectEnglish(page, data, 'meeting with its minutes and a resolution');
    await shot(w, page, 'meeting-drawer');
    await page.locator('.ant-drawer-close').click();
    await drawer.waitFor({ state: 'hidden' });

    // minutes of a meeting not yet held: the server refuses, in English
    await page.getByText('消防演练专题会').click();
    await drawer.getByTestId('meeting-minutes-save').click();
    await expectEnglish(page, data, 'minutes sent empty');
    await drawer.getByTestId('meeting-minutes').fill('提前写的纪要');
    const refused = answered(page, 'POST', /\/minutes$/);
    await drawer.getByTestId('meeting-minutes-save').click();
    expect((await refused).status()).toBe(409);
    await page.getByTestId('meeting-error').waitFor();
    await expectEnglish(page, data, 'minutes refused before the meeting');
    await shot(w, page, 'meeting-minutes-refused');
    expect((await call<{ minutes: string | null }>(w, await token(w, 'manager1'), `/api/internal-meetings/${futureMeetingId}`)).minutes).toBeNull();
    await page.close();

    // 孙刚's 我的会议事项: the resolution, its done dialog sent empty
    const tech = await signInEnglish('tech1');
    await tech.page.goto(`${w.base}/internal-meetings?tab=mine`);
    const row = tech.page.locator('[data-my-action="更换水泵房阀门"]');
    await expect.poll(() => row.innerText()).toContain('12月第一周管理处例会');
    await expectEnglish(tech.page, tech.data, 'my meeting actions');
    await row.getByTestId('my-action-complete').click();
    await tech.page.getByTestId('action-complete-send').click();
    await tech.page.waitForTimeout(300);
    await expectEnglish(tech.page, tech.data, 'resolution done sent empty');
    await shot(w, tech.page, 'my-actions-done-empty');
    const stored = await call<{ actions: { status: string }[] }>(w, await token(w, 'tech1'), `/api/internal-meetings/${meetingId}`);
    expect(stored.actions.map((a) => a.status)).toEqual(['open']);
    await tech.page.close();
  }, 120_000);

  it('故障转呈: the list, one form, the dialog sent empty; the department head’s answer box', async () => {
    const { page, data } = await signInEnglish('manager1');
    await page.goto(`${w.base}/escalations`);
    await page.locator(`[data-escalation="${formTitle}"]`).waitFor();
    expect(await page.locator(`[data-escalation="${formTitle}"]`).getByTestId('escalation-status').innerText()).toBe('Sent');
    await expectEnglish(page, data, 'escalations');
    await page.getByTestId('escalation-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByTestId('escalation-send').click();
    await expect.poll(() => modal.locator('.ant-form-item-explain-error').count()).toBeGreaterThan(0);
    await modal.getByTestId('escalation-department').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().waitFor();
    await expectEnglish(page, data, 'new escalation sent empty');
    await shot(w, page, 'escalation-new-empty');
    await page.keyboard.press('Escape');
    await modal.locator('.ant-modal-close').click();
    await modal.waitFor({ state: 'hidden' });
    await page.locator(`[data-escalation="${formTitle}"]`).click();
    await page.getByTestId('escalation-drawer').waitFor();
    await expectEnglish(page, data, 'escalation form');
    await page.close();

    const head = await signInEnglish('enghead1');
    await head.page.goto(`${w.base}/escalations`);
    await head.page.locator(`[data-escalation="${formTitle}"]`).click();
    const drawer = head.page.getByTestId('escalation-drawer');
    await drawer.getByTestId('escalation-respond-send').click();
    await head.page.waitForTimeout(300);
    await expectEnglish(head.page, head.data, 'escalation answer sent empty');
    await shot(w, head.page, 'escalation-answer-empty');
    await head.page.close();
  }, 120_000);

  it('the wallboard in its English mode', async () => {
    const admin = await token(w, 'admin');
    const made = await call<{ token: string }>(w, admin, '/api/display-tokens', { label: 'Lobby TV', projectIds: [w.demo.projects.CUIHU!.id] });
    const context = await w.browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    const data = new DataSeen(context);
    const page = await context.newPage();
    await page.goto(`${w.base}/wallboard?token=${encodeURIComponent(made.token)}`);
    await page.getByTestId('wallboard-intake-total').waitFor();
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('button', { name: LANGUAGE_BUTTON }).waitFor();
    await expect.poll(() => page.getByTestId('wallboard-live').innerText()).toMatch(/[A-Za-z]/);
    await expectEnglish(page, data, 'wallboard');
    await shot(w, page, 'wallboard');
    await context.close();
  }, 60_000);
});

describe('the English check', () => {
  it('finds the chrome left in Chinese, and no data', () => {
    expect(untranslated('Meetings 12月例会 Status 待完成', ['12月例会'])).toEqual(['cjk: 待完成 in “Meetings Status 待完成”']);
    // data taken out, the punctuation between them stays: each run once
    expect(untranslated('Attendees: 孙刚、陈静（客服部）; 李明（客服部）', ['孙刚', '陈静', '李明', '客服部'])).toEqual([
      'cjk: 、 in “Attendees: 、 （ ）; （ ）”',
      'cjk: （ in “Attendees: 、 （ ）; （ ）”',
      'cjk: ） in “Attendees: 、 （ ）; （ ）”',
    ]);
    expect(untranslated('Attendees: 孙刚, 陈静 · 中文', ['孙刚', '陈静'])).toEqual([]);
    expect(untranslated('Status: meeting_action_overdue', [])).toEqual(['code: meeting_action_overdue']);
  });
});
