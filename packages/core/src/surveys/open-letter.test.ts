import { describe, expect, it } from 'vitest';
import { checkOpenLetterAction, deadlineState, draftOpenLetter, openLetterDeadlines, type OpenLetterAction } from './open-letter.ts';

const letter = (status: 'draft' | 'submitted' | 'returned' | 'published', extra: { reportedAt?: string; promiseCount?: number } = {}) => ({
  status,
  draftedBy: 'author',
  reportedAt: extra.reportedAt ?? null,
  promiseCount: extra.promiseCount ?? 1,
});

describe('the open letter’s rules (公开信)', () => {
  it('each action only from its states', () => {
    const allowed: Record<OpenLetterAction, string[]> = {
      edit: ['draft', 'returned'],
      submit: ['draft', 'returned'],
      approve: ['submitted'],
      return: ['submitted'],
      report: ['published'],
      verify: ['published'],
    };
    for (const [action, states] of Object.entries(allowed) as [OpenLetterAction, string[]][])
      for (const status of ['draft', 'submitted', 'returned', 'published'] as const) {
        const refusal = checkOpenLetterAction(letter(status), action, 'rep');
        expect(refusal === null, `${action} from ${status}`).toBe(states.includes(status));
        if (refusal) expect(refusal.code).toBe('OPEN_LETTER_TRANSITION_NOT_ALLOWED');
      }
  });

  it('never approved or returned by its author; never submitted without a promise; reported once', () => {
    expect(checkOpenLetterAction(letter('submitted'), 'approve', 'author')?.code).toBe('OPEN_LETTER_OWN');
    expect(checkOpenLetterAction(letter('submitted'), 'return', 'author')?.code).toBe('OPEN_LETTER_OWN');
    expect(checkOpenLetterAction(letter('draft', { promiseCount: 0 }), 'submit', 'author')).toMatchObject({
      code: 'OPEN_LETTER_NO_PROMISES',
      field: 'promises',
    });
    expect(checkOpenLetterAction(letter('published', { reportedAt: '2026-12-10T02:00:00.000Z' }), 'report', 'author')?.code).toBe(
      'OPEN_LETTER_ALREADY_REPORTED',
    );
  });

  it('posted within 14 days of the close, reported within 5 days of posting; met, late, running, overdue', () => {
    const d = openLetterDeadlines('2026-12-01T02:00:00.000Z', '2026-12-10T02:00:00.000Z');
    expect(d).toEqual({ postBy: '2026-12-15T02:00:00.000Z', reportBy: '2026-12-15T02:00:00.000Z' });
    expect(openLetterDeadlines('2026-12-01T02:00:00.000Z', null).reportBy).toBeNull();
    expect(deadlineState(d.postBy, '2026-12-15T02:00:00.000Z', '2026-12-20T00:00:00.000Z')).toBe('met');
    expect(deadlineState(d.postBy, '2026-12-15T02:00:00.001Z', '2026-12-20T00:00:00.000Z')).toBe('late');
    expect(deadlineState(d.postBy, null, '2026-12-15T02:00:00.000Z')).toBe('running');
    expect(deadlineState(d.postBy, null, '2026-12-15T02:00:00.001Z')).toBe('overdue');
  });

  it('the draft names the items under the target, lowest first, else the three lowest', () => {
    const items = [
      { text: '保洁', rate: 0.5, answers: 10 },
      { text: '维修', rate: 0.9, answers: 10 },
      { text: '安保', rate: 0.6, answers: 10 },
      { text: '绿化', rate: null, answers: 0 },
    ];
    const under = draftOpenLetter({ surveyTitle: '年度调查', households: 10, rate: 0.67, items, target: 0.7 });
    expect(under.raised).toEqual(['保洁', '安保']);
    expect(under.body).toContain('总体满意率 67.0%');
    expect(under.body).toContain('1. 保洁（满意率 50.0%）：');
    const none = draftOpenLetter({ surveyTitle: '年度调查', households: 10, rate: 0.9, items, target: 0.4 });
    expect(none.raised).toEqual(['保洁', '安保', '维修']);
  });
});
