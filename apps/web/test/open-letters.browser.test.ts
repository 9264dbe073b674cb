import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 公开信 and 内部评审 in the console, in Chromium in zh-CN, on a fresh demo company (issue 14 item 4,
 * decision 0032). A census of 翠湖花园 closes under its 70% target (cleaning: 1 of 3 satisfied), set up
 * through the API. 陈静 (agent, notice.write) drafts the letter from the result page: its text comes
 * from the statistics; submitted without a promise, the refusal shows under the promises; with two, it
 * goes to 郑强 (管理者代表, survey.letter.approve, who reaches the surveys page with its 公开信 tab only),
 * who returns it with a reason; 陈静 edits and resubmits, 郑强 approves, the letter is a notice (opened
 * from the letter); 陈静 sends it to the quality department; 吴敏 (quality) verifies a promise and finds
 * the internal review task, linked from the under-target warning. The dashboard's 业主满意度（满意度调查）
 * shows the survey's rate and interval as the API reports them. Each step checked against a fresh API read.
 * Screenshots in test-artifacts/open-letters/.
 */
let w: ConsoleWorld;
let cuihu = '';
let surveyId = '';
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

interface Letter {
  id: string;
  status: string;
  title: string;
  body: string;
  draftedBy: string;
  promises: { id: string; text: string; dueOn: string | null; verdict: string | null; note: string | null; verifiedBy: string | null }[];
  returnedReason: string | null;
  approvedBy: string | null;
  noticeId: string | null;
  reportedBy: string | null;
  postState: string;
  reportState: string | null;
}

describe.skipIf(!executablePath)('公开信 and 内部评审 in the console; the dashboard’s survey figure (Chromium, zh-CN)', () => {
  let agent = '';
  let quality = '';
  beforeAll(async () => {
    w = await startConsole('open-letters');
    cuihu = w.demo.projects.CUIHU!.id;
    quality = await token(w, 'quality');
    agent = await token(w, 'agent1');
    const repairs = await call<{ id: string }>(w, quality, '/api/survey-questions', { area: 'repairs', text: '您对维修服务是否满意？' });
    const cleaning = await call<{ id: string }>(w, quality, '/api/survey-questions', { area: 'cleaning', text: '您对公共区域的清洁卫生是否满意？' });
    const draft = await call<{ id: string }>(w, quality, '/api/surveys', {
      projectId: cuihu,
      title: '2026年下半年业主满意度调查',
      questionIds: [repairs.id, cleaning.id],
      startsOn: today,
      sampling: 'census',
    });
    surveyId = draft.id;
    await call(w, quality, `/api/surveys/${surveyId}/launch`, {});
    const households = await call<{ items: { code: string }[] }>(w, agent, `/api/surveys/${surveyId}/households`);
    for (const [i, h] of households.items.entries())
      await call(w, agent, `/api/surveys/${surveyId}/answers`, { code: h.code, channel: 'paper', scores: { [repairs.id]: 5, [cleaning.id]: i === 0 ? 4 : 2 } });
    await call(w, quality, `/api/surveys/${surveyId}/close`, {});
  }, 180_000);
  afterAll(async () => w?.close());

  const letterOf = async (): Promise<Letter> => (await call<Letter[]>(w, agent, `/api/open-letters?projectId=${cuihu}`))[0]!;
  const pickProject = async (page: Page) => {
    await page.getByTestId('surveys').waitFor();
    await page.getByTestId('survey-project').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园管理处' }).click();
  };
  const openSurveys = async (page: Page) => {
    page.setDefaultTimeout(10_000);
    await openSubmenu(page, '回访走访', '满意度调查');
    await pickProject(page);
  };
  /** Reloads the page (the address keeps the tab and the letter) and picks the project again. */
  const reload = async (page: Page) => {
    await page.reload();
    await pickProject(page);
  };
  /** Types a date into the editor's n-th promise date picker. */
  const pickDate = async (page: Page, n: number, date: string) => {
    const input = page.getByTestId('letter-editor').locator('input[data-testid=letter-promise-due], [data-testid=letter-promise-due] input').nth(n);
    await input.click();
    await input.fill(date);
    await input.press('Enter');
  };
  const popconfirm = (page: Page) => page.locator('.ant-popconfirm:visible .ant-btn-primary').click();
  const letterCard = (page: Page) => page.getByTestId('open-letter');
  const status = async (page: Page, text: string) => letterCard(page).getByTestId('letter-status').getByText(text, { exact: true }).waitFor();

  let agentPage: Page;
  let repPage: Page;

  it('陈静 drafts the letter from the result page: the statistics’ text; without a promise the refusal shows under the promises; submitted with two', async () => {
    const page = (agentPage = await signIn(w, 'agent1'));
    await openSurveys(page);
    const result = page.getByTestId('survey-result');
    await result.waitFor();
    await result.getByTestId('survey-below-target').waitFor();
    // 陈静 has no survey.manage: no link to the review tasks for her
    expect(await result.getByTestId('survey-reviews-link').count()).toBe(0);
    await result.getByTestId('survey-draft-letter').click();
    const editor = page.getByTestId('letter-editor');
    await editor.waitFor();
    expect(page.url()).toContain('tab=letters');
    let letter = await letterOf();
    expect(letter.status).toBe('draft');
    expect(await editor.getByTestId('letter-title').inputValue()).toBe(letter.title);
    expect(await editor.getByTestId('letter-body-input').inputValue()).toBe(letter.body);
    expect(letter.body).toContain('您对公共区域的清洁卫生是否满意？（满意率 33.3%）');
    expect(await editor.getByTestId('letter-promise-text').inputValue()).toBe(letter.promises[0]!.text);
    // the letter's deadlines: posting running (by the close + 14 days), reporting from posting
    expect(await letterCard(page).getByTestId('letter-post').getAttribute('data-state')).toBe('running');
    expect(await letterCard(page).getByTestId('letter-post').innerText()).toContain('进行中');
    expect(await letterCard(page).getByTestId('letter-report-by').innerText()).toBe('发布后计算');
    await expectChinese(page, 'letter editor');

    // the promise removed: saved, but the server refuses to submit a letter without a promise, under the promises
    await editor.getByTestId('letter-promise-remove').click();
    await editor.getByTestId('letter-submit').click();
    await editor.getByTestId('letter-promises-error').getByText('公开信至少要有一项改进承诺').waitFor();
    letter = await letterOf();
    expect(letter).toMatchObject({ status: 'draft', promises: [] });

    // a promise left empty is stopped in the form
    await editor.getByTestId('letter-title').fill('致全体业主的公开信');
    await editor.getByTestId('letter-body-input').fill('尊敬的各位业主：感谢您参加本次满意度调查。针对清洁卫生方面的意见，我们承诺如下。');
    await editor.getByTestId('letter-promise-add').click();
    await editor.getByTestId('letter-submit').click();
    await editor
      .locator('.ant-form-item-has-error', { has: page.getByTestId('letter-promise-text') })
      .getByText('请填写')
      .waitFor();
    await editor.getByTestId('letter-promise-text').fill('增加公共区域保洁频次，楼道每日两次');
    await pickDate(page, 0, '2027-01-15');
    await editor.getByTestId('letter-promise-add').click();
    await editor.getByTestId('letter-promise-text').nth(1).fill('地下车库每月冲洗一次');
    await editor.getByTestId('letter-submit').click();
    await status(page, '待管理者代表审批');
    letter = await letterOf();
    expect(letter).toMatchObject({ status: 'submitted', title: '致全体业主的公开信' });
    expect(letter.promises.map((p) => [p.text, p.dueOn])).toEqual([
      ['增加公共区域保洁频次，楼道每日两次', '2027-01-15'],
      ['地下车库每月冲洗一次', null],
    ]);
    // the list shows it with its deadlines
    const row = page.locator(`[data-letter="${letter.id}"]`).first();
    expect(await row.innerText()).toContain('待管理者代表审批');
    expect(await row.innerText()).toContain('0 / 2');
  });

  it('郑强 reaches the letters alone, returns it with a reason (required); 陈静 edits and resubmits; 郑强 approves and it is a notice', async () => {
    const page = (repPage = await signIn(w, 'rep'));
    await openSurveys(page);
    // his surveys page opens on the 公开信 tab, with no campaigns (he neither runs nor enters surveys)
    const tabs = await page.getByRole('tab').allInnerTexts();
    expect(tabs[0]).toBe('公开信');
    expect(tabs).not.toContain('调查活动');
    expect(await page.getByRole('tab', { selected: true }).innerText()).toBe('公开信');
    await status(page, '待管理者代表审批');
    await letterCard(page).getByTestId('letter-return').click();
    await page.getByTestId('letter-return-save').click();
    const reasonItem = page.getByTestId('letter-return-form').locator('.ant-form-item-has-error', { has: page.getByTestId('letter-return-reason') });
    await reasonItem.getByText('请填写').waitFor();
    await page.getByTestId('letter-return-reason').fill('请写明车库冲洗的完成日期');
    await page.getByTestId('letter-return-save').click();
    await status(page, '已退回');
    let letter = await letterOf();
    expect(letter).toMatchObject({ status: 'returned', returnedReason: '请写明车库冲洗的完成日期' });
    const kept = letter.promises.map((p) => p.id);
    await expectChinese(page, 'returned letter (representative)');

    // 陈静 sees the reason beside her editor, dates the second promise and submits again
    await reload(agentPage);
    await agentPage.getByTestId('letter-returned-reason').getByText('请写明车库冲洗的完成日期').waitFor();
    const editor = agentPage.getByTestId('letter-editor');
    await pickDate(agentPage, 1, '2027-01-31');
    await editor.getByTestId('letter-promise-text').nth(1).fill('地下车库每月冲洗一次，2027年1月底前完成第一次');
    await editor.getByTestId('letter-submit').click();
    await status(agentPage, '待管理者代表审批');
    letter = await letterOf();
    expect(letter.status).toBe('submitted');
    expect(letter.promises.map((p) => p.id)).toEqual(kept);
    expect(letter.promises[1]).toMatchObject({ text: '地下车库每月冲洗一次，2027年1月底前完成第一次', dueOn: '2027-01-31' });
    // the author has no approve button (she has not the right either)
    expect(await letterCard(agentPage).getByTestId('letter-approve').count()).toBe(0);

    await reload(page);
    await status(page, '待管理者代表审批');
    await letterCard(page).getByTestId('letter-approve').click();
    await popconfirm(page);
    await status(page, '已发布');
    letter = await letterOf();
    expect(letter).toMatchObject({ status: 'published', postState: 'met', reportState: 'running', approvedBy: w.demo.staff.rep });
    expect(letter.noticeId).toBeTruthy();
    expect(await letterCard(page).getByTestId('letter-post').getAttribute('data-state')).toBe('met');
    expect(await letterCard(page).getByTestId('letter-report-by').getAttribute('data-state')).toBe('running');
    await shot(w, page, 'published');
  });

  it('陈静 opens the notice it became, then sends the letter to the quality department', async () => {
    const page = agentPage;
    await reload(page);
    await status(page, '已发布');
    await letterCard(page).getByTestId('letter-notice').click();
    await page.getByTestId('notice-page-title').getByText('致全体业主的公开信').waitFor();
    const letter = await letterOf();
    const notice = await call<{ status: string; title: string; body: string }>(w, agent, `/api/notices/${letter.noticeId}`);
    expect(notice).toMatchObject({ status: 'published', title: '致全体业主的公开信' });
    expect(await page.getByTestId('notice-page-body').innerText()).toContain('增加公共区域保洁频次，楼道每日两次');
    await page.goBack();
    await status(page, '已发布');
    await letterCard(page).getByTestId('letter-report').click();
    await popconfirm(page);
    await letterCard(page).getByTestId('letter-reported-at').waitFor();
    const reported = await letterOf();
    expect(reported).toMatchObject({ reportedBy: w.demo.staff.agent1, reportState: 'met' });
    expect(await letterCard(page).getByTestId('letter-report-by').getAttribute('data-state')).toBe('met');
    expect(await letterCard(page).getByTestId('letter-report').count()).toBe(0);
  });

  it('吴敏 verifies a promise and finds the internal review task from the under-target warning', async () => {
    const page = await signIn(w, 'quality');
    await openSurveys(page);
    const result = page.getByTestId('survey-result');
    await result.waitFor();
    // the result page now opens the letter rather than drafting another
    await result.getByTestId('survey-open-letter').click();
    await status(page, '已发布');
    let letter = await letterOf();
    const first = letterCard(page).locator(`tr[data-promise="${letter.promises[0]!.id}"]`);
    await first.getByTestId('promise-verify').click();
    await page.getByTestId('promise-verify-save').click();
    await page.getByTestId('promise-verify-form').locator('.ant-form-item-has-error').getByText('请填写').waitFor();
    await page.getByTestId('promise-verdict-choice').getByText('已兑现').click();
    await page.getByTestId('promise-verify-note').fill('抽查三栋楼道，均已每日两次');
    await page.getByTestId('promise-verify-save').click();
    await first.getByTestId('promise-verdict').getByText('已兑现').waitFor();
    letter = await letterOf();
    expect(letter.promises[0]).toMatchObject({ verdict: 'kept', note: '抽查三栋楼道，均已每日两次', verifiedBy: w.demo.staff.quality });
    expect(letter.promises[1]!.verdict).toBeNull();
    expect(await first.innerText()).toContain('抽查三栋楼道，均已每日两次');
    expect(await page.locator(`tr[data-letter="${letter.id}"]`).innerText()).toContain('1 / 2');
    await shot(w, page, 'verified');

    // the result page's warning links to the review tasks; the task is this survey's, under the target
    await page.getByRole('tab', { name: '调查活动' }).click();
    await result.getByTestId('survey-reviews-link').click();
    const reviews = page.getByTestId('survey-reviews');
    const row = reviews.locator(`tr[data-survey="${surveyId}"]`);
    await row.waitFor();
    const fresh = (
      await call<{ surveyId: string; rate: number; target: number; status: string; projectName: string }[]>(w, quality, '/api/survey-reviews')
    ).filter((r) => r.surveyId === surveyId);
    expect(fresh).toHaveLength(1);
    expect(await row.getByTestId('review-rate').innerText()).toBe(pct(fresh[0]!.rate));
    expect(await row.getByTestId('review-target').innerText()).toBe(pct(fresh[0]!.target));
    expect(await row.innerText()).toContain('待评审');
    expect(await row.innerText()).toContain(fresh[0]!.projectName);
    await shot(w, page, 'reviews');
    await expectChinese(page, 'internal reviews');

    // 吴敏 closes the review with its findings
    const findings = '保洁频次不足：公共区域改为每日两次，品质部每周抽查';
    await row.getByTestId('review-finish').click();
    await page.getByTestId('review-findings-input').fill(findings);
    await page.locator('.ant-modal:visible .ant-btn-primary').click();
    await row.getByTestId('review-findings').waitFor();
    const closed = (await call<{ surveyId: string; status: string; findings: string | null }[]>(w, quality, '/api/survey-reviews')).find(
      (r) => r.surveyId === surveyId,
    );
    expect(closed).toMatchObject({ status: 'done', findings });
    expect(await row.innerText()).toContain('已完成');
    expect(await row.getByTestId('review-findings').innerText()).toContain(findings);
  });

  it('the dashboard’s 业主满意度（满意度调查）shows the survey’s rate and interval as the API reports them', async () => {
    const page = repPage;
    await page.goto(`${w.base}/dashboard`);
    const table = page.getByTestId('survey-satisfaction');
    const row = table.locator(`tr[data-row-key="${surveyId}"]`);
    await row.waitFor();
    const year = new Date().getFullYear();
    const outcomes = await call<{
      surveys: { surveyId: string; rate: number | null; low: number; high: number; target: number; answers: number; belowTarget: boolean }[];
    }>(w, await token(w, 'rep'), `/api/reports/outcomes?groupBy=month&from=${year}-01-01&to=${year + 1}-01-01`);
    const figure = outcomes.surveys.find((s) => s.surveyId === surveyId)!;
    expect(figure).toMatchObject({ answers: 6, rate: 4 / 6, belowTarget: true });
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[1]).toBe('2026年下半年业主满意度调查');
    expect(cells[2]).toBe(String(figure.answers));
    expect(cells[3]).toBe(`${pct(figure.rate)} · 低于目标`);
    expect(cells[4]).toBe(`${pct(figure.low)} – ${pct(figure.high)}`);
    expect(cells[5]).toBe(pct(figure.target));
    await shot(w, page, 'dashboard');
  });
});
