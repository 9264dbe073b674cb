// A server under load, in its own process so the load generator does not share its event loop.
// Modes: "empty" (a bare Fastify route: the ceiling) and "app" (the real app on a fresh database
// with the demo company, an agent signed in). The app also answers POST /api/bench/bare: the bare
// one-row insert (the intake's ceiling on this database): the same server stack (authentication,
// JSON body, the same pool), one INSERT of one row into a simple table, its own transaction
// (autocommit), answered after it is committed.
import Fastify from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { refreshPlannerStatistics } from '@guanjia/storage';
import { freshDatabase } from '@guanjia/storage/testing';
import { buildApp, createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { DEMO_PASSWORD, seedDemo } from '@guanjia/server/seed';
import { withErrors } from '@guanjia/api-contract';

const mode = process.argv[2];
const send = (msg: unknown) => process.send!(msg);

if (mode === 'empty') {
  const app = Fastify({ logger: false });
  app.post('/api/cases', async () => ({ ok: true }));
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  send({ type: 'ready', url: address });
  process.on('message', async (m: { type: string }) => {
    if (m.type === 'stop') {
      await app.close();
      process.exit(0);
    }
  });
} else {
  const { database, drop } = await freshDatabase({ poolSize: process.env.BENCH_PG_POOL ? Number(process.env.BENCH_PG_POOL) : 10 });
  const attachmentsDir = mkdtempSync(join(tmpdir(), 'guanjia-bench-'));
  const deps: AppDeps = {
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(Buffer.alloc(32, 1)),
    attachmentsDir,
    limits: DEFAULT_LIMITS,
  };
  const demo = await seedDemo(deps, { withCases: false });
  const app = await buildApp(deps);
  await sql`create table bench_bare (id varchar(64) primary key, body text not null, created_at varchar(32) not null)`.execute(database.db);
  const bareSchema = { body: z.record(z.string(), z.unknown()), response: withErrors({ 201: z.object({ id: z.string() }) }) };
  app.withTypeProvider<ZodTypeProvider>().post('/api/bench/bare', { schema: bareSchema }, async (request, reply) => {
    const id = deps.newId();
    await sql`insert into bench_bare (id, body, created_at) values (${id}, ${JSON.stringify(request.body)}, ${deps.now()})`.execute(database.db);
    return reply.status(201).send({ id });
  });
  const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'agent1', password: DEMO_PASSWORD } });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  const zhang = demo.owners.zhangwei!;
  send({
    type: 'ready',
    url: address,
    dialect: database.dialect,
    token: login.json().token,
    projectId: demo.projects.CUIHU!.id,
    ownerId: zhang.id,
    unitId: zhang.unitId,
  });
  // BENCH_CPU_PROFILE=<dir>: one V8 CPU profile per load phase (the bench names it), not one mixing them
  const profiler = process.env.BENCH_CPU_PROFILE ? new Session() : null;
  profiler?.connect();
  process.on('message', async (m: { type: string; name?: string }) => {
    if (m.type === 'profile-start' && profiler) {
      await profiler.post('Profiler.enable');
      await profiler.post('Profiler.start');
      send({ type: 'profile-started' });
    }
    if (m.type === 'profile-stop' && profiler) {
      const { profile } = await profiler.post('Profiler.stop');
      const file = join(process.env.BENCH_CPU_PROFILE!, `${m.name}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      send({ type: 'profile-stopped', file });
    }
    if (m.type === 'analyze') {
      await refreshPlannerStatistics(database, 'full');
      const { n } = await database.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      send({ type: 'analyzed', cases: Number(n) });
    }
    if (m.type === 'cpu') {
      const u = process.cpuUsage();
      send({ type: 'cpu', micros: u.user + u.system });
    }
    if (m.type === 'count') {
      // Requests still in flight when the load stopped finish on their own: count once the numbers settle.
      const n = async (t: 'cases' | 'caseEvents' | 'idempotencyKeys' | 'slaClocks') =>
        Number(
          (
            await database.db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const read = async () => ({
        cases: await n('cases'),
        events: await n('caseEvents'),
        idempotencyKeys: await n('idempotencyKeys'),
        clocks: await n('slaClocks'),
      });
      let counts = await read();
      for (let i = 0; i < 20; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        const again = await read();
        if (JSON.stringify(again) === JSON.stringify(counts)) break;
        counts = again;
      }
      send({ type: 'count', ...counts });
    }
    if (m.type === 'stop') {
      await app.close();
      await drop();
      rmSync(attachmentsDir, { recursive: true, force: true });
      process.exit(0);
    }
  });
}
