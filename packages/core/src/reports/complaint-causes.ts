import type { ComplaintCauseState } from '@guanjia/vocabulary';

/**
 * Complaint causes ranked (投诉原因分析, issue 16 item 1, decision 0039): the categories of the complaints
 * received in a period by count, each with its share of all complaints, and the main causes — the
 * named causes that together cover 80 % of the named complaints (Pareto), ties kept together.
 */
export const MAIN_CAUSE_SHARE = 0.8;

export interface CauseCount {
  /** The complaint category; null: not categorized. */
  category: string | null;
  count: number;
}

export interface RankedCause extends CauseCount {
  /** 1-based; equal counts share a rank (1, 2, 2, 4). */
  rank: number;
  /** Of all complaints of the period, 4 decimals. */
  share: number;
  /** Of all complaints, this cause and every one ranked before it. */
  cumulativeShare: number;
  /** A main cause: named, and the named causes counting more than it cover less than 80 % of the named complaints. */
  main: boolean;
}

const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/** Ranks the causes: by count (more first), then by name, the uncategorized last among equals. */
export function rankComplaintCauses(counts: readonly CauseCount[], mainShare = MAIN_CAUSE_SHARE): RankedCause[] {
  const merged = new Map<string | null, number>();
  for (const c of counts) if (c.count > 0) merged.set(c.category, (merged.get(c.category) ?? 0) + c.count);
  const sorted = [...merged].sort(([a, x], [b, y]) => y - x || (a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0));
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  const named = sorted.filter(([c]) => c !== null).map(([, n]) => n);
  const namedTotal = named.reduce((s, n) => s + n, 0);
  let cumulative = 0;
  let rank = 0;
  let previous = -1;
  return sorted.map(([category, count], i) => {
    if (count !== previous) rank = i + 1;
    previous = count;
    cumulative += count;
    // the named complaints in causes counting strictly more: ties are judged alike
    const above = named.filter((n) => n > count).reduce((s, n) => s + n, 0);
    return {
      category,
      count,
      rank,
      share: round4(count / total),
      cumulativeShare: round4(cumulative / total),
      main: category !== null && above < mainShare * namedTotal,
    };
  });
}

/** A measure's tracking on a local date: overdue when still planned after its due date. */
export function measureOverdue(m: { status: string; dueDate: string }, today: string): boolean {
  return m.status === 'planned' && today > m.dueDate;
}

/** What a cause's state reads of each of its measures. */
export interface CauseMeasure {
  status: string;
  dueDate: string;
  /** Its project's today (local date). */
  today: string;
  projectId?: string;
  createdAt?: string;
  /** The quality department's verdict (效果验证): null or absent until verified. */
  effective?: boolean | null;
}

/**
 * A measure verified ineffective that nothing answers: no other measure of its project, recorded at the same
 * instant or later, that is not itself verified ineffective.
 */
export function unansweredIneffective(measures: readonly CauseMeasure[]): boolean {
  return measures.some(
    (m) =>
      m.effective === false &&
      !measures.some((n) => n !== m && n.projectId === m.projectId && (n.createdAt ?? '') >= (m.createdAt ?? '') && n.effective !== false),
  );
}

/**
 * A cause's state from its measures of the period: none; any overdue; a measure verified ineffective and not
 * answered by a later one of its project (措施无效: it needs a new measure); any still planned; all done.
 */
export function causeState(measures: readonly CauseMeasure[]): ComplaintCauseState {
  if (!measures.length) return 'no_measure';
  if (measures.some((m) => measureOverdue(m, m.today))) return 'overdue';
  if (unansweredIneffective(measures)) return 'ineffective';
  if (measures.some((m) => m.status === 'planned')) return 'in_progress';
  return 'done';
}

/** The month after a month (YYYY-MM). */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
}

/** The months (YYYY-MM) that the local dates [from, to) touch. */
export function monthsOf(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  // the last day in the period is the day before `to`
  const last = lastDayBefore(to).slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > last) break;
    out.push(month);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

function lastDayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
