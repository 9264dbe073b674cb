import type { BusinessCalendarSpec, WorkingSpan } from './business-calendar.ts';
// Shipped data: a verbatim copy of ../shared/data/cn-holidays-2025-2026.json — the State Council
// General Office notices 国办发明电〔2024〕12号 (2025) and the 2026 notice of 2025-11-04.
import published from './data/cn-holidays-2025-2026.json' with { type: 'json' };

export interface PublishedYear {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

/** Official mainland holidays (放假) and make-up working days (调休上班) by year. */
export const MAINLAND_YEARS: Readonly<Record<string, PublishedYear>> = published.years;

/** Office hours of a management office unless configured: 08:30–12:00 and 13:30–18:00. */
export const OFFICE_DAY: readonly WorkingSpan[] = [
  { start: 8 * 60 + 30, end: 12 * 60 },
  { start: 13 * 60 + 30, end: 18 * 60 },
];

/** Monday to Friday office hours, weekends off (Sunday first). */
export const OFFICE_WEEK: readonly (readonly WorkingSpan[])[] = [[], OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, OFFICE_DAY, []];

/** The default calendar of a project: Asia/Shanghai office hours with the published mainland years. */
export function mainlandCalendarSpec(
  options: { timeZone?: string; week?: BusinessCalendarSpec['week']; years?: Readonly<Record<string, PublishedYear>> } = {},
): BusinessCalendarSpec {
  const years = Object.values(options.years ?? MAINLAND_YEARS);
  return {
    timeZone: options.timeZone ?? 'Asia/Shanghai',
    week: options.week ?? OFFICE_WEEK,
    holidays: years.flatMap((y) => y.holidays),
    makeupWorkdays: years.flatMap((y) => y.makeupWorkdays),
  };
}
