import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, call, executablePath, expectChinese, openSubmenu, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * 内部会议 in a real browser, in zh-CN (issue 16 item 3, decision 0038): 李明 (office manager of 翠湖花园)
 * records today's 管理处例会 with 孙刚 and 陈静 attending and 黄丽 as its secretary, writes its minutes and
 * assigns a resolution to 孙刚 with a deadline; 孙刚 is told, finds it in 我的会议事项 and marks it done
 * with what he did. Each step is checked against the server. Screenshots in test-artifacts/internal-meetings/.
 */
let w: ConsoleWorld;
type Meeting = {
  id: string;
  title: string;
  minutes: string | null;
  minutesLate: boolean;
  minutesBy: { id: string } | null;
  attendees: { id: string }[];
  secretary: { id: string };
  actions: { id: string; text: string; responsibleId: string; deadlineOn: string; status: string; doneNote: string | null; doneBy: string | null }[];
};

/** An option of the open Select's dropdown. */
const option = (page: Page, text: string) => page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text });
const localDate = (daysAhead = 0) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + daysAhead * 86_400_000));

describe.skipIf(!executablePath)('内部会议 (Chromium, zh-CN)', () => {
  let meetingId = '';

  beforeAll(async () => {
    w = await startConsole('internal-meetings');
  }, 120_000);
  afterAll(async () => w?.close());

  it('李明 records the office’s regular meeting, writes its minutes and assigns a resolution to 孙刚', async () => {
    const page = await signIn(w, 'manager1');
    const list = answered(page, 'GET', /^\/api\/internal-meetings$/);
    await openSubmenu(page, '督办', '内部会议');
    await page.getByTestId('internal-meetings').waitFor();
    await list;
    await expectChinese(page, 'internal meetings (empty)');

    await page.getByTestId('meeting-new').click();
    const modal = page.locator('.ant-modal');
    await expect.poll(() => modal.getByTestId('meeting-project').innerText()).toContain('翠湖花园');
    await modal.getByTestId('meeting-title').fill('12月第一周管理处例会');
    await modal.getByTestId('meeting-agenda').fill('上周投诉回顾；水泵房阀门更换');
    await modal.locator('.ant-picker input').fill(localDate());
    await modal.locator('.ant-picker input').press('Enter');
    await modal.getByTestId('meeting-attendees').click();
    await page.keyboard.type('孙刚');
    await option(page, '维修员孙刚').click();
    await page.keyboard.type('陈静');
    await option(page, '客服专员陈静').click();
    await page.keyboard.press('Escape');
    await modal.getByTestId('meeting-secretary').click();
    await page.keyboard.type('黄丽');
    await option(page, '客服主管黄丽').click();
    await expectChinese(page, 'new meeting');
    await shot(w, page, 'meeting-new');
    const created = answered(page, 'POST', /^\/api\/internal-meetings$/);
    await modal.getByTestId('meeting-save').click();
    const res = await created;
    expect(res.status()).toBe(201);
    const meeting = (await res.json()) as Meeting;
    meetingId = meeting.id;
    expect(meeting).toMatchObject({ title: '12月第一周管理处例会', minutes: null, secretary: { id: w.demo.staff.supervisor1 } });
    expect(meeting.attendees.map((a) => a.id).sort()).toEqual([w.demo.staff.tech1, w.demo.staff.agent1].sort());

    // the drawer opens on the new meeting: its minutes, then a resolution
    const drawer = page.getByTestId('meeting-drawer');
    await drawer.waitFor();
    await drawer.getByTestId('meeting-minutes').fill('一、上周投诉 2 件均已回访；二、水泵房阀门由工程部本周内更换');
    const minutes = answered(page, 'POST', /\/minutes$/);
    await drawer.getByTestId('meeting-minutes-save').click();
    expect((await minutes).status()).toBe(200);
    await expect.poll(() => drawer.getByTestId('meeting-minutes-due').innerText()).toContain('管理处主任李明');

    await drawer.getByTestId('resolution-text').fill('更换水泵房阀门');
    await drawer.getByTestId('resolution-responsible').click();
    await page.keyboard.type('孙刚');
    await option(page, '维修员孙刚').click();
    await drawer.locator('.ant-picker input').fill(localDate(7));
    await drawer.locator('.ant-picker input').press('Enter');
    const added = answered(page, 'POST', /\/actions$/);
    await drawer.getByTestId('resolution-add').click();
    expect((await added).status()).toBe(200);
    await expect.poll(() => drawer.locator('[data-action="更换水泵房阀门"]').getByTestId('action-status').innerText()).toContain('待完成');
    await expectChinese(page, 'meeting with minutes and a resolution');
    await shot(w, page, 'meeting-drawer');

    const stored = await call<Meeting>(w, await token(w, 'manager1'), `/api/internal-meetings/${meetingId}`);
    expect(stored).toMatchObject({
      minutes: '一、上周投诉 2 件均已回访；二、水泵房阀门由工程部本周内更换',
      minutesLate: false,
      minutesBy: { id: w.demo.staff.manager1 },
      actions: [{ text: '更换水泵房阀门', responsibleId: w.demo.staff.tech1, deadlineOn: localDate(7), status: 'open' }],
    });
    await page.close();
  }, 90_000);

  it('孙刚 is told, sees it in 我的会议事项 and marks it done with what he did', async () => {
    const tech = await token(w, 'tech1');
    const told = (await call<{ kind: string; data: { meetingId?: string } }[]>(w, tech, '/api/notifications')).filter(
      (n) => n.kind === 'meeting_action_assigned',
    );
    expect(told.map((n) => n.data.meetingId)).toEqual([meetingId]);

    const page = await signIn(w, 'tech1');
    const mine = answered(page, 'GET', /^\/api\/internal-meeting-actions$/);
    await openSubmenu(page, '督办', '我的会议事项');
    await mine;
    const row = page.locator('[data-my-action="更换水泵房阀门"]');
    await expect.poll(() => row.innerText()).toContain('12月第一周管理处例会');
    await expectChinese(page, 'my meeting actions');
    await shot(w, page, 'my-actions');
    await row.getByTestId('my-action-complete').click();
    await page.getByTestId('action-note').fill('阀门已更换，试压正常');
    const done = answered(page, 'POST', /\/done$/);
    await page.getByTestId('action-complete-send').click();
    expect((await done).status()).toBe(200);
    // done ones leave the open list
    await expect.poll(() => page.locator('[data-my-action="更换水泵房阀门"]').count()).toBe(0);

    const stored = await call<Meeting>(w, tech, `/api/internal-meetings/${meetingId}`);
    expect(stored.actions[0]).toMatchObject({ status: 'done', doneNote: '阀门已更换，试压正常', doneBy: w.demo.staff.tech1 });
    await page.close();
  }, 90_000);
});
