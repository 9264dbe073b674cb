import { describe, expect, it } from 'vitest';
import { checkSelfEvaluationActor, checkSelfEvaluationContent, checkSelfEvaluationStep, selfEvaluationMean, submittedLate } from './self-evaluation.ts';

const options = [5, 4, 3, 2, 1].map((score) => ({ score, label: String(score) }));
const items = [
  { id: 'work', text: '工作完成情况', options },
  { id: 'attitude', text: '服务态度', options },
];

describe('self-evaluation forms (员工自评)', () => {
  it('is saved and submitted while pending and the round open, reviewed once submitted (even after the round closed)', () => {
    expect(checkSelfEvaluationStep('pending', 'open', 'save')).toBeNull();
    expect(checkSelfEvaluationStep('pending', 'open', 'submit')).toBeNull();
    expect(checkSelfEvaluationStep('submitted', 'open', 'save')).toMatchObject({ code: 'SELF_EVALUATION_TRANSITION_NOT_ALLOWED' });
    expect(checkSelfEvaluationStep('pending', 'closed', 'save')).toMatchObject({ code: 'SELF_EVALUATION_ROUND_CLOSED' });
    expect(checkSelfEvaluationStep('submitted', 'closed', 'review')).toBeNull();
    expect(checkSelfEvaluationStep('pending', 'open', 'review')).toMatchObject({ code: 'SELF_EVALUATION_TRANSITION_NOT_ALLOWED' });
    expect(checkSelfEvaluationStep('reviewed', 'open', 'review')).toMatchObject({ code: 'SELF_EVALUATION_TRANSITION_NOT_ALLOWED' });
  });

  it('is filled in only by its person and reviewed only by someone else', () => {
    expect(checkSelfEvaluationActor('save', 'a', 'a')).toBeNull();
    expect(checkSelfEvaluationActor('submit', 'b', 'a')).toMatchObject({ code: 'SELF_EVALUATION_NOT_OWN' });
    expect(checkSelfEvaluationActor('review', 'a', 'a')).toMatchObject({ code: 'SELF_EVALUATION_OWN_REVIEW' });
    expect(checkSelfEvaluationActor('review', 'b', 'a')).toBeNull();
  });

  it('a save may leave items out; a submission needs every item and the summary; a score must be an option', () => {
    expect(checkSelfEvaluationContent(items, { scores: { work: 4 }, summary: null }, false)).toBeNull();
    expect(checkSelfEvaluationContent(items, { scores: { work: 4 }, summary: '完成' }, true)).toMatchObject({
      code: 'SURVEY_ANSWER_INCOMPLETE',
      field: 'scores.attitude',
    });
    expect(checkSelfEvaluationContent(items, { scores: { work: 4, attitude: 5 }, summary: ' ' }, true)).toMatchObject({
      code: 'FIELD_REQUIRED',
      field: 'summary',
    });
    expect(checkSelfEvaluationContent(items, { scores: { work: 7 }, summary: null }, false)).toMatchObject({
      code: 'SURVEY_SCORE_INVALID',
      field: 'scores.work',
    });
    expect(checkSelfEvaluationContent(items, { scores: { other: 3 }, summary: null }, false)).toMatchObject({
      code: 'SURVEY_QUESTION_NOT_FOUND',
      field: 'scores.other',
    });
    expect(checkSelfEvaluationContent(items, { scores: { work: 4, attitude: 5 }, summary: '完成' }, true)).toBeNull();
  });

  it('its mean and lateness', () => {
    expect(selfEvaluationMean({})).toBeNull();
    expect(selfEvaluationMean({ a: 4, b: 5 })).toBe(4.5);
    expect(submittedLate('2026-12-10', '2026-12-09')).toBe(true);
    expect(submittedLate('2026-12-09', '2026-12-09')).toBe(false);
    expect(submittedLate(null, '2026-12-09')).toBe(false);
  });
});
