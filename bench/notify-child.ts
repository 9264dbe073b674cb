// The notify bench (issue 13, "Speed"), in its own process per database (GUANJIA_TEST_DB):
// breach-to-page — BENCH_NOTIFY_BREACHES very urgent repairs (default 100) whose calendar-time clock
// (维修到场, 10 minutes) falls due at night a few seconds from now; the real SLA scheduler and the real
// delivery worker run on a real clock (shifted to 23:00 Shanghai) and page the on-duty technician through
// the WeCom group robot of a local HTTP receiver. Each page's latency is from its clock's due instant to
// the receiver getting the request; target p99 ≤ 5 s.
// Then the notice half (notify-notice.ts): a notice to BENCH_NOTIFY_HOUSEHOLDS homes (default 20,000) over
// three channels — time to enqueue (target ≤ 2 s), delivery throughput, peak RSS.
import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '@guanjia/storage/testing';
import {
  actorFromStaff,
  closeChannelAdapters,
  createCase,
  createChannelAdapters,
  createFieldCipher,
  createIdGenerator,
  DEFAULT_LIMITS,
  DeliveryWorker,
  SlaScheduler,
  type AppDeps,
} from '@guanjia/server';
import { seedDemo } from '@guanjia/server/seed';
import { findStaff, insertDutyShift, saveChannelSettings } from '@guanjia/storage';
import { noticeBench } from './notify-notice.ts';

const breaches = Number(process.env.BENCH_NOTIFY_BREACHES ?? 100);
const households = Number(process.env.BENCH_NOTIFY_HOUSEHOLDS ?? 20_000);
const dialect = process.env.GUANJIA_TEST_DB ?? 'sqlite';

/** A WeCom group robot that answers at once and notes when each request arrived. */
async function robotReceiver() {
  const arrivals: { at: number; content: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { text?: { content?: string } };
      arrivals.push({ at, content: body.text?.content ?? '' });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"errcode":0,"errmsg":"ok"}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}`, arrivals, close: () => new Promise((resolve) => server.close(resolve)) };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const { database, drop } = await freshDatabase({ poolSize: 10 });
const robot = await robotReceiver();
// 23:00 Shanghai on a working day: outside working hours, so calendar-time breaches page the on-duty person
const offset = Date.parse('2026-11-25T15:00:00.000Z') - Date.now();
const realNow = () => new Date(Date.now() + offset).toISOString();
const deps: AppDeps = {
  database,
  now: realNow,
  newId: createIdGenerator(),
  cipher: createFieldCipher(Buffer.alloc(32, 7)),
  attachmentsDir: mkdtempSync(join(tmpdir(), 'guanjia-notify-')),
  limits: DEFAULT_LIMITS,
  noticeDigestMinutes: 2,
};
const demo = await seedDemo(deps, { withCases: false });
const organizationId = (await database.db.selectFrom('organizations').select('id').where('isDemo', '=', 1).executeTakeFirstOrThrow()).id;
const project = demo.projects.CUIHU!;
await saveChannelSettings(database.db, {
  organizationId,
  channel: 'wecom',
  enabled: true,
  config: { mode: 'robot', baseUrl: robot.url },
  secretEncrypted: deps.cipher.encrypt('bench-robot-key'),
  updatedBy: null,
  updatedAt: realNow(),
});
const tech = demo.staff.tech1!;
await database.db.updateTable('staff').set({ wecomUserId: 'bench-tech', alertChannel: 'wecom' }).where('id', '=', tech).execute();
await insertDutyShift(database.db, {
  id: 'bench-shift',
  organizationId,
  projectId: project.id,
  departmentId: null,
  staffId: tech,
  startsAt: new Date(Date.parse(realNow()) - 86_400_000).toISOString(),
  endsAt: new Date(Date.parse(realNow()) + 86_400_000).toISOString(),
  note: null,
  createdBy: null,
  createdAt: realNow(),
});

// The repairs, made in the past of the shifted clock so that each one's 10-minute clock falls due
// 3 s + i × 20 ms from now: due instants spread over the next seconds, all at night.
const agent = actorFromStaff((await findStaff(database.db, demo.staff.agent1!))!);
const start = Date.now() + 3_000 + 5_000; // creating them takes a moment: the first due 3 s after they are all made
const dues = new Map<string, number>();
for (let i = 0; i < breaches; i++) {
  const dueReal = start + i * 20;
  deps.now = () => new Date(dueReal + offset - 10 * 60_000).toISOString();
  const created = (await createCase(deps, agent, {
    projectId: project.id,
    type: 'repair',
    channel: 'hotline',
    description: `压测：特急报修 ${i}`,
    repairGrade: 'very_urgent',
  })) as { body: { case: { number: string } } };
  const c = created.body.case;
  dues.set(c.number, dueReal);
}
deps.now = realNow;
const lateStart = Date.now() > start;
const scheduler = new SlaScheduler(deps, (e) => console.error('scheduler', e));
const adapters = createChannelAdapters();
const worker = new DeliveryWorker(deps, { adapters }, (e) => console.error('delivery', e));
worker.start();
scheduler.start();
const deadline = Date.now() + 60_000 + breaches * 100;
const latencies = new Map<string, number>();
while (latencies.size < breaches && Date.now() < deadline) {
  for (const a of robot.arrivals) {
    if (!a.content.includes('超时')) continue;
    for (const [number, due] of dues) if (!latencies.has(number) && a.content.includes(number)) latencies.set(number, a.at - due);
  }
  await new Promise((r) => setTimeout(r, 50));
}
await scheduler.stop();
await worker.stop();
await closeChannelAdapters(adapters);
await robot.close();
const sorted = [...latencies.values()].sort((a, b) => a - b);
const ok = sorted.length === breaches && !lateStart && percentile(sorted, 99) <= 5_000;
console.log(
  `breach-to-page (${dialect}): ${sorted.length}/${breaches} pages; latency from the due instant p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted[sorted.length - 1]} ms (target p99 ≤ 5,000 ms)${lateStart ? ' — the cases took longer to make than planned: latencies not meaningful' : ''}`,
);

// the notice half, at 10:00 Shanghai the next morning (no 免打扰 in the way)
const morning = Date.parse('2026-11-26T02:00:00.000Z') - Date.now();
deps.now = () => new Date(Date.now() + morning).toISOString();
const n = await noticeBench(deps, organizationId, households);
const noticeOk = n.deliveries === n.households && n.enqueueMs <= 2_000;
console.log(
  `notice (${dialect}): ${n.households.toLocaleString('en')} households → ${n.deliveries.toLocaleString('en')} deliveries enqueued in ${Math.round(n.enqueueMs)} ms (target ≤ 2,000 ms); ` +
    `${n.sent.toLocaleString('en')} sent in ${n.sendSeconds.toFixed(1)} s (${Math.round(n.perSecond)}/s); ${JSON.stringify(n.byChannel)}; RSS ${n.rssMiB.start} → ${n.rssMiB.max} MiB`,
);
await database.close();
await drop();
process.exit(ok && noticeOk ? 0 : 1);
