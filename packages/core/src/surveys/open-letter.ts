import { OPEN_LETTER_POST_WITHIN_DAYS, OPEN_LETTER_REPORT_WITHIN_DAYS, type OpenLetterStatus } from '@guanjia/vocabulary';
import { refuse, type Refusal } from '../shared/errors.ts';

export { LETTER_PROMISE_VERDICTS, OPEN_LETTER_STATUSES, type LetterPromiseVerdict, type OpenLetterStatus } from '@guanjia/vocabulary';

/**
 * The open letter (公开信, SPEC §8): what many respondents of a closed survey raised, answered in one
 * letter with promises. Drafted and edited (draft, or returned) by whoever may write notices or run
 * surveys in the project; submitted to the management representative, who approves it — posting it
 * as a notice to the whole project at once — or returns it with a reason. Never by its own author.
 * Posted within two weeks of the survey's close; within 5 days of posting, the letter and the
 * statistics go to the quality department, which later verifies each promise (kept / not kept).
 */
export type OpenLetterAction = 'edit' | 'submit' | 'approve' | 'return' | 'report' | 'verify';

const ALLOWED_FROM: Record<OpenLetterAction, readonly OpenLetterStatus[]> = {
  edit: ['draft', 'returned'],
  submit: ['draft', 'returned'],
  approve: ['submitted'],
  return: ['submitted'],
  report: ['published'],
  verify: ['published'],
};
const ACTION_WORDS: Record<OpenLetterAction, [string, string]> = {
  edit: ['修改', 'edited'],
  submit: ['提交审批', 'submitted'],
  approve: ['批准发布', 'approved'],
  return: ['退回', 'returned'],
  report: ['报送品质部', 'sent to the quality department'],
  verify: ['核实承诺', 'verified'],
};
const STATUS_WORDS: Record<OpenLetterStatus, [string, string]> = {
  draft: ['草稿', 'a draft'],
  submitted: ['待审批', 'awaiting approval'],
  returned: ['已退回', 'returned'],
  published: ['已发布', 'posted'],
};

export interface OpenLetterFacts {
  status: OpenLetterStatus;
  draftedBy: string;
  reportedAt: string | null;
  promiseCount: number;
}

/** May `actorId` take this action on a letter in this state? (The rights themselves are the service's check.) */
export function checkOpenLetterAction(letter: OpenLetterFacts, action: OpenLetterAction, actorId: string): Refusal | null {
  if (!ALLOWED_FROM[action].includes(letter.status))
    return refuse('OPEN_LETTER_TRANSITION_NOT_ALLOWED', 'id', {
      status: STATUS_WORDS[letter.status][0],
      statusEn: STATUS_WORDS[letter.status][1],
      action: ACTION_WORDS[action][0],
      actionEn: ACTION_WORDS[action][1],
    });
  if (action === 'submit' && letter.promiseCount === 0) return refuse('OPEN_LETTER_NO_PROMISES', 'promises');
  if ((action === 'approve' || action === 'return') && letter.draftedBy === actorId) return refuse('OPEN_LETTER_OWN', 'id');
  if (action === 'report' && letter.reportedAt) return refuse('OPEN_LETTER_ALREADY_REPORTED', 'id', { reportedAt: letter.reportedAt });
  return null;
}

const DAY = 86_400_000;

/** The letter's two deadlines: posted within 14 days of the survey's close; reported within 5 days of posting. */
export function openLetterDeadlines(surveyClosedAt: string, publishedAt: string | null): { postBy: string; reportBy: string | null } {
  return {
    postBy: new Date(Date.parse(surveyClosedAt) + OPEN_LETTER_POST_WITHIN_DAYS * DAY).toISOString(),
    reportBy: publishedAt ? new Date(Date.parse(publishedAt) + OPEN_LETTER_REPORT_WITHIN_DAYS * DAY).toISOString() : null,
  };
}

/** A deadline's state: met or late once done; running or overdue while not. */
export type DeadlineState = 'running' | 'overdue' | 'met' | 'late';
export function deadlineState(dueAt: string, doneAt: string | null, now: string): DeadlineState {
  if (doneAt) return doneAt <= dueAt ? 'met' : 'late';
  return now > dueAt ? 'overdue' : 'running';
}

export interface LetterStatisticsInput {
  surveyTitle: string;
  households: number;
  rate: number | null;
  items: readonly { text: string; rate: number | null; answers: number }[];
  target: number;
}

/**
 * The draft the console opens with (编辑后提交): the survey's headline figures and the items most
 * owners were unhappy with, lowest rate first — those under the target, or else the three lowest —
 * each a paragraph the writer answers with what will be done and by when.
 */
export function draftOpenLetter(s: LetterStatisticsInput): { title: string; body: string; raised: string[] } {
  const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
  const rated = s.items.filter((i) => i.rate !== null && i.answers > 0).sort((a, b) => a.rate! - b.rate!);
  const under = rated.filter((i) => i.rate! < s.target);
  const raised = (under.length ? under : rated.slice(0, 3)).map((i) => i.text);
  const lines = [
    '尊敬的各位业主：',
    '',
    `感谢您参加“${s.surveyTitle}”。本次调查共回收有效问卷 ${s.households} 份，总体满意率 ${pct(s.rate)}。`,
    '对大家反映较多的问题，我们的说明和改进承诺如下：',
    ...raised.map((text, i) => `${i + 1}. ${text}（满意率 ${pct(rated.find((x) => x.text === text)!.rate)}）：`),
    '',
    '欢迎您继续监督我们的工作。',
  ];
  return { title: `致全体业主的公开信：${s.surveyTitle}的回复`, body: lines.join('\n'), raised };
}
