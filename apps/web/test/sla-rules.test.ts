import { SlaRulesBodySchema } from '@guanjia/api-contract';
import { CLOCK_KINDS } from '@guanjia/vocabulary';
import { describe, expect, it } from 'vitest';
import { cleanRule, RULE_CLOCKS, type Rule } from '../src/console/admin/sla-rules';

/**
 * The SLA rules tab saves what it loaded (issue 10 item 4): a same-day target keeps its
 * `lateIntakeHours`, "no warning" (warnAt null) stays null instead of becoming the 80% default, and
 * every clock kind — the follow-up tasks included — can have a rule.
 */
describe('the SLA rules table', () => {
  it('offers every clock kind, the rework and follow-up clocks included', () => {
    expect([...RULE_CLOCKS].sort()).toEqual([...CLOCK_KINDS].sort());
    for (const k of ['rework_on_site', 'rework_follow_up', 'quality_callback']) expect(RULE_CLOCKS).toContain(k);
  });

  it('saving keeps a same-day target’s late-intake hours and a rule without warning', () => {
    const loaded: Rule[] = [
      { clock: 'repair_on_site', repairGrade: 'normal', target: { unit: 'same_day', basis: 'working', lateIntakeHours: 3 }, warnAt: null },
      { clock: 'rework_follow_up', target: { unit: 'hours', amount: 12, basis: 'calendar' }, warnAt: 0.5, escalationDelays: [0, 30] },
      { clock: 'quality_callback', target: { unit: 'working_days', amount: 2, basis: 'working' } },
    ];
    const saved = loaded.map(cleanRule);
    expect(saved).toEqual(loaded);
    expect(SlaRulesBodySchema.parse({ rules: saved })).toEqual({ rules: loaded });
  });

  it('an emptied late-intake box means the default; what a unit does not take is dropped; an emptied warning is the default', () => {
    expect(cleanRule({ clock: 'repair_on_site', target: { unit: 'same_day', basis: 'calendar', amount: 5, lateIntakeHours: null } })).toEqual({
      clock: 'repair_on_site',
      target: { unit: 'same_day', basis: 'working' },
    });
    expect(cleanRule({ clock: 'first_reply', target: { unit: 'minutes', amount: 20, basis: 'calendar', lateIntakeHours: 4 }, warnAt: undefined })).toEqual({
      clock: 'first_reply',
      target: { unit: 'minutes', amount: 20, basis: 'calendar' },
    });
    expect(cleanRule({ clock: 'owner_deadline', target: { unit: 'fixed', basis: 'working', amount: 1 }, category: '' })).toEqual({
      clock: 'owner_deadline',
      target: { unit: 'fixed', basis: 'calendar' },
    });
  });
});
