import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, executablePath, expectChinese, overflowsX, shot, signIn, startConsole, token, type ConsoleWorld } from './console-browser';

/**
 * Who and where at the desk, and dispatch as engineering works (issue 10, items 6 and 7), in a real
 * browser in zh-CN on a fresh demo company: the queue's people columns, the case page's owner card and
 * phone reveal, the intake caller search (last 4 digits, 1栋101, an unregistered caller), dispatch lists
 * only assignable staff, and a technician's 我的工单 at 390×844 (call, 到场 and 完工 with photos).
 * Screenshots in test-artifacts/desk/.
 */
let w: ConsoleWorld;
type Answer = { case: { id: string; number: string; status: string; ownerId: string | null } };
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;
// a 1×1 PNG (the server checks the bytes)
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const cases: Record<string, { id: string; number: string }> = {};

describe.skipIf(!executablePath)('who and where, dispatch (Chromium, zh-CN)', () => {
  beforeAll(async () => {
    w = await startConsole('desk');
    const sup = await token(w, 'supervisor1');
    const project = w.demo.projects.CUIHU!.id;
    const wang = w.demo.owners.wangfang!;
    const zhang = w.demo.owners.zhangwei!;
    // 王芳 (special needs, 会员), a repair dispatched to tech1; and 张伟's repair still in the engineering pool
    const a = await call<Answer>(w, sup, '/api/cases', {
      projectId: project,
      type: 'repair',
      channel: 'hotline',
      repairGrade: 'urgent',
      ownerId: wang.id,
      unitId: wang.unitId,
      description: '厨房水管爆裂，请尽快上门',
    });
    await call(w, sup, `/api/cases/${a.case.id}/commands`, { command: { type: 'dispatch', assigneeId: w.demo.staff.tech1 } });
    cases.dispatched = a.case;
    const b = await call<Answer>(w, sup, '/api/cases', {
      projectId: project,
      type: 'repair',
      channel: 'hotline',
      repairGrade: 'normal',
      ownerId: zhang.id,
      unitId: zhang.unitId,
      description: '客厅灯不亮',
    });
    cases.pool = b.case;
  }, 180_000);
  afterAll(async () => w?.close());

  it('queue rows show owner (masked for an agent), unit, assignee, department and the nearest clock; one scrollbar at 1366×768', async () => {
    const page = await signIn(w, 'agent1', { width: 1366, height: 768 });
    const row = page.locator(`[data-number="${cases.dispatched!.number}"]`);
    await row.waitFor();
    expect(await row.locator('[data-col=owner]').innerText()).toBe('王*');
    expect(await row.locator('[data-col=unit]').innerText()).toBe('2栋-1单元-201');
    expect(await row.locator('[data-col=assignee]').innerText()).toBe('维修员孙刚');
    expect(await row.locator('[data-col=department]').innerText()).toBe('工程维修部');
    const clock = await row.locator('[data-col=clock]').innerText();
    expect(clock).toMatch(/\d{2}[-/]\d{2}\s+\d{2}:\d{2}/);
    expect(clock).toMatch(/还剩|超时/);
    expect(clock).not.toMatch(/[a-z]+_[a-z]+/);
    const layout = await page.evaluate(() => ({
      pageScrolls: document.documentElement.scrollHeight > window.innerHeight + 1,
      overflowX: document.documentElement.scrollWidth > window.innerWidth,
    }));
    expect(layout).toEqual({ pageScrolls: false, overflowX: false });
    await expectChinese(page, 'queue');
    await shot(w, page, 'queue-1366x768');
    // a supervisor may reveal owner data: the full name
    const sup = await signIn(w, 'supervisor1');
    await sup.locator(`[data-number="${cases.dispatched!.number}"] [data-col=owner]`).waitFor();
    expect(await sup.locator(`[data-number="${cases.dispatched!.number}"] [data-col=owner]`).innerText()).toBe('王芳');
  }, 90_000);

  it('the case page shows the owner card and the people; 查看电话 reveals the number (logged)', async () => {
    const page = await signIn(w, 'agent1');
    await page.goto(`${w.base}/cases/${cases.dispatched!.id}`);
    const card = page.getByTestId('owner-card');
    await card.waitFor();
    expect(await card.getByTestId('owner-name').innerText()).toBe('王*');
    expect(await card.getByTestId('owner-grade').innerText()).toBe('会员');
    expect(await card.getByTestId('owner-units').innerText()).toBe('2栋-1单元-201');
    expect(await card.getByTestId('owner-needs').innerText()).toMatch(/行动不便的老人|仅经办人员可见/);
    expect(await card.getByTestId('owner-dnd').innerText()).toBe('12:00–14:00');
    expect(await card.getByTestId('first-receiver').innerText()).toBe('客服主管黄丽');
    expect(await card.getByTestId('assignee').innerText()).toBe('维修员孙刚');
    expect(await card.getByTestId('department').innerText()).toBe('工程维修部');
    expect(await card.getByTestId('phone-masked').innerText()).toMatch(/\*/);
    expect(await card.innerText()).toContain('最近 5 次沟通');
    expect(await card.innerText()).not.toMatch(UUID);
    await card.getByTestId('reveal-phone').click();
    await expect.poll(() => card.getByTestId('revealed-phone').innerText()).toBe(w.demo.owners.wangfang!.portalLogin);
    expect(await card.getByTestId('revealed-phone').getAttribute('href')).toBe(`tel:${w.demo.owners.wangfang!.portalLogin}`);
    await expectChinese(page, 'case page with owner card');
    await shot(w, page, 'case-owner-card');
    // the archivist cannot call the owner: no button
    const archivist = await signIn(w, 'archivist1');
    await archivist.goto(`${w.base}/cases/${cases.dispatched!.id}`);
    await archivist
      .getByTestId('owner-card')
      .waitFor()
      .catch(() => undefined);
    expect(await archivist.getByTestId('reveal-phone').count()).toBe(0);
  }, 90_000);

  it('intake finds a caller by the last 4 digits and by 1栋101 (name and unit, never an id); an unregistered caller is saved with name and number', async () => {
    const page = await signIn(w, 'agent1');
    await page.goto(`${w.base}/intake`);
    const search = page.getByTestId('caller-search').locator('input');
    // the last 4 digits of 张伟's phone
    await search.fill(w.demo.owners.zhangwei!.portalLogin.slice(-4));
    const option = page.locator('.ant-select-dropdown [data-owner-option]').first();
    await option.waitFor();
    const optionText = await page.locator('.ant-select-dropdown').innerText();
    expect(optionText).toContain('张*');
    expect(optionText).toContain('1栋-1单元-101');
    expect(optionText).not.toMatch(UUID);
    await shot(w, page, 'intake-last4');
    // the unit written 1栋101: the owner and the unit itself
    await search.fill('');
    await search.fill('1栋101');
    await page.locator('.ant-select-dropdown').getByText('仅房屋', { exact: false }).waitFor();
    const unitHits = await page.locator('.ant-select-dropdown').innerText();
    expect(unitHits).toContain('张*');
    expect(unitHits).not.toMatch(UUID);
    await page.locator('.ant-select-dropdown [data-owner-option]').first().click();
    expect(await page.getByTestId('caller-search').innerText()).toContain('1栋-1单元-101');
    expect(await page.getByTestId('caller-search').innerText()).not.toMatch(UUID);
    await page.getByTestId('description').fill('业主来电：门禁卡失效');
    await page.getByTestId('save').click();
    await page.waitForURL(/\/cases\//);
    const linkedId = page.url().split('/cases/')[1]!;
    const sup = await token(w, 'supervisor1');
    expect((await call<Answer>(w, sup, `/api/cases/${linkedId}`)).case.ownerId).toBe(w.demo.owners.zhangwei!.id);

    // a caller with no archive: the typed number is kept, a name added, and the case records both
    await page.goto(`${w.base}/intake`);
    await page.getByTestId('caller-search').locator('input').fill('139 1234 5678');
    await expect.poll(() => page.getByTestId('caller-phone').inputValue()).toBe('139 1234 5678');
    await page.getByTestId('caller-name').fill('赵先生');
    await page.getByTestId('unregistered-caller').waitFor();
    await page.locator('.ant-radio-button-wrapper', { hasText: '咨询' }).click();
    await page.getByTestId('description').fill('来电咨询装修手续');
    await shot(w, page, 'intake-unregistered');
    await page.getByTestId('save').click();
    await page.waitForURL(/\/cases\//);
    const callerCase = page.url().split('/cases/')[1]!;
    const context = await call<{ owner: unknown; caller: { name: string; phoneMasked: string } }>(w, sup, `/api/cases/${callerCase}/context`);
    expect(context.owner).toBeNull();
    expect(context.caller.name).toBe('赵先生');
    expect(context.caller.phoneMasked).toMatch(/5678$/);
    const revealed = await call<{ phone: string; source: string }>(w, sup, `/api/cases/${callerCase}/owner-phone`, {});
    expect(revealed).toMatchObject({ source: 'caller' });
    expect(revealed.phone.replace(/\D/g, '')).toBe('13912345678');
    await page.getByTestId('owner-card').waitFor();
    expect(await page.getByTestId('caller').innerText()).toContain('赵*');
    cases.caller = { id: callerCase, number: '' };
  }, 90_000);

  it('link_owner picks the owner by name and unit, never by id', async () => {
    const page = await signIn(w, 'supervisor1');
    await page.goto(`${w.base}/cases/${cases.caller!.id}`);
    await page.locator('[data-action=link_owner]').click();
    await page.getByTestId('owner-picker').locator('input').fill('2栋201');
    const option = page.locator('.ant-select-dropdown [data-owner-option]').first();
    await option.waitFor();
    expect(await page.locator('.ant-select-dropdown').innerText()).toContain('2栋-1单元-201');
    await option.click();
    expect(await page.locator('.ant-modal-content').innerText()).not.toMatch(UUID);
    await page.getByTestId('command-ok').click();
    await expect
      .poll(() =>
        page
          .getByTestId('owner-name')
          .innerText()
          .catch(() => ''),
      )
      .toBe('王芳');
  }, 60_000);

  it('dispatch lists only the assignable staff of the department, with workload (no archivist, no administrator)', async () => {
    const page = await signIn(w, 'enghead1');
    await page.goto(`${w.base}/cases/${cases.pool!.id}`);
    await page.locator('[data-action=dispatch]').click();
    await page.getByTestId('assignable-staff').click();
    const dropdown = page.locator('.ant-select-dropdown:visible');
    await dropdown.locator('[data-staff]').first().waitFor();
    const staffNames = () => dropdown.locator('.ant-select-item-option [data-staff]').evaluateAll((els) => els.map((e) => e.getAttribute('data-staff')));
    await expect.poll(staffNames).toContain('维修员孙刚');
    const names = await staffNames();
    for (const n of names) expect(['维修员孙刚', '工程部经理钱伟']).toContain(n);
    const text = await dropdown.innerText();
    expect(text).not.toMatch(/档案管理员|系统管理员|客服专员|维修员马超/);
    expect(text).toMatch(/维修员孙刚 · 维修员?[^·]*· 工程维修部 · 在办 \d+ 件/);
    await shot(w, page, 'dispatch-list');
    await dropdown.locator('[data-staff="维修员孙刚"]').click();
    await page.getByTestId('command-ok').click();
    await expect.poll(() => page.getByTestId('case-status').innerText()).toBe('已派工');
    await expectChinese(page, 'case after dispatch');
  }, 60_000);

  it('a technician at 390×844: 我的工单 first, the unit and owner, 拨打电话, 到场 and 完工 with a photo', async () => {
    const page = await signIn(w, 'tech1', { width: 390, height: 844 });
    await page.getByTestId('work-orders').waitFor();
    const card = page.locator(`[data-work-order="${cases.dispatched!.number}"]`);
    await card.waitFor();
    expect(await card.getByTestId('wo-unit').innerText()).toBe('2栋-1单元-201');
    expect(await card.getByTestId('wo-owner').innerText()).toMatch(/^王/);
    expect(await card.innerText()).toContain('会员');
    expect(await card.innerText()).toContain('急');
    expect(await card.getByTestId('wo-due').innerText()).toMatch(/还剩|超时/);
    expect(await overflowsX(page)).toBe(false);
    await expectChinese(page, 'work orders');
    await shot(w, page, 'phone-work-orders');
    // the menu has 我的工单 and the queue
    await page.getByTestId('menu-button').click();
    await page.getByTestId('menu-drawer').getByText('我的工单').waitFor();
    expect(await page.getByTestId('menu-drawer').getByText('工单队列').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByTestId('menu-drawer').waitFor({ state: 'hidden' });

    await card.getByTestId('wo-call').click();
    await expect.poll(() => card.getByTestId('wo-phone').innerText()).toContain(w.demo.owners.wangfang!.portalLogin);
    expect(await card.getByTestId('wo-phone').getAttribute('href')).toBe(`tel:${w.demo.owners.wangfang!.portalLogin}`);

    await card.getByTestId('wo-arrive').click();
    const photo = card.getByTestId('wo-photo');
    expect(await photo.getAttribute('accept')).toBe('image/*');
    expect(await photo.getAttribute('capture')).toBe('environment');
    await photo.setInputFiles({ name: '到场.png', mimeType: 'image/png', buffer: PNG });
    await card.getByTestId('wo-photo-count').waitFor();
    await shot(w, page, 'phone-arrive');
    await card.getByTestId('wo-submit').click();
    await card.getByTestId('wo-complete').waitFor();
    expect(await overflowsX(page)).toBe(false);

    await card.getByTestId('wo-complete').click();
    // the summary is in the owner's timeline: the same verdict as every owner-facing form, before sending
    await card.getByTestId('wo-summary').fill('急什么，修好了，其他的管不了');
    await card.getByTestId('language-verdict').waitFor();
    expect(await card.getByTestId('language-verdict').innerText()).toContain('管不了、急什么');
    expect(await card.getByTestId('wo-submit').isDisabled()).toBe(true);
    await card.getByTestId('language-override').click();
    expect(await card.getByTestId('wo-submit').isDisabled()).toBe(true); // 仍然发送 needs a reason
    await shot(w, page, 'phone-complete-language-verdict');
    await card.getByTestId('language-override').click();
    await card.getByTestId('wo-summary').fill('更换水管接头，已试水');
    await card.getByTestId('language-verdict').waitFor({ state: 'detached' });
    expect(await card.getByTestId('wo-submit').isDisabled()).toBe(false);
    await card.getByTestId('wo-photo').setInputFiles({ name: '完工.png', mimeType: 'image/png', buffer: PNG });
    await shot(w, page, 'phone-complete');
    await card.getByTestId('wo-submit').click();
    await expect.poll(async () => (await call<Answer>(w, await token(w, 'supervisor1'), `/api/cases/${cases.dispatched!.id}`)).case.status).toBe('work_done');
    const events = await call<{ type: string; attachmentIds: string[]; content: string | null }[]>(
      w,
      await token(w, 'supervisor1'),
      `/api/cases/${cases.dispatched!.id}/events`,
    );
    const arrived = events.find((e) => e.type === 'arrived_on_site');
    const done = events.find((e) => e.type === 'work_completed');
    expect(arrived?.attachmentIds).toHaveLength(1);
    expect(done?.attachmentIds).toHaveLength(1);
    expect(await overflowsX(page)).toBe(false);
    await shot(w, page, 'phone-work-orders-after');
  }, 120_000);

  it('a dispatch the server refuses (STAFF_NOT_ASSIGNABLE: the technician moved to another department meanwhile) is shown under 处理人', async () => {
    const sup = await token(w, 'supervisor1');
    const r = await call<Answer>(w, sup, '/api/cases', {
      projectId: w.demo.projects.CUIHU!.id,
      type: 'repair',
      channel: 'hotline',
      repairGrade: 'normal',
      ownerId: w.demo.owners.lina!.id,
      unitId: w.demo.owners.lina!.unitId,
      description: '阳台推拉门卡住',
    });
    const page = await signIn(w, 'supervisor1');
    await page.goto(`${w.base}/cases/${r.case.id}`);
    await page.locator('[data-action=dispatch]').click();
    await page.getByTestId('assignable-staff').click();
    const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option [data-staff="维修员孙刚"]');
    await option.waitFor();
    // the list was right when it loaded; the technician moves to 秩序维护部 before the dispatch is sent
    const res = await fetch(`${w.base}/api/staff/${w.demo.staff.tech1}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${await token(w, 'admin')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ departmentId: w.demo.departments['SEC-CUIHU'] }),
    });
    expect(res.status).toBe(200);
    await option.click();
    await page.getByTestId('command-ok').click();
    const error = page.locator('.ant-modal-content .ant-form-item').filter({ hasText: '处理人' }).locator('.ant-form-item-explain-error');
    await error.waitFor();
    expect(await error.innerText()).toContain('不能指派给该员工');
    expect(await page.getByTestId('case-status').innerText()).toBe('已登记');
    await shot(w, page, 'dispatch-refused');
  }, 60_000);
});
