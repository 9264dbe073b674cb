import type { ClockKind, CustomerGrade } from '@guanjia/vocabulary';
import type { CaseRecord, CaseType, RepairGrade } from '../cases/case.ts';

/**
 * SLA policies (时限): for each clock of SPEC §4 a target, the time it runs on (calendar time for the
 * 24-hour hotline, working time of the project's business calendar), a warning point and the delays
 * of the escalation chain. Rules may narrow by case type, category, repair grade and customer grade;
 * the most specific matching rule wins. Defaults are SPEC's.
 */

// The clock kinds and customer grades are words of the vocabulary package; their rules are here.
export { CLOCK_KINDS, CUSTOMER_GRADES, type ClockKind, type CustomerGrade } from '@guanjia/vocabulary';

export type ClockBasis = 'calendar' | 'working';

/**
 * How long a clock may run: an amount of minutes, hours or working days; "same day" (before the end
 * of that day's working hours); or a fixed instant taken from the case (an appointment, a promise).
 */
export type SlaTarget =
  | { unit: 'minutes' | 'hours' | 'working_days'; amount: number; basis: ClockBasis }
  /**
   * Before the close of the working day on which it starts; received in the day's last
   * `lateIntakeHours` working hours (default 2) or outside working hours: the next working day's close.
   */
  | { unit: 'same_day'; basis: 'working'; lateIntakeHours?: number }
  | { unit: 'fixed'; basis: 'calendar' };

export interface SlaRule {
  clock: ClockKind;
  caseType?: CaseType;
  category?: string;
  repairGrade?: RepairGrade;
  customerGrade?: CustomerGrade;
  target: SlaTarget;
  /** Share of the target after which the assignee is warned (0.8 = at 80%); null: no warning. */
  warnAt?: number | null;
  /** Minutes after the breach at which each step of the escalation chain is told. */
  escalationDelays?: readonly number[];
}

export const DEFAULT_WARN_AT = 0.8;
/**
 * Minutes after the breach, in the clock's own basis (working minutes on a working-time clock), at
 * which each step of the chain is told: the assignee at once, the service supervisor (客服主管) after
 * 10, the department head after 30, the office manager after 2 h, the quality department after 4 h.
 */
export const DEFAULT_ESCALATION_DELAYS: readonly number[] = [0, 10, 30, 120, 240];
/** The last working hours of a day in which a "same day" case is due at the next working day's close. */
export const DEFAULT_LATE_INTAKE_HOURS = 2;

const minutes = (amount: number): SlaTarget => ({ unit: 'minutes', amount, basis: 'calendar' });
const hours = (amount: number): SlaTarget => ({ unit: 'hours', amount, basis: 'calendar' });
const workingDays = (amount: number): SlaTarget => ({ unit: 'working_days', amount, basis: 'working' });
const fixed: SlaTarget = { unit: 'fixed', basis: 'calendar' };
const sameDay: SlaTarget = { unit: 'same_day', basis: 'working' };

/** SPEC §4's limits. Minutes and hours run on calendar time, working days on working time (SPEC §5). */
export const DEFAULT_SLA_RULES: readonly SlaRule[] = [
  { clock: 'first_reply', target: minutes(15) },
  { clock: 'department_answer', target: hours(4) },
  { clock: 'reply_to_owner', target: minutes(30) },
  { clock: 'complaint_transfer', target: minutes(10) },
  { clock: 'department_contact', target: hours(2) },
  { clock: 'complaint_plan', target: workingDays(3) },
  { clock: 'plan_approval', target: workingDays(1) },
  { clock: 'suggestion_feedback', target: workingDays(5) },
  // a reworked repair (业主不满意) is on site again within its grade's limit
  ...(['repair_on_site', 'rework_on_site'] as const).flatMap((clock): SlaRule[] => [
    { clock, repairGrade: 'very_urgent', target: minutes(10) },
    { clock, repairGrade: 'urgent', target: minutes(15) },
    { clock, repairGrade: 'normal', target: sameDay },
    { clock, repairGrade: 'appointment', target: fixed },
    { clock, target: sameDay },
  ]),
  { clock: 'rework_follow_up', target: hours(24) }, // 返工后 24 小时内专项回访
  { clock: 'quality_callback', target: workingDays(3) }, // our default: the quality department calls back within 3 working days
  { clock: 'objection_reply', target: hours(72) }, // 业主对法定公示的异议：3 日内答复（自然日）
  { clock: 'promised_time', target: fixed },
  { clock: 'owner_deadline', target: fixed },
  { clock: 'department_commitment', target: fixed },
];

export interface PolicySubject {
  type: CaseType;
  category: string | null;
  repairGrade: RepairGrade | null;
  customerGrade: CustomerGrade | null;
}

export function policySubjectOf(c: Pick<CaseRecord, 'type' | 'category' | 'repairGrade'>, customerGrade: CustomerGrade | null): PolicySubject {
  return { type: c.type, category: c.category, repairGrade: c.repairGrade, customerGrade };
}

function matches(rule: SlaRule, clock: ClockKind, s: PolicySubject): boolean {
  return (
    rule.clock === clock &&
    (rule.caseType === undefined || rule.caseType === s.type) &&
    (rule.category === undefined || rule.category === s.category) &&
    (rule.repairGrade === undefined || rule.repairGrade === s.repairGrade) &&
    (rule.customerGrade === undefined || rule.customerGrade === s.customerGrade)
  );
}

const specificity = (r: SlaRule) => [r.caseType, r.category, r.repairGrade, r.customerGrade].filter((x) => x !== undefined).length;

/**
 * The rule for a clock: the most specific of the project's rules that matches; among equally
 * specific ones the last listed; when none matches, the most specific default.
 */
export function resolveRule(clock: ClockKind, subject: PolicySubject, projectRules: readonly SlaRule[]): SlaRule {
  for (const rules of [projectRules, DEFAULT_SLA_RULES]) {
    let best: SlaRule | null = null;
    for (const r of rules) if (matches(r, clock, subject) && (!best || specificity(r) >= specificity(best))) best = r;
    if (best) return best;
  }
  throw new Error(`no SLA rule for ${clock}`); // the defaults cover every clock
}

/** A target in words, for the explanation: "15 分钟", "3 个工作日". */
export function describeTarget(t: SlaTarget, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const zh = locale === 'zh-CN';
  const basis = t.basis === 'working' ? (zh ? '（工作时间）' : ' (working time)') : '';
  switch (t.unit) {
    case 'minutes':
      return zh ? `${t.amount} 分钟${basis}` : `${t.amount} minutes${basis}`;
    case 'hours':
      return zh ? `${t.amount} 小时${basis}` : `${t.amount} hours${basis}`;
    case 'working_days':
      return zh
        ? `${t.amount} 个工作日${t.basis === 'calendar' ? '（按自然日）' : ''}`
        : `${t.amount} working days${t.basis === 'calendar' ? ' (calendar days)' : ''}`;
    case 'same_day':
      return zh
        ? '当天下班前（下班前 2 小时内或下班后受理：次日下班前）'.replace('2', String(t.lateIntakeHours ?? DEFAULT_LATE_INTAKE_HOURS))
        : `before the end of the working day (received in its last ${t.lateIntakeHours ?? DEFAULT_LATE_INTAKE_HOURS} working hours or after hours: the next working day's)`;
    case 'fixed':
      return zh ? '约定的时间' : 'the agreed time';
  }
}
