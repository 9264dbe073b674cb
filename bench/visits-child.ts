// The visit-plan bench in its own process per database (GUANJIA_TEST_DB): a fresh database with the
// demo company, then visitPlanBench (bench/visits-bench.ts) over BENCH_VISIT_HOUSEHOLDS homes (default 20,000).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshDatabase } from '@guanjia/storage/testing';
import { createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { seedDemo } from '@guanjia/server/seed';
import { visitPlanBench } from './visits-bench.ts';

const households = Number(process.env.BENCH_VISIT_HOUSEHOLDS ?? 20_000);
const dialect = process.env.GUANJIA_TEST_DB ?? 'sqlite';
const { database, drop } = await freshDatabase({ poolSize: 10 });
// 10:00 Shanghai on 2026-11-25: the plan made is December's
const offset = Date.parse('2026-11-25T02:00:00.000Z') - Date.now();
const deps: AppDeps = {
  database,
  now: () => new Date(Date.now() + offset).toISOString(),
  newId: createIdGenerator(),
  cipher: createFieldCipher(Buffer.alloc(32, 7)),
  attachmentsDir: mkdtempSync(join(tmpdir(), 'guanjia-visits-')),
  limits: DEFAULT_LIMITS,
};
await seedDemo(deps, { withCases: false });
const organizationId = (await database.db.selectFrom('organizations').select('id').where('isDemo', '=', 1).executeTakeFirstOrThrow()).id;
const r = await visitPlanBench(deps, organizationId, households);
console.log(
  `visit plan (${dialect}): ${r.households.toLocaleString('en')} households, ${r.planned.toLocaleString('en')} visits planned — generate ${(r.generateMs / 1000).toFixed(2)} s, regenerate ${(r.regenerateMs / 1000).toFixed(2)} s over HTTP (target < 2 s); core's rule alone ${r.coreMs.toFixed(0)} ms`,
);
await database.close();
await drop();
process.exit(r.generateMs < 2000 && r.regenerateMs < 2000 ? 0 : 1);
