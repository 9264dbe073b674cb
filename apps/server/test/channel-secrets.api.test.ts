import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '@guanjia/storage';
import { createTestContext, type TestContext } from './harness.ts';

/**
 * Channel credentials never leave (issue 13 item 2): for every channel kind — email (SMTP password),
 * SMS (AccessKey secret), WeChat (AppSecret), WeCom app (Secret) and group robot (webhook key), and the
 * signed webhook (signing secret) — after a PUT with the secret the database holds its ciphertext (the
 * field cipher's, decrypting to it) and the plain secret in no row of any table; the PUT's answer, GET
 * /api/channels, the audit log (its rows and GET /api/audit-log) and a refused PUT's answer never
 * contain it. A PUT without a secret keeps the stored one.
 */
let t: TestContext;
let admin: string;
const db = () => t.deps.database.db as any;

beforeAll(async () => {
  t = await createTestContext();
  admin = await t.login('admin');
});
afterAll(async () => {
  await t?.close();
});

/** Every row of every table of ours, as text: the plain secret must be in none. */
async function everyRow(): Promise<string> {
  const database = t.deps.database.db;
  const tables = isPostgres(database)
    ? (await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(database)).rows
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(database)).rows;
  expect(tables.map((r) => r.name)).toContain('channel_settings');
  const parts: string[] = [];
  for (const { name } of tables) parts.push(JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(database)).rows));
  return parts.join('\n');
}

const CASES: { name: string; channel: string; config: Record<string, unknown>; secret: string }[] = [
  {
    name: 'email: the SMTP password',
    channel: 'email',
    config: { host: '127.0.0.1', port: 2525, user: 'desk@guanjia.test', from: '管家物业 <desk@guanjia.test>' },
    secret: 'smtp-Pa55word-7d1e',
  },
  {
    name: 'SMS: the AccessKey secret',
    channel: 'sms',
    config: { accessKeyId: 'LTAI5tSecretTest', signName: '管家物业', templates: { case_received: 'SMS_1' } },
    secret: 'aliyun-AccessKeySecret-93c2',
  },
  {
    name: 'WeChat: the AppSecret',
    channel: 'wechat',
    config: { appId: 'wx0123456789abcdef', templates: {} },
    secret: 'wechat-AppSecret-5b8f0e',
  },
  { name: 'WeCom app: the Secret', channel: 'wecom', config: { mode: 'app', corpId: 'ww0123456789abcdef', agentId: 1000002 }, secret: 'wecom-CorpSecret-a41c' },
  { name: 'WeCom group robot: the webhook key', channel: 'wecom', config: { mode: 'robot' }, secret: 'wecom-robot-key-0f9e6d' },
  { name: 'webhook: the signing secret', channel: 'webhook', config: { url: 'https://hooks.example.test/guanjia' }, secret: 'whsec-SigningSecret-c7a2' },
];

describe('channel secrets are stored encrypted and never returned', () => {
  it.each(CASES)('$name', async ({ channel, config, secret }) => {
    const put = await t.request(admin, { method: 'PUT', url: `/api/channels/${channel}`, payload: { enabled: true, config, secret } });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ channel, enabled: true, hasSecret: true });
    expect(JSON.stringify(put.body)).not.toContain(secret);
    expect(put.body).not.toHaveProperty('secret');
    expect(put.body).not.toHaveProperty('secretEncrypted');

    // at rest: ciphertext of it, the plain secret nowhere
    const row = await db()
      .selectFrom('channelSettings')
      .selectAll()
      .where('organizationId', '=', t.a.organizationId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    expect(row.secretEncrypted).toBeTruthy();
    expect(row.secretEncrypted).not.toContain(secret);
    expect(t.deps.cipher.decrypt(row.secretEncrypted)).toBe(secret);
    const rows = await everyRow();
    expect(rows, 'the scan reads the settings row').toContain(row.secretEncrypted);
    expect(rows).not.toContain(secret);

    // read back
    const get = await t.request(admin, { method: 'GET', url: '/api/channels' });
    expect(get.status).toBe(200);
    expect(JSON.stringify(get.body)).not.toContain(secret);
    expect(JSON.stringify(get.body)).not.toContain(row.secretEncrypted);
    expect((get.body as any[]).find((c) => c.channel === channel)).toMatchObject({ hasSecret: true });

    // the audit log says the secret changed, never what it is
    const audit = await t.request(admin, { method: 'GET', url: `/api/audit-log?action=channel.saved&targetId=${channel}` });
    expect(audit.status).toBe(200);
    expect(audit.body[0]).toMatchObject({ action: 'channel.saved', targetId: channel, detail: { channel, secretChanged: true } });
    expect(JSON.stringify(audit.body)).not.toContain(secret);
    expect(JSON.stringify(audit.body)).not.toContain(row.secretEncrypted);

    // saved again without a secret: the stored one is kept, and still not shown
    const again = await t.request(admin, { method: 'PUT', url: `/api/channels/${channel}`, payload: { enabled: false, config } });
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body).toMatchObject({ enabled: false, hasSecret: true });
    expect(JSON.stringify(again.body)).not.toContain(secret);
    const kept = await db()
      .selectFrom('channelSettings')
      .select('secretEncrypted')
      .where('organizationId', '=', t.a.organizationId)
      .where('channel', '=', channel)
      .executeTakeFirst();
    expect(t.deps.cipher.decrypt(kept.secretEncrypted)).toBe(secret);
    const [latest] = (await t.request(admin, { method: 'GET', url: `/api/audit-log?action=channel.saved&targetId=${channel}` })).body;
    expect(latest.detail).toMatchObject({ enabled: false, secretChanged: false });

    // a refused PUT does not echo the secret it carried
    const refused = await t.request(admin, {
      method: 'PUT',
      url: `/api/channels/${channel}`,
      payload: { enabled: true, config: { ...config, baseUrl: 'not a url', url: 'not a url', port: -1 }, secret },
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).not.toContain(secret);

    expect(await everyRow()).not.toContain(secret);
  });
});
