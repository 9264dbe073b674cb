/**
 * The quality department's own checks owed to each office (品质部楼检, issue 15 item 1; seed 001: "品质部每月
 * 对管理处进行一次不定期的管理状态检查；每季度进行一次物业状态的检查"): one monthly management check
 * (monthly_management) a calendar month and one quarterly property check (quarterly_property) a calendar
 * quarter, per project. Pure: the server finds the months its submitted checks were begun in.
 */

export type DutyState = 'met' | 'owed' | 'missed';

export interface QualityDuty {
  /** 'YYYY-MM' for the monthly check, 'YYYY-Qn' for the quarterly one. */
  period: string;
  /** The period's first and last month. */
  firstMonth: string;
  lastMonth: string;
  /** Submitted checks of the kind begun in the period. */
  done: number;
  /** met once one is done; owed while the period lasts; missed once it is over with none. */
  state: DutyState;
}

/** The calendar quarter a month 'YYYY-MM' is in: 'YYYY-Qn' and its first and last months. */
export function quarterOf(month: string): { quarter: string; firstMonth: string; lastMonth: string } {
  const year = month.slice(0, 4);
  const q = Math.floor((Number(month.slice(5, 7)) - 1) / 3);
  const m = (n: number) => `${year}-${String(n).padStart(2, '0')}`;
  return { quarter: `${year}-Q${q + 1}`, firstMonth: m(q * 3 + 1), lastMonth: m(q * 3 + 3) };
}

function duty(period: string, firstMonth: string, lastMonth: string, doneMonths: readonly string[], currentMonth: string): QualityDuty {
  const done = doneMonths.filter((m) => m >= firstMonth && m <= lastMonth).length;
  const state: DutyState = done > 0 ? 'met' : currentMonth > lastMonth ? 'missed' : 'owed';
  return { period, firstMonth, lastMonth, done, state };
}

/**
 * The month's management check and its quarter's property check for one project: `monthlyDone` and
 * `quarterlyDone` the local months ('YYYY-MM') the submitted checks of each kind were begun in,
 * `currentMonth` today's local month.
 */
export function qualityDuties(
  month: string,
  monthlyDone: readonly string[],
  quarterlyDone: readonly string[],
  currentMonth: string,
): { monthly: QualityDuty; quarterly: QualityDuty } {
  const q = quarterOf(month);
  return {
    monthly: duty(month, month, month, monthlyDone, currentMonth),
    quarterly: duty(q.quarter, q.firstMonth, q.lastMonth, quarterlyDone, currentMonth),
  };
}
