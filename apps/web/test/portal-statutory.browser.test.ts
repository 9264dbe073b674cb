import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '@guanjia/server/seed';
import { call, executablePath, expectChinese, overflowsX, shot, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 法定公示 in the owner portal in a real browser in zh-CN, on a phone (issue 13 item 6): the office has
 * posted its fees and standards twice (the earlier posting folded under 往期公示, the latest in force
 * with its notice); 张伟 finds it under 通知公告 › 法定公示, opens its notice, objects to it — an empty
 * objection is refused in place —, and the objection is his case (an inquiry with the 3-day reply
 * clock) shown on the posting as 我的异议 and in 我的报事. Screenshots in test-artifacts/portal-statutory/.
 */
let w: ConsoleWorld;
let owner: Page;
const DAY = 86_400_000;
const OBJECTION = '公示的物业费标准与前期物业服务合同约定不一致，请说明依据';
const localDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(ms));
let feesId = '';
let latestId = '';
let earlierId = '';
let noticeId = '';

async function ownerPage(login: string): Promise<Page> {
  const page = await (await w.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', isMobile: true })).newPage();
  await page.goto(`${w.base}/portal/`);
  await page.locator('input[name=login]').fill(login);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('nav.nav').waitFor();
  return page;
}

describe.skipIf(!executablePath)('法定公示 in the owner portal: postings in force and an objection (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('portal-statutory');
    const cuihu = w.demo.projects.CUIHU!.id;
    const manager = await token(w, 'manager1');
    const agent = await token(w, 'agent1');
    // the default schedule; the fees posted half a year ago and again today, today's with its notice
    const adopted = await call<{ id: string; subject: string }[]>(w, manager, `/api/projects/${cuihu}/statutory-schedules/defaults`, {});
    feesId = adopted.find((s) => s.subject === 'fees_and_standards')!.id;
    const notice = await call<{ id: string }>(w, agent, '/api/notices', {
      projectId: cuihu,
      kind: 'statutory',
      title: '2027年度物业服务收费项目及标准公示',
      body: '根据《民法典》第九百四十三条，现将本小区物业服务收费项目及标准公示如下：住宅物业费每月每平方米2.80元。',
    });
    noticeId = notice.id;
    await call(w, agent, `/api/notices/${noticeId}/submit`, {});
    await call(w, manager, `/api/notices/${noticeId}/approve`, {});
    earlierId = (
      await call<{ posting: { id: string } }>(w, agent, `/api/statutory-schedules/${feesId}/postings`, { postedOn: localDate(Date.now() - 180 * DAY) })
    ).posting.id;
    latestId = (await call<{ posting: { id: string } }>(w, agent, `/api/statutory-schedules/${feesId}/postings`, { postedOn: localDate(Date.now()), noticeId }))
      .posting.id;
    owner = await ownerPage(w.demo.owners.zhangwei!.portalLogin);
  }, 180_000);
  afterAll(async () => w?.close());

  it('通知公告 › 法定公示: the posting in force with its notice, the earlier one folded away', async () => {
    await owner.locator('nav.nav [data-section=notices]').click();
    await owner.getByTestId('portal-notices').waitFor();
    await owner.locator('.subnav [data-tab=statutory]').click();
    const page = owner.getByTestId('portal-statutory');
    await page.waitFor();
    expect(await page.innerText()).toContain('民法典');
    const latest = page.locator(`[data-posting="${latestId}"]`);
    await latest.waitFor();
    const text = await latest.innerText();
    expect(text).toContain('收费项目和标准');
    expect(text).toContain(`公示日期 ${localDate(Date.now())}`);
    expect(await latest.getAttribute('data-in-force')).toBe('true');
    // the earlier posting: under 往期公示 (1), replaced
    const earlier = page.getByTestId('statutory-earlier');
    expect(await earlier.locator('summary').innerText()).toBe('往期公示（1）');
    await earlier.locator('summary').click();
    expect(await earlier.locator(`[data-posting="${earlierId}"]`).innerText()).toContain('已由新一期公示替代');
    // the nav keeps 通知公告 chosen
    expect(await owner.locator('nav.nav [data-section=notices]').getAttribute('class')).toBe('on');
    expect(await overflowsX(owner)).toBe(false);
    await expectChinese(owner, 'portal statutory postings');
    await shot(w, owner, 'postings');

    await latest.getByText('查看公示通知').click();
    const notice = owner.getByTestId('portal-notice');
    await notice.waitFor();
    expect(await notice.innerText()).toContain('2027年度物业服务收费项目及标准公示');
  }, 60_000);

  it('an objection: refused empty in place; sent, it is his case with the 3-day reply clock, on the posting and in 我的报事', async () => {
    await owner.locator('nav.nav [data-section=notices]').click();
    await owner.locator('.subnav [data-tab=statutory]').click();
    const latest = owner.locator(`[data-posting="${latestId}"]`);
    await latest.getByTestId('posting-object').click();
    const form = latest.getByTestId('objection-form');
    await form.getByRole('button', { name: '提交' }).click();
    expect(await form.getByRole('alert').innerText()).toBe('请填写异议内容');
    await form.locator('textarea[name=content]').fill(OBJECTION);
    await form.getByRole('button', { name: '提交' }).click();
    const sent = latest.getByTestId('objection-sent');
    await sent.waitFor();
    const number = /工单 (\S+)：/.exec(await sent.innerText())?.[1];
    expect(number).toBeTruthy();
    expect(await sent.innerText()).toContain('3 日内答复');
    // 我的异议 on the posting, with its number and status
    const mine = latest.locator(`[data-objection="${number}"]`);
    await mine.waitFor();
    expect(await mine.innerText()).toContain('我的异议');
    await expectChinese(owner, 'objection sent');
    await shot(w, owner, 'objection-sent');

    // the case: an inquiry of his with the objection, a 72-hour reply clock running
    const supervisor = await token(w, 'supervisor1');
    const found = await call<{ items: { id: string; number: string; type: string; category: string | null; ownerId: string | null }[] }>(
      w,
      supervisor,
      `/api/cases?q=${encodeURIComponent(number!)}`,
    );
    const made = found.items.find((c) => c.number === number)!;
    expect(made).toMatchObject({ type: 'inquiry', category: '法定公示异议', ownerId: w.demo.owners.zhangwei!.id });
    const sla = await call<{ clocks: { kind: string; running: boolean; dueAt: string; startedAt: string }[] }>(w, supervisor, `/api/cases/${made.id}/sla`);
    const clock = sla.clocks.find((k) => k.kind === 'objection_reply')!;
    expect(clock.running).toBe(true);
    expect(Date.parse(clock.dueAt) - Date.parse(clock.startedAt)).toBe(3 * DAY);

    await sent.getByText('查看工单').click();
    await owner.getByTestId('status').waitFor();
    expect(await owner.getByTestId('status').innerText()).toContain(number!);
    expect(await owner.locator('main').innerText()).toContain(OBJECTION);
    await owner.locator('nav.nav [data-section=cases]').click();
    const listed = owner.locator(`[data-case="${number}"]`);
    await listed.waitFor();
    expect(await listed.innerText()).toContain('的异议');
    await expectChinese(owner, 'objection in 我的报事');
    await shot(w, owner, 'my-requests');
  }, 60_000);
});
