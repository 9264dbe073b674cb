import { addLocalDays } from '../notices/statutory.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { SurveyAnswerChannel, SurveyStatus } from '@guanjia/vocabulary';

export {
  SURVEY_ANSWER_CHANNELS,
  SURVEY_AREAS,
  SURVEY_SAMPLINGS,
  SURVEY_STATUSES,
  type SurveyAnswerChannel,
  type SurveyAnswerStatus,
  type SurveyArea,
  type SurveySampling,
  type SurveyStatus,
} from '@guanjia/vocabulary';

/**
 * A survey campaign's rules (SPEC §8; seed 001 外部评价, seed 000 每半年客户满意率调查): June and November
 * by default, distribution within 3 days of launch, recovery of ≥ 75% of the sample within 10 days;
 * draft → launched → closed; answers only while launched and up to the end date, once per household;
 * phone interviews capped at a share of the sample.
 */

/** The recovery window and target (回收期 10 天, 回收率 ≥ 75%). */
export const SURVEY_RECOVERY_DAYS = 10;
export const SURVEY_RECOVERY_TARGET = 0.75;
/** Distribution (发放) is due within this many days of launch. */
export const SURVEY_DISTRIBUTION_DAYS = 3;
/** At most this share of a campaign's sample may be answered by phone (staff-filled, so kept a minority). */
export const SURVEY_PHONE_CAP = 0.2;
/** The months of the half-yearly campaigns (六月, 十一月). */
export const SURVEY_MONTHS = [6, 11] as const;

/** The default period of the next campaign from `today`: the 1st of the next June or November (or today if that is one), for 10 days. */
export function defaultSurveyPeriod(today: string): { startsOn: string; endsOn: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let year = y;
  let month: number | undefined = SURVEY_MONTHS.find((x) => x > m || (x === m && d === 1));
  if (month === undefined) {
    year += 1;
    month = SURVEY_MONTHS[0];
  }
  const startsOn = `${year}-${String(month).padStart(2, '0')}-01`;
  return { startsOn, endsOn: addLocalDays(startsOn, SURVEY_RECOVERY_DAYS - 1) };
}

/** The period's checks: an end not before the start, and no longer than a quarter. */
export function checkSurveyPeriod(startsOn: string, endsOn: string): Refusal | null {
  if (endsOn < startsOn)
    return refuse('SURVEY_PERIOD_INVALID', 'endsOn', { reason: `结束日期早于开始日期（${startsOn}）`, reasonEn: `the end is before the start (${startsOn})` });
  if (endsOn > addLocalDays(startsOn, 92))
    return refuse('SURVEY_PERIOD_INVALID', 'endsOn', { reason: '调查期不能超过三个月', reasonEn: 'a survey runs at most three months' });
  return null;
}

export type SurveyAction = 'edit' | 'launch' | 'close' | 'answer';
const ALLOWED: Record<SurveyAction, SurveyStatus> = { edit: 'draft', launch: 'draft', close: 'launched', answer: 'launched' };
const ACTION_WORDS: Record<SurveyAction, [string, string]> = {
  edit: ['修改', 'edited'],
  launch: ['发起', 'launched'],
  close: ['结束', 'closed'],
  answer: ['作答', 'answered'],
};
const STATUS_WORDS: Record<SurveyStatus, [string, string]> = { draft: ['草稿', 'a draft'], launched: ['进行中', 'running'], closed: ['已结束', 'closed'] };

/** May this action be taken on a survey in this state? */
export function checkSurveyTransition(status: SurveyStatus, action: SurveyAction): Refusal | null {
  if (ALLOWED[action] === status) return null;
  return refuse('SURVEY_TRANSITION_NOT_ALLOWED', 'id', {
    status: STATUS_WORDS[status][0],
    statusEn: STATUS_WORDS[status][1],
    action: ACTION_WORDS[action][0],
    actionEn: ACTION_WORDS[action][1],
  });
}

/** Is an answer taken today (a local date)? Only while launched, from the start date to the end date. */
export function checkAnswerWindow(survey: { status: SurveyStatus; startsOn: string; endsOn: string }, today: string): Refusal | null {
  if (survey.status === 'draft') return refuse('SURVEY_NOT_OPEN', 'id', { reason: '调查尚未发起', reasonEn: 'it has not been launched' });
  if (survey.status === 'closed') return refuse('SURVEY_NOT_OPEN', 'id', { reason: '调查已结束', reasonEn: 'it is closed' });
  if (today < survey.startsOn)
    return refuse('SURVEY_NOT_OPEN', 'startsOn', {
      reason: `开始日期 ${survey.startsOn} 还没到`,
      reasonEn: `it starts on ${survey.startsOn}`,
    });
  if (today > survey.endsOn)
    return refuse('SURVEY_NOT_OPEN', 'id', { reason: `截止日期 ${survey.endsOn} 已过`, reasonEn: `its end date ${survey.endsOn} has passed` });
  return null;
}

/** The most phone answers a campaign of `sampled` households takes. */
export function phoneCap(sampled: number): number {
  return Math.floor(sampled * SURVEY_PHONE_CAP);
}

/** Is one more answer on this channel within the phone cap? */
export function checkPhoneCap(channel: SurveyAnswerChannel, phoneAnswers: number, sampled: number): Refusal | null {
  if (channel !== 'phone' || phoneAnswers < phoneCap(sampled)) return null;
  return refuse('SURVEY_PHONE_CAP_REACHED', 'channel', { percent: Math.round(SURVEY_PHONE_CAP * 100), cap: phoneCap(sampled) });
}

export interface SurveyItem {
  id: string;
  text: string;
  options: { score: number; label: string }[];
}

/** Every item answered with one of its options' scores; the first problem names the item (scores.<questionId>). */
export function checkAnswerScores(items: readonly SurveyItem[], scores: Readonly<Record<string, number>>): Refusal | null {
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const score = scores[item.id];
    if (score === undefined) return refuse('SURVEY_ANSWER_INCOMPLETE', `scores.${item.id}`, { number: i + 1, text: item.text });
    if (!item.options.some((o) => o.score === score)) return refuse('SURVEY_SCORE_INVALID', `scores.${item.id}`, { number: i + 1, score });
  }
  const known = new Set(items.map((x) => x.id));
  const stranger = Object.keys(scores).find((id) => !known.has(id));
  if (stranger) return refuse('SURVEY_QUESTION_NOT_FOUND', `scores.${stranger}`);
  return null;
}

/** A questionnaire code printed on paper: 8 characters without look-alikes (0/O, 1/I/L), from a number. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export function questionnaireCode(n: number): string {
  let x = Math.floor(Math.abs(n)) % CODE_ALPHABET.length ** 8;
  let out = '';
  for (let i = 0; i < 8; i += 1) {
    out = CODE_ALPHABET[x % CODE_ALPHABET.length] + out;
    x = Math.floor(x / CODE_ALPHABET.length);
  }
  return out;
}

/** Recovery per day: for each day of the window, the answers in by its end (cumulative) over the sample. `answers`: how many came in on each date. */
export function recoveryByDay(
  startsOn: string,
  days: number,
  answers: readonly { date: string; n: number }[],
  sampled: number,
): { date: string; answered: number; rate: number }[] {
  const perDay = new Map<string, number>();
  let before = 0;
  for (const a of answers) {
    if (a.date < startsOn) before += a.n;
    else perDay.set(a.date, (perDay.get(a.date) ?? 0) + a.n);
  }
  const out: { date: string; answered: number; rate: number }[] = [];
  for (let i = 0; i < days; i += 1) {
    const date = addLocalDays(startsOn, i);
    before += perDay.get(date) ?? 0;
    out.push({ date, answered: before, rate: sampled ? before / sampled : 0 });
  }
  return out;
}
