import { CLOCK_KINDS } from '@guanjia/vocabulary';

/**
 * A project's SLA rule as the console's table edits it: loosely typed while typed in (any clock,
 * unit, basis; the server validates each against the contract, api-contract/src/sla.ts).
 */
export type Rule = {
  clock: string;
  caseType?: string;
  category?: string;
  repairGrade?: string;
  customerGrade?: string;
  /** `lateIntakeHours`: a same-day target's last working hours whose cases fall due at the next day's close. */
  target: { unit: string; amount?: number; basis: string; lateIntakeHours?: number | null };
  /** A share of the target (0.8), null for no warning at all, absent for the default (80%). */
  warnAt?: number | null;
  escalationDelays?: number[];
};

/** Every clock a rule may be for: the vocabulary's list, so a new clock kind is offered at once. */
export const RULE_CLOCKS: readonly string[] = CLOCK_KINDS;

/**
 * A row as it is saved: only what the target's unit takes (a same-day target keeps its
 * `lateIntakeHours`), the conditions that are set, `warnAt` as given — null (no warning) stays null,
 * absent means the default — and the escalation delays when any.
 */
export function cleanRule(r: Rule): Rule {
  const late = r.target.lateIntakeHours;
  const out: Rule = {
    clock: r.clock,
    target:
      r.target.unit === 'same_day'
        ? { unit: 'same_day', basis: 'working', ...(late !== undefined && late !== null ? { lateIntakeHours: late } : {}) }
        : r.target.unit === 'fixed'
          ? { unit: 'fixed', basis: 'calendar' }
          : { unit: r.target.unit, amount: r.target.amount, basis: r.target.basis },
  };
  for (const k of ['caseType', 'category', 'repairGrade', 'customerGrade'] as const) if (r[k]) out[k] = r[k];
  if (r.warnAt !== undefined) out.warnAt = r.warnAt;
  if (r.escalationDelays?.length) out.escalationDelays = r.escalationDelays;
  return out;
}
