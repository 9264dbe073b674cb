import { STATUTORY_OBJECTION_CATEGORY } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { bj, local, story } from '../testing/clock-story.ts';

/** The objection reply clock (业主对法定公示的异议, SPEC §9): 3 days on calendar time beside the inquiry's own clocks. */
describe('objection reply clock (公示异议答复)', () => {
  const objection = { category: STATUTORY_OBJECTION_CATEGORY, description: '对公共收益公示有异议' };

  it('starts with an objection’s case, due 3 calendar days later (a weekend counts), warned at 80%', () => {
    const s = story(objection, '2026-11-27T16:00'); // a Friday
    expect(local(s.clock('objection_reply').dueAt)).toBe('2026-11-30 16:00');
    expect(local(s.clock('objection_reply').warnAt)).toBe('2026-11-30 01:36'); // 57.6 hours on
    expect(s.running('first_reply')).toBeDefined(); // the inquiry's own clock runs beside it
  });

  it('is stopped by the answer: met within 3 days, breached by its minutes after', () => {
    const met = story(objection, '2026-11-25T10:00').give({ type: 'answer', content: '已核实，公示无误' }, '2026-11-27T09:00');
    expect(met.clock('objection_reply')).toMatchObject({ result: 'met', stoppedAt: bj('2026-11-27T09:00') });
    const late = story(objection, '2026-11-25T10:00').give({ type: 'answer', content: '已核实' }, '2026-11-28T10:30');
    expect(late.clock('objection_reply')).toMatchObject({ result: 'breached', lateMinutes: 30 });
  });

  it('does not start for other inquiries', () => {
    expect(story({ category: '收费' }, '2026-11-25T10:00').running('objection_reply')).toBeUndefined();
    expect(story({}, '2026-11-25T10:00').running('objection_reply')).toBeUndefined();
  });
});
