import { describe, expect, it } from 'vitest';
import {
  checkAnswerScores,
  checkAnswerWindow,
  checkPhoneCap,
  checkSurveyTransition,
  defaultSurveyPeriod,
  questionnaireCode,
  recoveryByDay,
} from './campaign.ts';

describe('survey campaign rules', () => {
  it('defaults to the next June or November, for ten days', () => {
    expect(defaultSurveyPeriod('2026-03-10')).toEqual({ startsOn: '2026-06-01', endsOn: '2026-06-10' });
    expect(defaultSurveyPeriod('2026-06-01')).toEqual({ startsOn: '2026-06-01', endsOn: '2026-06-10' });
    expect(defaultSurveyPeriod('2026-06-02')).toEqual({ startsOn: '2026-11-01', endsOn: '2026-11-10' });
    expect(defaultSurveyPeriod('2026-11-25')).toEqual({ startsOn: '2027-06-01', endsOn: '2027-06-10' });
  });
  it('moves draft → launched → closed only', () => {
    expect(checkSurveyTransition('draft', 'launch')).toBeNull();
    expect(checkSurveyTransition('launched', 'close')).toBeNull();
    expect(checkSurveyTransition('launched', 'launch')?.code).toBe('SURVEY_TRANSITION_NOT_ALLOWED');
    expect(checkSurveyTransition('closed', 'edit')?.code).toBe('SURVEY_TRANSITION_NOT_ALLOWED');
  });
  it('takes answers while launched from the start date up to the end date', () => {
    const s = { status: 'launched' as const, startsOn: '2026-11-01', endsOn: '2026-11-10' };
    expect(checkAnswerWindow(s, '2026-11-01')).toBeNull();
    expect(checkAnswerWindow(s, '2026-11-10')).toBeNull();
    expect(checkAnswerWindow(s, '2026-10-31')).toMatchObject({ code: 'SURVEY_NOT_OPEN', field: 'startsOn' });
    expect(checkAnswerWindow(s, '2026-11-11')?.code).toBe('SURVEY_NOT_OPEN');
    expect(checkAnswerWindow({ ...s, status: 'closed' }, '2026-11-05')?.code).toBe('SURVEY_NOT_OPEN');
  });
  it('caps phone answers at 20% of the sample', () => {
    expect(checkPhoneCap('phone', 1, 10)).toBeNull();
    expect(checkPhoneCap('phone', 2, 10)?.code).toBe('SURVEY_PHONE_CAP_REACHED');
    expect(checkPhoneCap('paper', 2, 10)).toBeNull();
  });
  it('wants every item answered with one of its scores', () => {
    const items = [{ id: 'a', text: '维修', options: [1, 2, 3, 4, 5].map((score) => ({ score, label: String(score) })) }];
    expect(checkAnswerScores(items, { a: 5 })).toBeNull();
    expect(checkAnswerScores(items, {})).toMatchObject({ code: 'SURVEY_ANSWER_INCOMPLETE', field: 'scores.a' });
    expect(checkAnswerScores(items, { a: 7 })).toMatchObject({ code: 'SURVEY_SCORE_INVALID', field: 'scores.a' });
    expect(checkAnswerScores(items, { a: 4, b: 3 })).toMatchObject({ code: 'SURVEY_QUESTION_NOT_FOUND', field: 'scores.b' });
  });
  it('codes are 8 unambiguous characters, distinct for distinct numbers', () => {
    const codes = new Set(Array.from({ length: 5000 }, (_, i) => questionnaireCode(i * 7919)));
    expect(codes.size).toBe(5000);
    for (const c of codes) expect(c).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
  });
  it('counts recovery cumulatively per day', () => {
    expect(
      recoveryByDay(
        '2026-11-01',
        3,
        [
          { date: '2026-11-01', n: 1 },
          { date: '2026-11-03', n: 2 },
        ],
        4,
      ),
    ).toEqual([
      { date: '2026-11-01', answered: 1, rate: 0.25 },
      { date: '2026-11-02', answered: 1, rate: 0.25 },
      { date: '2026-11-03', answered: 3, rate: 0.75 },
    ]);
  });
});
