import { refuse, type Refusal } from '../shared/errors.ts';
import type { SurveyItem } from '../surveys/campaign.ts';
import type { SelfEvaluationRoundStatus, SelfEvaluationStatus } from '@guanjia/vocabulary';

export { SELF_EVALUATION_ROUND_STATUSES, SELF_EVALUATION_STATUSES, type SelfEvaluationRoundStatus, type SelfEvaluationStatus } from '@guanjia/vocabulary';

/**
 * Staff self-evaluation forms (员工自评, issue 14 item 4, decision 0033): a round asks every active staff
 * member of its projects to score themselves on the round's 5-point items and write what they did,
 * where they fell short and what they will do; the person saves and submits their own form while the
 * round is open, and a manager of their projects (not themself) reviews it with a comment.
 */

export type SelfEvaluationAction = 'save' | 'submit' | 'review';
const ALLOWED: Record<SelfEvaluationAction, SelfEvaluationStatus> = { save: 'pending', submit: 'pending', review: 'submitted' };
const ACTION_WORDS: Record<SelfEvaluationAction, [string, string]> = {
  save: ['修改', 'changed'],
  submit: ['提交', 'submitted'],
  review: ['评阅', 'reviewed'],
};
const STATUS_WORDS: Record<SelfEvaluationStatus, [string, string]> = {
  pending: ['尚未提交', 'not submitted yet'],
  submitted: ['已提交', 'submitted'],
  reviewed: ['已评阅', 'reviewed'],
};

/** May this action be taken on a form in this state, in a round in this state (a closed round changes nothing)? */
export function checkSelfEvaluationStep(status: SelfEvaluationStatus, roundStatus: SelfEvaluationRoundStatus, action: SelfEvaluationAction): Refusal | null {
  if (roundStatus === 'closed' && action !== 'review') return refuse('SELF_EVALUATION_ROUND_CLOSED', 'id');
  if (ALLOWED[action] === status) return null;
  return refuse('SELF_EVALUATION_TRANSITION_NOT_ALLOWED', 'id', {
    status: STATUS_WORDS[status][0],
    statusEn: STATUS_WORDS[status][1],
    action: ACTION_WORDS[action][0],
    actionEn: ACTION_WORDS[action][1],
  });
}

/** Only the person fills in and submits their form; nobody reviews their own. */
export function checkSelfEvaluationActor(action: SelfEvaluationAction, actorId: string, staffId: string): Refusal | null {
  if (action === 'review') return actorId === staffId ? refuse('SELF_EVALUATION_OWN_REVIEW', 'id') : null;
  return actorId === staffId ? null : refuse('SELF_EVALUATION_NOT_OWN', 'id');
}

/**
 * The scores of a form: each one of its item's options; a save may leave items out, a submission needs
 * them all and the summary (工作总结). The first problem names its field.
 */
export function checkSelfEvaluationContent(
  items: readonly SurveyItem[],
  form: { scores: Readonly<Record<string, number>>; summary: string | null },
  complete: boolean,
): Refusal | null {
  const known = new Set(items.map((x) => x.id));
  const stranger = Object.keys(form.scores).find((id) => !known.has(id));
  if (stranger) return refuse('SURVEY_QUESTION_NOT_FOUND', `scores.${stranger}`);
  for (let i = 0; i < items.length; i += 1) {
    const item = items[i]!;
    const score = form.scores[item.id];
    if (score === undefined) {
      if (complete) return refuse('SURVEY_ANSWER_INCOMPLETE', `scores.${item.id}`, { number: i + 1, text: item.text });
      continue;
    }
    if (!item.options.some((o) => o.score === score)) return refuse('SURVEY_SCORE_INVALID', `scores.${item.id}`, { number: i + 1, score });
  }
  if (complete && !form.summary?.trim()) return refuse('FIELD_REQUIRED', 'summary');
  return null;
}

/** The mean of a form's scores (null when none is given). */
export function selfEvaluationMean(scores: Readonly<Record<string, number>>): number | null {
  const values = Object.values(scores);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}

/** Submitted after the round's due date (a local date)? */
export function submittedLate(submittedOn: string | null, dueOn: string): boolean {
  return submittedOn !== null && submittedOn > dueOn;
}
