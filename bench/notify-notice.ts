// The notify bench's notice half (issue 13, "Speed"): a notice to `households` homes of one project
// (40 buildings) over three channels — SMS, WeChat and email — against local receivers. Measures the
// time to enqueue (the delivery worker's planning pass turning the published notice's outbox row into one
// delivery per owner; target ≤ 2 s for 20,000), the delivery throughput (every push sent through the real
// adapters to a local SMTP server and a local HTTP provider), and the process's peak RSS.
import { createServer } from 'node:http';
import { SMTPServer } from 'smtp-server';
import { buildApp, closeChannelAdapters, createChannelAdapters, planOutbox, sendDue, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedHouseholds } from '@guanjia/server/seed';

export interface NoticeBenchResult {
  households: number;
  deliveries: number;
  enqueueMs: number;
  sent: number;
  sendSeconds: number;
  perSecond: number;
  byChannel: Record<string, number>;
  rssMiB: { start: number; max: number };
}

/** One HTTP server answering as Alibaba SMS and WeChat do (a token, then sends); it counts what it got. */
async function providers() {
  let sms = 0;
  let wechat = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (req.url?.startsWith('/sms')) {
        sms += 1;
        res.end(`{"Code":"OK","Message":"OK","BizId":"b${sms}","RequestId":"r"}`);
      } else if (req.url?.includes('/cgi-bin/token')) res.end('{"access_token":"bench-token","expires_in":7200}');
      else {
        wechat += 1;
        res.end(`{"errcode":0,"errmsg":"ok","msgid":${wechat}}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { base: `http://127.0.0.1:${port}`, counts: () => ({ sms, wechat }), close: () => new Promise((r) => server.close(r)) };
}

async function smtp() {
  let mails = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        mails += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return { port, count: () => mails, close: () => new Promise<void>((r) => server.close(() => r())) };
}

export async function noticeBench(deps: AppDeps, organizationId: string, households: number): Promise<NoticeBenchResult> {
  const rss = { start: Math.round(process.memoryUsage().rss / 1048576), max: 0 };
  const sampler = setInterval(() => (rss.max = Math.max(rss.max, Math.round(process.memoryUsage().rss / 1048576))), 50);
  const http = await providers();
  const mail = await smtp();
  const app = await buildApp(deps);
  const call = async (token: string | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => {
    const res = await app.inject({ method, url, payload: payload as never, headers: token ? { authorization: `Bearer ${token}` } : {} });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  };
  const signIn = async (username: string) => (await call(null, 'POST', '/api/auth/login', { username, password: DEMO_PASSWORD })).token as string;
  const admin = await signIn('admin');
  const project = (await call(admin, 'POST', '/api/projects', { code: 'NOTIFY', name: '压测花园' })).id as string;
  const buildingIds: string[] = [];
  for (let b = 1; b <= 40; b += 1)
    buildingIds.push((await call(admin, 'POST', `/api/projects/${project}/buildings`, { code: `N${b}`, name: `${b}栋` })).id as string);
  await seedHouseholds(deps, { organizationId, projectId: project, buildingIds, perBuilding: Math.ceil(households / 40) });
  await call(admin, 'PUT', '/api/channels/sms', {
    config: { baseUrl: `${http.base}/sms`, accessKeyId: 'bench', signName: '管家物业', templates: { notice: 'SMS_1' } },
    secret: 'bench-secret',
  });
  await call(admin, 'PUT', '/api/channels/wechat', {
    config: { baseUrl: http.base, appId: 'wxbench', templates: { notice: { templateId: 'tmpl-notice', fields: [{ key: 'thing1', from: 'title' }] } } },
    secret: 'bench-secret',
  });
  await call(admin, 'PUT', '/api/channels/email', { config: { host: '127.0.0.1', port: mail.port, from: '管家物业 <desk@guanjia.test>' } });
  const notice = (
    await call(admin, 'POST', '/api/notices', { projectId: project, kind: 'reminder', title: '物业费缴纳提醒', body: '本季度物业费请于月底前缴纳，谢谢配合。' })
  ).id as string;
  await call(admin, 'POST', `/api/notices/${notice}/submit`);
  await call(await signIn('leader'), 'POST', `/api/notices/${notice}/approve`);

  const t0 = performance.now();
  const planned = await planOutbox(deps);
  const enqueueMs = performance.now() - t0;

  // common notices' pushes wait out the undo window: move the clock past it, then send everything
  const real = deps.now;
  deps.now = () => new Date(Date.parse(real()) + 10 * 60_000).toISOString();
  const adapters = createChannelAdapters();
  const t1 = performance.now();
  let sent = 0;
  for (;;) {
    const r = await sendDue(deps, { adapters, concurrency: 16 });
    sent += r.sent;
    if (r.sent + r.retried + r.failed === 0) break;
  }
  const sendSeconds = (performance.now() - t1) / 1000;
  deps.now = real;
  await closeChannelAdapters(adapters);
  const rows = await deps.database.db
    .selectFrom('deliveries')
    .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('sourceId', '=', notice)
    .groupBy(['channel', 'status'])
    .execute();
  const byChannel = Object.fromEntries(rows.map((r) => [`${r.channel}:${r.status}`, Number(r.n)]));
  clearInterval(sampler);
  await app.close();
  await http.close();
  await mail.close();
  const { sms, wechat } = http.counts();
  if (sms + wechat + mail.count() !== sent) throw new Error(`the receivers got ${sms + wechat + mail.count()} messages, the worker says it sent ${sent}`);
  return { households, deliveries: planned.deliveries, enqueueMs, sent, sendSeconds, perSecond: sent / sendSeconds, byChannel, rssMiB: rss };
}
