import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../src/seed/index.ts';
import { seedHouseholds } from './fixtures/notice-households.ts';
import { createTestContext, TEST_DB, type TestContext } from './harness.ts';

/**
 * Two holes of the survey answers (issue 14 item 4, SPEC §8): an answer before the campaign's start
 * date is refused on `startsOn` (paper, phone and the portal alike) and changes nothing; and the
 * phone-answer cap (20% of the sample) holds when several phone entries arrive at once — the survey
 * row is locked and the phone answers counted inside the same transaction (on PostgreSQL FOR UPDATE).
 */
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

/** A session of the user, signed in afresh once the fake clock moved on (sessions idle out after hours). */
const sessions = new Map<string, { token: string; at: number }>();
async function login(username: string): Promise<string> {
  const now = Date.parse(t.deps.now());
  const s = sessions.get(username);
  if (s && now - s.at < 3_600_000) return s.token;
  const res = await t.request(null, { method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
  expect(res.status).toBe(200);
  sessions.set(username, { token: res.body.token, at: now });
  return res.body.token as string;
}
const as = async (username: string, method: 'GET' | 'POST', url: string, payload?: Record<string, unknown>) =>
  t.request(await login(username), { method, url, ...(payload === undefined ? {} : { payload }) });
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

async function question(text: string): Promise<string> {
  const res = await as('quality', 'POST', '/api/survey-questions', { area: 'repairs', text });
  expect(res.status).toBe(201);
  return res.body.id as string;
}

/** A census of the project launched, with its households' codes. */
async function launched(projectId: string, questionId: string, startsOn: string): Promise<{ id: string; codes: string[]; phoneCap: number }> {
  const draft = await as('quality', 'POST', '/api/surveys', {
    projectId,
    title: `满意度调查 ${startsOn}`,
    questionIds: [questionId],
    startsOn,
    sampling: 'census',
  });
  expect(draft.status).toBe(201);
  const launch = await as('quality', 'POST', `/api/surveys/${draft.body.id}/launch`);
  expect(launch.status).toBe(200);
  const households = await as('quality', 'GET', `/api/surveys/${draft.body.id}/households?status=pending&limit=200`);
  return { id: draft.body.id, codes: households.body.items.map((h: { code: string }) => h.code), phoneCap: launch.body.phoneCap };
}

describe(`survey answers: the start date and the phone cap under concurrency (${TEST_DB})`, () => {
  it('an answer before the campaign’s start date is refused on startsOn, on paper, by phone and in the portal; nothing changes', async () => {
    const q = await question('您对维修及时性是否满意？');
    const today = t.deps.now().slice(0, 10); // 10:00 Asia/Shanghai: the same date
    const startsOn = addDays(today, 2);
    const s = await launched(t.a.projects.CUIHU!.id, q, startsOn);
    const z = t.a.owners.zhangwei!;
    const owner = await t.ownerLogin(z.portalLogin);
    await login('agent1'); // signed in first: a new session is not a change
    const before = await t.fingerprint();
    for (const channel of ['paper', 'phone'] as const) {
      const res = await as('agent1', 'POST', `/api/surveys/${s.id}/answers`, { code: s.codes[0], channel, scores: { [q]: 5 } });
      expect([res.status, res.body.code, res.body.field]).toEqual([409, 'SURVEY_NOT_OPEN', 'startsOn']);
      expect(res.body.message).toContain(startsOn);
    }
    const en = await t.request(await login('agent1'), {
      method: 'POST',
      url: `/api/surveys/${s.id}/answers?lang=en`,
      payload: { code: s.codes[0], channel: 'paper', scores: { [q]: 5 } },
    });
    expect(en.body.message).toContain(`starts on ${startsOn}`);
    const portal = await t.request(owner, { method: 'POST', url: `/api/portal/surveys/${s.id}/answers`, payload: { unitId: z.unitId, scores: { [q]: 5 } } });
    expect([portal.status, portal.body.field]).toEqual([409, 'startsOn']);
    expect(await t.fingerprint()).toBe(before);
    // from the start date on, it is taken
    t.advance(2 * 24 * 60);
    const ok = await as('agent1', 'POST', `/api/surveys/${s.id}/answers`, { code: s.codes[0], channel: 'paper', scores: { [q]: 5 } });
    expect(ok.status).toBe(201);
  });

  it('phone entries arriving together never pass the cap: exactly the room left is taken', async () => {
    const projectId = await seedHouseholds(t, 20, 2); // 20 households: the phone cap is 4
    const q = await question('您对客服接待是否满意？');
    const s = await launched(projectId, q, t.deps.now().slice(0, 10));
    expect([s.codes.length, s.phoneCap]).toEqual([20, 4]);
    const phone = (code: string) => as('quality', 'POST', `/api/surveys/${s.id}/answers`, { code, channel: 'phone', scores: { [q]: 4 } });
    for (const code of s.codes.slice(0, 3)) expect((await phone(code)).status).toBe(201);
    // one place left; eight entries at once
    const results = await Promise.all(s.codes.slice(3, 11).map((code) => phone(code)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    for (const r of results.filter((x) => x.status !== 201))
      expect([r.status, r.body.code, r.body.field]).toEqual([409, 'SURVEY_PHONE_CAP_REACHED', 'channel']);
    const recovery = await as('quality', 'GET', `/api/surveys/${s.id}/recovery`);
    expect(recovery.body.byChannel.phone).toBe(4);
    // paper is still taken
    expect((await as('quality', 'POST', `/api/surveys/${s.id}/answers`, { code: s.codes[12], channel: 'paper', scores: { [q]: 4 } })).status).toBe(201);
  });
});
