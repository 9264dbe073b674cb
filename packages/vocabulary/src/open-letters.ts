import type { Locale } from './locales.ts';

/**
 * The open letter (公开信, SPEC §8) that answers what many respondents of a satisfaction survey raised:
 * drafted in the console, submitted to the management representative (管理者代表), who approves it —
 * which posts it as a notice to the whole project — or returns it with a reason; then sent, with the
 * statistics table, to the quality department, which later verifies each of its promises.
 */
export const OPEN_LETTER_STATUSES = ['draft', 'submitted', 'returned', 'published'] as const;
export type OpenLetterStatus = (typeof OPEN_LETTER_STATUSES)[number];
export const OPEN_LETTER_STATUS_LABELS: Record<OpenLetterStatus, Record<Locale, string>> = {
  draft: { 'zh-CN': '草稿', en: 'Draft' },
  submitted: { 'zh-CN': '待管理者代表审批', en: 'Awaiting the management representative' },
  returned: { 'zh-CN': '已退回', en: 'Returned' },
  published: { 'zh-CN': '已发布', en: 'Posted' },
};

/** What the quality department found of a promise when it checked: kept, or not kept (with a note). */
export const LETTER_PROMISE_VERDICTS = ['kept', 'not_kept'] as const;
export type LetterPromiseVerdict = (typeof LETTER_PROMISE_VERDICTS)[number];
export const LETTER_PROMISE_VERDICT_LABELS: Record<LetterPromiseVerdict, Record<Locale, string>> = {
  kept: { 'zh-CN': '已兑现', en: 'Kept' },
  not_kept: { 'zh-CN': '未兑现', en: 'Not kept' },
};

/** Days allowed: the letter posted within two weeks of the survey's close; sent to the quality department within 5 days of posting. */
export const OPEN_LETTER_POST_WITHIN_DAYS = 14;
export const OPEN_LETTER_REPORT_WITHIN_DAYS = 5;
