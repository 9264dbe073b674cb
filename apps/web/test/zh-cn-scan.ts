import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import {
  CASE_COMMAND_TYPES,
  CASE_EVENT_TYPES,
  CASE_STATUSES,
  CASE_TYPES,
  CHANNELS,
  CLOCK_KINDS,
  CUSTOMER_GRADES,
  DEPARTMENT_KINDS,
  ESCALATION_STEPS,
  FIELD_NAMES,
  REPAIR_GRADES,
  REPAIR_SCOPES,
  STAFF_ROLES,
} from '@guanjia/vocabulary';

/**
 * The zh-CN scan every browser test uses: what must never be visible on a Chinese screen — Ant Design's
 * own English (its locale not reaching a component), snake_case codes, camelCase and dotted keys
 * (`assigneeId`, `command.content`), bare enum words and field keys (`dispatch`, `assignee`, `description`).
 */
/** Ant Design's English, when its locale does not reach a component. */
const ANTD_ENGLISH = [
  /\bNo data\b/,
  /\bOK\b/,
  /\bCancel\b/,
  /\bPlease\b/,
  /\bSelect date\b/,
  /\bToday\b/,
  /\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b/,
  /\b(?:Su|Mo|Tu|We|Th|Fr|Sa)\b/,
];
// letters only as the edges: the page's text runs words into numbers ("sla_digest22 ×"), so \b would miss them
const SNAKE = /(?<![A-Za-z])[a-z]+_[a-z_]+(?![a-z])/g;
const WORD = /(?<![A-Za-z])[a-z]+(?![A-Za-z])/g;
/** a camelCase key: lower-case letters, then a capital (assigneeId, ownerDeadlineAt) */
const CAMEL = /(?<![A-Za-z])[a-z]+[A-Z][A-Za-z]*(?![A-Za-z])/g;
/** a dotted key (command.content, query.departmentId); an e-mail address or a file name is no key: see isDottedKey */
const DOTTED = /(?<![\w.@])[a-z][A-Za-z]*(?:\.[a-z][A-Za-z]*)+(?![\w@])/g;
const KEY_PREFIXES = new Set(['command', 'query', 'body', 'params', 'languageOverride', 'caller']);
/** Every closed word list of the vocabulary (commands, escalation steps, department kinds, field keys too), plus the archive's and the clocks' words: none may show raw. */
const ENUM_WORDS = new Set<string>(
  [
    ...CASE_STATUSES,
    ...CASE_TYPES,
    ...CHANNELS,
    ...REPAIR_GRADES,
    ...REPAIR_SCOPES,
    ...CUSTOMER_GRADES,
    ...STAFF_ROLES,
    ...CLOCK_KINDS,
    ...CASE_EVENT_TYPES,
    ...CASE_COMMAND_TYPES,
    ...ESCALATION_STEPS,
    ...DEPARTMENT_KINDS,
    ...Object.keys(FIELD_NAMES),
    ...['phone', 'email', 'wechat', 'occupant', 'office', 'company', 'met', 'breached', 'cancelled', 'resolved', 'staff', 'system', 'inbound', 'outbound'],
  ].filter((w) => !w.includes('_')),
);

/** `command.content` is a key; `photo.png` or `guanjia.example` is not: a key's segments are our prefixes or field names. */
function isDottedKey(s: string): boolean {
  const parts = s.split('.');
  return KEY_PREFIXES.has(parts[0]!) || parts.some((p) => p in FIELD_NAMES || /[A-Z]/.test(p));
}

/** The visible text's offences: Ant Design's English, snake_case codes, camelCase and dotted keys, bare enum words and field keys. */
export async function offences(page: Page, allowed: readonly (string | RegExp)[] = []): Promise<string[]> {
  return offencesIn(await page.evaluate(() => document.body.innerText), allowed);
}

/** The offences of a text (what `offences` finds on a page; tested on its own in zh-cn-scan.test.ts). */
export function offencesIn(shown: string, allowed: readonly (string | RegExp)[] = []): string[] {
  let text = shown;
  for (const a of allowed) text = text.replaceAll(a, ' ');
  const found = new Set<string>();
  for (const re of ANTD_ENGLISH) {
    const m = re.exec(text);
    if (m) found.add(`antd: ${m[0]}`);
  }
  for (const c of codesIn(text)) found.add(c);
  for (const m of text.matchAll(WORD)) if (ENUM_WORDS.has(m[0])) found.add(`enum: ${m[0]}`);
  return [...found];
}

/** The raw codes of a text, in any language: snake_case codes, camelCase and dotted keys (the English pass uses these alone). */
export function codesIn(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(SNAKE)) found.add(`code: ${m[0]}`);
  for (const m of text.matchAll(CAMEL)) found.add(`key: ${m[0]}`);
  for (const m of text.matchAll(DOTTED)) if (isDottedKey(m[0])) found.add(`key: ${m[0]}`);
  return [...found];
}

export async function expectClean(page: Page, where: string, allowed: readonly (string | RegExp)[] = []) {
  await page.waitForTimeout(400);
  expect(await offences(page, allowed), where).toEqual([]);
}
