import { DEMO_PASSWORD } from '@guanjia/server/seed';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, openSubmenu, overflowsX, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 管家评价 and 员工自评 in the console and the portal, in Chromium in zh-CN on a fresh demo company (issue 14
 * item 4, decision 0033). A second area steward (孔丽) joins 翠湖花园 in the setup, so a steward rating
 * cannot launch until each building has its steward: the quality officer (吴敏) drafts a 管家评价 and its
 * launch is refused naming the building, with the way to the 楼栋管家 tab; the office manager (李明) names
 * 赵磊 for 1栋 and 孔丽 for 2栋; the launch then succeeds; 张伟 rates 赵磊 in the portal at 390×844 seeing
 * his name; the result page's per-steward figures match a fresh API read. Then 吴敏 opens a self-evaluation
 * round (an empty item list refused next to its field), 陈静 fills in her form from the account button’s menu (the
 * summary required next to its field) and submits it, 李明 reviews it from the round's sheet, and 陈静 sees
 * the review. Each step is compared with a fresh API read. Screenshots in test-artifacts/staff-evaluations/.
 */
let w: ConsoleWorld;
let quality = '';
let manager = '';
let cuihu = '';
let steward2 = '';
let surveyId = '';
let roundId = '';
// one page per staff member, kept across the steps (each sign-in costs seconds)
const pages: Record<string, Page> = {};
async function as(username: string): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await signIn(w, username);
    pages[username].setDefaultTimeout(10_000);
  }
  return pages[username];
}
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
const dueOn = new Date(Date.parse(`${today}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
const pct = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(1)}%`);

interface StewardRow {
  buildingId: string;
  buildingName: string;
  stewardId: string | null;
  stewardName: string | null;
}
interface StewardFigure {
  stewardId: string;
  stewardName: string;
  sampled: number;
  households: number;
  answers: number;
  rate: number | null;
  low: number;
  high: number;
  mean: number | null;
  byQuestion: { questionId: string; rate: number | null; mean: number | null }[];
}
interface Form {
  id: string;
  status: string;
  staffName: string;
  mean: number | null;
  summary: string | null;
  reviewComment: string | null;
  reviewedBy: string | null;
}

describe.skipIf(!executablePath)(
  '管家评价 and 员工自评: stewards named, rated in the portal, per-steward results; a self-evaluation filled in and reviewed (Chromium, zh-CN)',
  () => {
    beforeAll(async () => {
      w = await startConsole('staff-evaluations');
      quality = await token(w, 'quality');
      manager = await token(w, 'manager1');
      cuihu = w.demo.projects.CUIHU!.id;
      const admin = await token(w, 'admin');
      steward2 = (
        await call<{ id: string }>(w, admin, '/api/staff', {
          username: 'steward2',
          name: '物业管家孔丽',
          password: 'a-long-password-2',
          roles: ['area_steward'],
          projectIds: [cuihu],
        })
      ).id;
      await call(w, quality, '/api/survey-questions', { area: 'steward', text: '您对管家的服务态度是否满意？' });
      await call(w, quality, '/api/survey-questions', { area: 'steward', text: '您对管家处理问题的及时性是否满意？' });
      await call(w, quality, '/api/survey-questions', { area: 'self_evaluation', text: '本期工作目标完成情况' });
      await call(w, quality, '/api/survey-questions', { area: 'self_evaluation', text: '服务意识与服务态度' });
    }, 180_000);
    afterAll(async () => w?.close());

    const stewardsOf = () => call<{ buildings: StewardRow[] }>(w, manager, `/api/projects/${cuihu}/building-stewards`);
    const openSurveys = async (page: Page) => {
      page.setDefaultTimeout(10_000);
      await openSubmenu(page, '回访走访', '满意度调查');
      await page.getByTestId('surveys').waitFor();
      await page.getByTestId('survey-project').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '翠湖花园管理处' }).click();
    };
    const pick = async (page: Page, select: string, ...texts: string[]) => {
      // the last list closed first (while it fades out it still shows its options)
      await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
      await page.locator(`${select} .ant-select-selector`).click();
      for (const text of texts) await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).click();
      // a multiple select stays open: a click on the dialog's title closes it (Escape would close the dialog)
      if (texts.length > 1) await page.locator('.ant-modal:visible .ant-modal-title').click();
    };
    const popconfirm = (page: Page) => page.locator('.ant-popconfirm:visible .ant-btn-primary').click();

    it('the quality officer drafts a 管家评价 (census in December suggested); its launch is refused naming the building, with the way to 楼栋管家', async () => {
      const page = await as('quality');
      await openSurveys(page);
      await page.getByTestId('survey-new').click();
      const form = page.getByTestId('survey-draft-form');
      await form.getByText('管家评价', { exact: true }).click();
      expect(await form.locator('#title').inputValue()).toMatch(/^\d{4}年度管家评价$/);
      expect(await form.locator('#startsOn').inputValue()).toMatch(/-12-\d\d$/);
      expect(await form.locator('#sampling input[value=census]').isChecked()).toBe(true);
      // it starts today, to be answered now
      await form.locator('#startsOn').fill(today);
      await form.locator('#startsOn').press('Enter');
      await pick(page, '.ant-modal:visible [data-testid=survey-questions]', '您对管家的服务态度是否满意？', '您对管家处理问题的及时性是否满意？');
      await page.getByTestId('survey-draft-save').click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      const drafted = (
        await call<{ id: string; kind: string; sampling: string; startsOn: string; status: string }[]>(w, quality, `/api/surveys?projectId=${cuihu}`)
      )[0]!;
      expect(drafted).toMatchObject({ kind: 'steward_rating', sampling: 'census', startsOn: today, status: 'draft' });
      surveyId = drafted.id;
      await page.getByTestId('survey-kind').getByText('管家评价').waitFor();
      expect(await page.locator(`[data-survey="${surveyId}"]`).innerText()).toContain('管家评价');

      await page.getByTestId('survey-launch').click();
      await popconfirm(page);
      const refusal = page.getByTestId('survey-action-error');
      await refusal.waitFor();
      expect(await refusal.innerText()).toMatch(/楼栋“[12]栋”还没有指定物业管家/);
      expect((await call<{ status: string }[]>(w, quality, `/api/surveys?projectId=${cuihu}`))[0]!.status).toBe('draft');
      await expectChinese(page, 'steward rating refused');
      await shot(w, page, 'launch-refused');
      // the way to the buildings' stewards: read-only for the quality officer (no steward.assign)
      await page.getByTestId('survey-go-stewards').click();
      const panel = page.getByTestId('building-stewards');
      await panel.waitFor();
      expect(await panel.locator('[data-testid=steward-select]').count()).toBe(0);
      expect(await panel.locator('[data-building="1栋"]').innerText()).toContain('未指定');
    });

    it('the office manager names 赵磊 for 1栋 and 孔丽 for 2栋 in the 楼栋管家 tab; the quality officer then launches', async () => {
      const page = await as('manager1');
      await openSurveys(page);
      await page.getByRole('tab', { name: '楼栋管家' }).click();
      const panel = page.getByTestId('building-stewards');
      await panel.waitFor();
      for (const [building, name] of [
        ['1栋', '物业管家赵磊'],
        ['2栋', '物业管家孔丽'],
      ] as const) {
        await pick(page, `[data-building="${building}"] [data-testid=steward-select]`, name);
        await page.locator('.ant-message').getByText(`已指定 ${building} 的管家`).waitFor();
      }
      const named = (await stewardsOf()).buildings;
      expect(named.map((b) => [b.buildingName, b.stewardId, b.stewardName])).toEqual([
        ['1栋', w.demo.staff.steward1, '物业管家赵磊'],
        ['2栋', steward2, '物业管家孔丽'],
      ]);
      for (const b of named) expect(await panel.locator(`[data-building="${b.buildingName}"]`).innerText()).toContain(b.stewardName);
      await expectChinese(page, 'building stewards');
      await shot(w, page, 'building-stewards');

      const q = await as('quality');
      await q.getByRole('tab', { name: '调查活动' }).click();
      await q.locator(`[data-survey="${surveyId}"]`).click();
      await q.getByTestId('survey-launch').click();
      await popconfirm(q);
      await q.getByTestId('survey-status').getByText('进行中').waitFor();
      const launched = (await call<{ id: string; status: string; sampled: number }[]>(w, quality, `/api/surveys?projectId=${cuihu}`)).find(
        (s) => s.id === surveyId,
      )!;
      expect(launched.status).toBe('launched');
      expect(await q.getByTestId('survey-sampled').innerText()).toContain(String(launched.sampled));
    });

    it('张伟 rates his steward 赵磊 in the portal on his phone (390×844), seeing the steward’s name', async () => {
      const page = await (await w.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${w.base}/portal/#/surveys`);
      await page.locator('input[name=login]').fill(w.demo.owners.zhangwei!.portalLogin);
      await page.locator('input[name=password]').fill(DEMO_PASSWORD);
      await page.locator('button[type=submit]').click();
      await page.locator('nav.nav').waitFor();
      await page.locator('[data-section=surveys]').click();
      const card = page.locator(`[data-survey="${surveyId}"]`);
      expect(await card.innerText()).toContain('您的管家：物业管家赵磊');
      await card.click();
      const form = page.getByTestId('survey-form');
      await form.waitFor();
      expect(await form.getByTestId('survey-steward').innerText()).toBe('请为您的管家 物业管家赵磊 评分');
      await form.locator('fieldset').nth(0).getByText('非常满意').click();
      await form.locator('fieldset').nth(1).getByText('满意', { exact: true }).click();
      expect(await overflowsX(page)).toBe(false);
      await expectChinese(page, 'portal steward rating');
      await shot(w, page, 'portal-steward-rating');
      await form.getByRole('button', { name: '提交问卷' }).click();
      await page.getByTestId('survey-thanks').waitFor();
      await page.close();
    });

    it('the result page shows the figures per steward as a fresh API read gives them', async () => {
      const stats = await call<{ stewards: StewardFigure[] }>(w, quality, `/api/surveys/${surveyId}/statistics`);
      const zhao = stats.stewards.find((s) => s.stewardId === w.demo.staff.steward1)!;
      expect(zhao).toMatchObject({ answers: 2, households: 1, mean: 4.5 });
      const page = await as('quality');
      await page.getByRole('tab', { name: '统计结果' }).click();
      const table = page.getByTestId('survey-result-stewards');
      await table.waitFor();
      for (const s of stats.stewards) {
        const cells = await table.locator(`tr[data-steward="${s.stewardId}"] td`).allInnerTexts();
        expect(cells.slice(0, 7)).toEqual([
          s.stewardName,
          String(s.sampled),
          String(s.households),
          String(s.answers),
          pct(s.rate),
          s.answers ? `${pct(s.low)} – ${pct(s.high)}` : '—',
          s.mean === null ? '—' : s.mean.toFixed(2),
        ]);
        expect(cells.slice(7)).toEqual(s.byQuestion.map((q) => `${pct(q.rate)} / ${q.mean === null ? '—' : q.mean.toFixed(2)}`));
      }
      await expectChinese(page, 'steward result');
      await shot(w, page, 'steward-result');
    });

    it('the quality officer opens a self-evaluation round (an empty item list refused next to its field)', async () => {
      const page = await as('quality');
      await openSubmenu(page, '回访走访', '员工自评');
      await page.getByTestId('self-evaluation-rounds').waitFor();
      await page.getByTestId('round-new').click();
      const form = page.getByTestId('round-draft-form');
      await form.waitFor();
      await pick(page, '.ant-modal:visible [data-testid=round-projects]', '翠湖花园管理处');
      await form.locator('#dueOn').fill(dueOn);
      await form.locator('#dueOn').press('Enter');
      await page.getByTestId('round-draft-save').click();
      // the server names questionIds: its message sits under the items' field
      const itemsError = form.locator('.ant-form-item-has-error').filter({ hasText: '自评项目' }).locator('.ant-form-item-explain');
      await itemsError.waitFor();
      expect(await itemsError.innerText()).not.toContain('questionIds');
      expect(await call<unknown[]>(w, quality, '/api/self-evaluation-rounds')).toEqual([]);
      await pick(page, '.ant-modal:visible [data-testid=round-questions]', '本期工作目标完成情况', '服务意识与服务态度');
      await page.getByTestId('round-draft-save').click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      const rounds = await call<{ id: string; title: string; forms: number; dueOn: string; items: { text: string }[] }[]>(
        w,
        quality,
        '/api/self-evaluation-rounds',
      );
      expect(rounds).toHaveLength(1);
      expect(rounds[0]!).toMatchObject({ dueOn, items: [{ text: '本期工作目标完成情况' }, { text: '服务意识与服务态度' }] });
      roundId = rounds[0]!.id;
      const row = await page.locator(`[data-round="${roundId}"]`).innerText();
      expect(row).toContain(rounds[0]!.title);
      expect(row).toContain(String(rounds[0]!.forms));
      await page.getByTestId('round-sheet').locator('tr[data-staff="客服专员陈静"]').waitFor();
      await expectChinese(page, 'self-evaluation rounds');
      await shot(w, page, 'rounds');
    });

    it('陈静 fills in her form from the account button’s menu: the summary is required to submit; submitted, it reads as it stands', async () => {
      const agent = await token(w, 'agent1');
      const page = await as('agent1');
      page.setDefaultTimeout(10_000);
      // the account button’s menu (on hover) holds 我的自评
      await page.getByTestId('account-link').hover();
      await page.locator('.ant-dropdown:visible').getByText('我的自评').click();
      const form = page.getByTestId('self-evaluation-form');
      await form.waitFor();
      await form.locator('[data-question]').nth(0).getByText('满意 4').click();
      await form.getByTestId('self-evaluation-shortcomings').fill('回访记录不够及时');
      await form.getByTestId('self-evaluation-save').click();
      await page.locator('.ant-message').getByText('已保存').waitFor();
      const saved = (await call<(Form & { scores: Record<string, number>; shortcomings: string })[]>(w, agent, '/api/self-evaluations/mine'))[0]!;
      expect(saved).toMatchObject({ status: 'pending', mean: 4, shortcomings: '回访记录不够及时' });

      await form.locator('[data-question]').nth(1).getByText('非常满意 5').click();
      await form.getByTestId('self-evaluation-submit').click();
      await popconfirm(page);
      await form.locator('.ant-form-item-has-error').filter({ hasText: '工作总结' }).getByText('提交前请填写工作总结').waitFor();
      expect((await call<Form[]>(w, agent, '/api/self-evaluations/mine'))[0]!.status).toBe('pending');
      await expectChinese(page, 'my self-evaluation');
      await shot(w, page, 'my-form');
      await form.getByTestId('self-evaluation-summary').fill('全年受理工单 1,200 单，回访率 100%');
      await form.getByTestId('self-evaluation-plan').fill('回访当天完成');
      await form.getByTestId('self-evaluation-submit').click();
      await popconfirm(page);
      const view = page.getByTestId('self-evaluation-view');
      await view.waitFor();
      const mine = (await call<Form[]>(w, agent, '/api/self-evaluations/mine'))[0]!;
      expect(mine).toMatchObject({ status: 'submitted', mean: 4.5, summary: '全年受理工单 1,200 单，回访率 100%' });
      expect(await page.getByTestId('self-evaluation-status').innerText()).toBe('待评阅');
      expect(await view.getByTestId('self-evaluation-mean').innerText()).toBe('4.50');
      expect(await view.innerText()).toContain(mine.summary);
    });

    it('the office manager reviews it from the round’s sheet; 陈静 sees the review; his header fits with the account menu', async () => {
      const page = await as('manager1');
      // his header still shows every entry at 1400 px (nothing under "…"): 我的自评 took no room in it
      expect(await page.locator('.ant-menu-overflow-item-rest:visible').count()).toBe(0);
      await openSubmenu(page, '回访走访', '员工自评');
      const sheet = page.getByTestId('round-sheet');
      await sheet.waitFor();
      const row = sheet.locator('tr[data-staff="客服专员陈静"]');
      expect(await row.innerText()).toContain('4.50');
      await row.getByTestId('self-evaluation-review').click();
      const dialog = page.getByTestId('self-evaluation-review-form');
      await page.getByTestId('self-evaluation-review-save').click();
      // an empty comment is stopped under the field
      await dialog.locator('.ant-form-item-has-error').getByText('请填写评阅意见').waitFor();
      await dialog.getByTestId('self-evaluation-review-text').fill('工作认真，回访及时性需加强');
      await page.getByTestId('self-evaluation-review-save').click();
      await page.locator('.ant-modal:visible').waitFor({ state: 'detached' });
      const sheetRead = await call<{ forms: Form[] }>(w, manager, `/api/self-evaluation-rounds/${roundId}`);
      const chen = sheetRead.forms.find((f) => f.staffName === '客服专员陈静')!;
      expect(chen).toMatchObject({ status: 'reviewed', reviewComment: '工作认真，回访及时性需加强', reviewedBy: '管理处主任李明' });
      await row.getByText('工作认真，回访及时性需加强').waitFor();
      await expectChinese(page, 'round sheet reviewed');
      await shot(w, page, 'reviewed');

      const agent = await as('agent1');
      await agent.reload();
      const review = agent.getByTestId('self-evaluation-review');
      await review.waitFor();
      expect(await agent.getByTestId('self-evaluation-review-comment').innerText()).toBe(chen.reviewComment);
      expect(await review.innerText()).toContain(chen.reviewedBy);
      expect(await agent.getByTestId('self-evaluation-status').innerText()).toBe('已评阅');
      await expectChinese(agent, 'my reviewed self-evaluation');
      await shot(w, agent, 'my-review');
    });
  },
);
