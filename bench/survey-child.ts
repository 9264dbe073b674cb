// The survey bench (issue 14, "Speed") in its own process per database (GUANJIA_TEST_DB), on a fresh database:
// 1. core's stratified sample over BENCH_SURVEY_HOUSEHOLDS (1,000,000) households in BENCH_SURVEY_BUILDINGS (5,000)
//    buildings at 30%, the pure function alone (target < 1 s), then the answer rows of that sample written in one
//    transaction (insertSurveyAnswers: unnest on PostgreSQL, rows of ? on SQLite), measured apart;
// 2. statistics over BENCH_SURVEY_ANSWERS (300,000) answers (an answer: one household's score on one item; 10 items
//    over the buildings): the database's GROUP BY (surveyScoreTallies) and core's surveyStatistics (target < 1 s);
// 3. the month's visit plan of a project of BENCH_VISIT_HOUSEHOLDS (20,000) homes (visitPlanBench, target < 2 s).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drawSample, questionnaireCode, surveyStatistics } from '@guanjia/core';
import { createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { seedDemo } from '@guanjia/server/seed';
import { insertSurveyAnswers, surveyScoreTallies, type SurveyAnswerRecord } from '@guanjia/storage';
import { freshDatabase } from '@guanjia/storage/testing';
import { visitPlanBench } from './visits-bench.ts';

const households = Number(process.env.BENCH_SURVEY_HOUSEHOLDS ?? 1_000_000);
const buildings = Number(process.env.BENCH_SURVEY_BUILDINGS ?? 5_000);
const answers = Number(process.env.BENCH_SURVEY_ANSWERS ?? 300_000);
const visitHouseholds = Number(process.env.BENCH_VISIT_HOUSEHOLDS ?? 20_000);
const dialect = process.env.GUANJIA_TEST_DB ?? 'sqlite';
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const fmt = (n: number) => n.toLocaleString('en');

const { database, drop } = await freshDatabase({ poolSize: 10 });
const newId = createIdGenerator();

// 1. the sample: buildings b00000…, their households in id order (as the repository reads them); in a function, so
// its million ids are garbage before the statistics are timed
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
async function sampleAndInsert() {
  const perBuilding = Math.ceil(households / buildings);
  const strata = Array.from({ length: buildings }, (_, b) => {
    const key = `b${String(b).padStart(5, '0')}`;
    return { key, members: Array.from({ length: perBuilding }, (_, u) => `${key}-u${String(u).padStart(4, '0')}`) };
  });
  gc();
  let start = process.hrtime.bigint();
  const sample = drawSample(strata, { rate: 0.3, seed: 20261125 });
  const sampleMs = ms(start);
  const rows: SurveyAnswerRecord[] = sample.households.map((h, i) => ({
    id: newId(),
    surveyId: 'bench-survey',
    organizationId: 'bench-org',
    projectId: 'bench-project',
    buildingId: h.key,
    unitId: h.id,
    code: questionnaireCode(i * 104729 + 1),
    status: 'pending',
    channel: null,
    answeredAt: null,
    answeredOn: null,
    ownerId: null,
    enteredBy: null,
    comment: null,
    stewardId: null,
  }));
  gc();
  start = process.hrtime.bigint();
  await database.write((db) => insertSurveyAnswers(db, rows));
  const insertMs = ms(start);
  console.log(
    `survey sample (${dialect}): ${fmt(sample.total)} of ${fmt(strata.length * perBuilding)} households in ${fmt(buildings)} buildings — core's draw ${sampleMs.toFixed(0)} ms (target < 1 s); ${fmt(rows.length)} answer rows written in ${(insertMs / 1000).toFixed(2)} s`,
  );
  return sampleMs;
}
const sampleMs = await sampleAndInsert();

// 2. statistics: `answers` scores of 10 items over the buildings, scores 1–5 skewed to 4
const items = Array.from({ length: 10 }, (_, i) => `q${i}`);
const CHUNK = 5000;
for (let i = 0; i < answers; i += CHUNK) {
  const chunk: { answerId: string; questionId: string; surveyId: string; buildingId: string; score: number }[] = [];
  for (let j = i; j < Math.min(answers, i + CHUNK); j += 1) {
    const household = Math.floor(j / items.length);
    chunk.push({
      answerId: `a${household}`,
      questionId: items[j % items.length]!,
      surveyId: 'bench-survey',
      buildingId: `b${String(household % buildings).padStart(5, '0')}`,
      score: [5, 4, 4, 4, 3, 5, 2, 4, 1, 5][(j * 7) % 10]!,
    });
  }
  await database.write((db) => db.insertInto('surveyScores').values(chunk).execute());
}
const buildingIds = Array.from({ length: buildings }, (_, b) => `b${String(b).padStart(5, '0')}`);
gc();
await surveyScoreTallies(database.db, 'bench-survey'); // warm
let start = process.hrtime.bigint();
const tallies = await surveyScoreTallies(database.db, 'bench-survey');
const groupMs = ms(start);
start = process.hrtime.bigint();
const stats = surveyStatistics(tallies, items, buildingIds);
const coreMs = ms(start);
console.log(
  `survey statistics (${dialect}): ${fmt(stats.project.answers)} answers → ${fmt(tallies.length)} tallies — GROUP BY ${groupMs.toFixed(0)} ms + core ${coreMs.toFixed(1)} ms = ${(groupMs + coreMs).toFixed(0)} ms (target < 1 s); rate ${(stats.project.rate! * 100).toFixed(1)}%`,
);

// 3. the visit plan (bench/visits-bench.ts)
const offset = Date.parse('2026-11-25T02:00:00.000Z') - Date.now();
const deps: AppDeps = {
  database,
  now: () => new Date(Date.now() + offset).toISOString(),
  newId,
  cipher: createFieldCipher(Buffer.alloc(32, 7)),
  attachmentsDir: mkdtempSync(join(tmpdir(), 'guanjia-survey-')),
  limits: DEFAULT_LIMITS,
};
await seedDemo(deps, { withCases: false });
const organizationId = (await database.db.selectFrom('organizations').select('id').where('isDemo', '=', 1).executeTakeFirstOrThrow()).id;
const plan = await visitPlanBench(deps, organizationId, visitHouseholds);
console.log(
  `visit plan (${dialect}): ${fmt(plan.households)} households, ${fmt(plan.planned)} visits — generate ${(plan.generateMs / 1000).toFixed(2)} s over HTTP (target < 2 s)`,
);
await database.close();
await drop();
process.exit(sampleMs < 1000 && groupMs + coreMs < 1000 && plan.generateMs < 2000 ? 0 : 1);
