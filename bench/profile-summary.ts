// Sums a V8 CPU profile's self time per function (the .cpuprofile files BENCH_CPU_PROFILE=<dir> writes):
//   npx tsx bench/profile-summary.ts <file.cpuprofile | dir> [--top=40] [--by=function|file]
// A directory: its newest .cpuprofile. Prints ms and % of the sampled time, largest first.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const target = args.find((a) => !a.startsWith('--'));
if (!target) throw new Error('usage: profile-summary.ts <file.cpuprofile | dir> [--top=40] [--by=function|file]');
const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
const by = args.find((a) => a.startsWith('--by='))?.slice(5) ?? 'function';

const file = statSync(target).isDirectory()
  ? readdirSync(target)
      .filter((f) => f.endsWith('.cpuprofile'))
      .map((f) => join(target, f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : target;
if (!file) throw new Error(`no .cpuprofile in ${target}`);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const keyOf = new Map<number, string>();
for (const n of profile.nodes) {
  const { functionName, url, lineNumber } = n.callFrame;
  const where = url.replace(/^.*\/(node_modules\/)/, '$1').replace(/^.*\//, '');
  keyOf.set(n.id, by === 'file' ? where || '(native)' : `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`);
}
const self = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  const key = keyOf.get(id) ?? '?';
  self.set(key, (self.get(key) ?? 0) + dt);
});
console.log(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${(us / 1000).toFixed(1).padStart(9)} ms ${((100 * us) / total).toFixed(1).padStart(5)}%  ${key}`);
