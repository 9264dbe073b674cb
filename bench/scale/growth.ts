// How each figure grows between two sizes of the scale bench (issue 11, item 1): reads
// bench/results/scale-<db>-<small>.json and scale-<db>-<large>.json (written by `npm run bench -- scale`)
// and writes bench/results/scale-<db>-growth-<small>-<large>.md. A flat figure (an index look-up) stays
// near ×1 while the data grows; a scan grows with it.
//
//   npx tsx bench/scale/growth.ts --db=sqlite --from=1000000 --to=3000000
//   npx tsx bench/scale/growth.ts --db=postgres --from=1000000 --to=3000000 --only=work-queue   # the results of --only=work,queue runs
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

interface Endpoint {
  label: string;
  users: number;
  p50: number;
  p95: number;
  perSecond: number;
}
interface Result {
  cases: number;
  bytesPerCase: number;
  rss: { start: number; max: number; rest: number };
  endpoints: Endpoint[];
  at: string;
}

const flag = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const db = flag('db') ?? 'sqlite';
const from = Number(flag('from') ?? 1_000_000);
const to = Number(flag('to') ?? 3_000_000);
// the files of runs with --only=a,b are named scale-<db>-<N>-a-b
const only = flag('only');
const suffix = only ? `-${only}` : '';
const dir = join(import.meta.dirname, '..', 'results');
const read = (n: number) => JSON.parse(readFileSync(join(dir, `scale-${db}-${n}${suffix}.json`), 'utf8')) as Result;
const small = read(from);
const large = read(to);

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));
const ratio = (a: number, b: number) => `×${(b / a).toFixed(2)}`;
const mib = (x: number) => (x / 1048576).toFixed(0);
const n = (x: number) => x.toLocaleString('en');

const lines = [
  `# Growth on ${db}: ${n(from)} → ${n(to)} cases`,
  '',
  `From \`scale-${db}-${from}${suffix}.json\` (${small.at}) and \`scale-${db}-${to}${suffix}.json\` (${large.at}); written by`,
  `\`npx tsx bench/scale/growth.ts --db=${db} --from=${from} --to=${to}${only ? ` --only=${only}` : ''}\`. The data grows ×${(to / from).toFixed(1)}; a figure that`,
  `stays near ×1 is an index look-up, one that grows ×${(to / from).toFixed(1)} a scan. One user (p50: the cost of one request) and`,
  'ten users (p95: what a user waits for when ten work at once on this 2-core machine, client included).',
  '',
  `- bytes per case: ${n(Math.round(small.bytesPerCase))} → ${n(Math.round(large.bytesPerCase))}`,
  `- server RSS max: ${mib(small.rss.max)} → ${mib(large.rss.max)} MiB (after start ${mib(small.rss.start)} → ${mib(large.rss.start)} MiB)`,
  '',
  `| endpoint | 1 user p50 ms at ${n(from)} | at ${n(to)} | growth | 10 users p95 ms at ${n(from)} | at ${n(to)} | growth |`,
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
];
for (const e of small.endpoints.filter((x) => x.users === 1)) {
  const s10 = small.endpoints.find((x) => x.label === e.label && x.users === 10);
  const l1 = large.endpoints.find((x) => x.label === e.label && x.users === 1);
  const l10 = large.endpoints.find((x) => x.label === e.label && x.users === 10);
  if (!s10 || !l1 || !l10) continue;
  lines.push(`| ${e.label} | ${ms(e.p50)} | ${ms(l1.p50)} | ${ratio(e.p50, l1.p50)} | ${ms(s10.p95)} | ${ms(l10.p95)} | ${ratio(s10.p95, l10.p95)} |`);
}
const out = join(dir, `scale-${db}-growth-${from}-${to}${suffix}.md`);
writeFileSync(out, `${lines.join('\n')}\n`);
console.log(`written ${out}`);
