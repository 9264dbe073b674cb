#!/usr/bin/env node
// Regenerates packages/core/src/access/common-passwords.ts, the list of common passwords that the
// password policy refuses. Reproducible:
//
//   npm pack zxcvbn@4.4.2 && tar xzf zxcvbn-4.4.2.tgz
//   node scripts/generate-common-passwords.mjs package/lib/frequency_lists.js
//
// Sources: (1) the 30,000 most frequent passwords of the leaked-password corpus that zxcvbn 4.4.2
// ships (MIT; its `passwords` frequency list, compiled from Mark Burnett's 10-million-password set);
// (2) passwords composed here that Chinese users favour (woaini1314, qq123456789, a123456789, …),
// digit runs and keyboard walks. Everything is lower-cased (the policy compares lower-case), and
// only entries of at least 10 characters are kept: shorter ones are refused by the length rule.
import { readFileSync, writeFileSync } from 'node:fs';

const MIN_LENGTH = 10;
const source = process.argv[2];
if (!source) {
  console.error('usage: node scripts/generate-common-passwords.mjs <zxcvbn>/lib/frequency_lists.js');
  process.exit(2);
}
const leaked = /passwords: "([^"]*)"/.exec(readFileSync(source, 'utf8'))?.[1]?.split(',');
if (!leaked || leaked.length < 20_000) throw new Error(`no passwords list in ${source}`);

const composed = new Set();
// digit runs: 0123456789, 1234567890, 9876543210 and their longer forms; one digit repeated; pairs repeated
for (let len = MIN_LENGTH; len <= 16; len++) {
  for (let start = 0; start <= 9; start++) {
    composed.add(Array.from({ length: len }, (_, i) => String((start + i) % 10)).join(''));
    composed.add(Array.from({ length: len }, (_, i) => String((start - i + 100) % 10)).join(''));
    composed.add(String(start).repeat(len));
  }
}
for (let a = 0; a <= 9; a++) for (let b = 0; b <= 9; b++) if (a !== b) for (const len of [10, 12]) composed.add(`${a}${b}`.repeat(len / 2));
// keyboard walks
const walks = [
  'qwertyuiop',
  'asdfghjkl',
  'zxcvbnm',
  '1qaz2wsx3edc',
  '1qaz2wsx3edc4rfv',
  'qazwsxedc',
  'qazwsxedcrfv',
  'zaq12wsx',
  'zaq1xsw2',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  'q1w2e3r4t5',
  'q1w2e3r4t5y6',
  'qweasdzxc',
  '123qweasdzxc',
  'asdfghjkl;',
  'poiuytrewq',
  'mnbvcxz',
  'qwertyuiop[]',
  '1234qwerasdfzxcv',
  'qwer1234',
  'asdf1234',
  'zxcv1234',
  '!qaz@wsx',
  '1qaz@wsx',
  '1qaz!qaz',
  'qwe123qwe',
  'asd123asd',
  'zxc123zxc',
  'abcdefghij',
  'abcdefghijk',
  'abcdefghijkl',
  'abc123abc123',
  'aaaaaaaaaa',
];
for (const w of walks) {
  composed.add(w);
  for (const suffix of ['', '1', '12', '123', '1234', '!', '!@#', '123456']) composed.add(w + suffix);
}
// words with digits: the usual English ones and the Chinese favourites (我爱你 woaini, 一生一世 1314, 我爱你 520 …)
const words = [
  'password',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'admin',
  'administrator',
  'root',
  'welcome',
  'letmein',
  'iloveyou',
  'qwerty',
  'abc',
  'abcd',
  'abcde',
  'abcdef',
  'a',
  'aa',
  'aaa',
  'q',
  'qq',
  'qaz',
  'qwe',
  'asd',
  'zxc',
  'wsx',
  'woaini',
  'woaiwojia',
  'woaimama',
  'woaibaobao',
  'aini',
  'iloveu',
  'love',
  'wangyi',
  'baidu',
  'taobao',
  'weixin',
  'wechat',
  'alipay',
  'zhifubao',
  'zhongguo',
  'china',
  'beijing',
  'shanghai',
  'shenzhen',
  'guangzhou',
  'hangzhou',
  'wuye',
  'kefu',
  'guanjia',
  'guanli',
  'yezhu',
  'xiaoqu',
  'zhang',
  'wang',
  'li',
  'liu',
  'chen',
  'yang',
  'zhao',
  'huang',
  'zhou',
  'wu',
  'xu',
  'sun',
  'ma',
  'zhu',
  'hu',
  'lin',
  'guo',
  'he',
  'gao',
  'luo',
  'zheng',
  'liang',
  'xie',
  'tang',
  'xiaoming',
  'xiaohong',
  'xiaoli',
  'laoban',
  'laopo',
  'laogong',
  'baobao',
  'tiantian',
  'kaixin',
  'xingfu',
  'pingan',
  'facai',
  'hello',
  'test',
  'guest',
  'user',
  'system',
  'manager',
  'service',
  'support',
  'qweasd',
  'qweqwe',
  'asdasd',
  'zxczxc',
  'monkey',
  'dragon',
  'football',
  'baseball',
  'master',
  'shadow',
  'sunshine',
  'princess',
  'superman',
  'batman',
  'michael',
  'jordan',
  'charlie',
  'freedom',
  'trustno1',
];
const numbers = [
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  '12345678',
  '123456789',
  '1234567890',
  '0',
  '00',
  '000',
  '0000',
  '000000',
  '111',
  '111111',
  '666',
  '666666',
  '888',
  '888888',
  '999',
  '999999',
  '520',
  '521',
  '1314',
  '5201314',
  '1314520',
  '521314',
  '201314',
  '1314521',
  '110',
  '119',
  '2008',
  '2010',
  '2012',
  '2018',
  '2019',
  '2020',
  '2021',
  '2022',
  '2023',
  '2024',
  '2025',
  '2026',
  '2027',
  '123123',
  '123321',
  '112233',
  '147258',
  '147258369',
  '159357',
  '987654321',
  '654321',
  '147',
  '258',
  '369',
  '168',
  '518',
  '!',
  '!@#',
  '!@#$',
  '@123',
  '#123',
  '.',
  '..',
  '123!',
  '123.',
  '123456!',
  '@123456',
];
for (const w of words) {
  for (const n of numbers) {
    composed.add(w + n);
    composed.add(n + w);
  }
  composed.add(w + w);
  composed.add(w + w + w);
}
// numbers Chinese users pick as passwords: 5201314 (我爱你一生一世), 1314520, lucky eights and sixes, pi
for (const n of [
  '5201314',
  '1314520',
  '52013145201314',
  '5201314520',
  '1314521',
  '13145201314',
  '3141592653',
  '31415926535',
  '147258369',
  '159753',
  '741852963',
  '789456123',
  '1472583690',
  '3692581470',
  '9517538246',
  '1357924680',
  '2468013579',
  '1122334455',
  '11223344556',
  '1234554321',
  '12344321',
  '0987654321',
  '110110110110',
  '1231231231',
  '1212121212',
  '88888888',
  '66666666',
  '11111111',
  '00000000',
  '12121212',
  '12341234',
  '1234512345',
  '123456654321',
  '1234567890123',
]) {
  for (const suffix of ['', '0', '1', '00', 'a', 'aa', 'abc']) composed.add(n + suffix);
  for (const prefix of ['a', 'aa', 'abc', 'qq', 'wo', 'woaini']) composed.add(prefix + n);
}

const all = new Set();
for (const p of [...leaked, ...composed]) {
  const lower = p.toLowerCase();
  if (lower.length >= MIN_LENGTH && /^[\x21-\x7e]+$/.test(lower)) all.add(lower);
}
const sorted = [...all].sort();
const target = new URL('../packages/core/src/access/common-passwords.ts', import.meta.url);
writeFileSync(
  target,
  `// Generated by scripts/generate-common-passwords.mjs (see there for the sources); do not edit by hand.
/**
 * Common passwords of at least 10 characters, lower-case (常见弱口令): the password policy refuses
 * any password whose lower-case form is one of these. ${sorted.length} entries.
 */
export const COMMON_PASSWORDS: readonly string[] = [
${sorted.map((p) => `  ${JSON.stringify(p)},`).join('\n')}
];
`,
);
console.log(`${sorted.length} common passwords written to ${target.pathname}`);
