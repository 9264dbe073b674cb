/**
 * The on-duty roster (值班表): who is on duty for a project and department at an instant, whether a
 * clock's warning or breach pages that person or waits for the digest, and the checks a new shift
 * must pass. Pure: instants (epoch ms) are inputs.
 */

export interface DutyShift {
  staffId: string;
  projectId: string;
  /** null: a project-wide shift (anyone on it covers every department without its own). */
  departmentId: string | null;
  /** Half-open [startsAt, endsAt), epoch ms. */
  startsAt: number;
  endsAt: number;
}

/** The longest shift the roster accepts. */
export const MAX_SHIFT_MS = 7 * 86_400_000;

function covers(shift: DutyShift, at: number): boolean {
  return shift.startsAt <= at && at < shift.endsAt;
}

/**
 * On duty for a project and department at an instant: shifts of that department covering `at`
 * ([startsAt, endsAt)); if none, the project-wide shifts (departmentId null); never anyone in
 * `exclude` (the accused). Sorted, unique staff ids.
 *
 * "If none" is decided after `exclude`: when the department's only person on duty is the accused,
 * the project-wide shift takes the page.
 */
export function onDutyAt(
  shifts: readonly DutyShift[],
  projectId: string,
  departmentId: string | null,
  at: number,
  exclude: ReadonlySet<string> = new Set(),
): string[] {
  const current = shifts.filter((s) => s.projectId === projectId && covers(s, at) && !exclude.has(s.staffId));
  const ofDepartment = departmentId === null ? [] : current.filter((s) => s.departmentId === departmentId);
  const chosen = ofDepartment.length ? ofDepartment : current.filter((s) => s.departmentId === null);
  return [...new Set(chosen.map((s) => s.staffId))].sort();
}

/**
 * How a clock's warning or breach reaches people: a clock on calendar time found outside the
 * project's working hours pages the on-duty person ('page'); otherwise it joins the recipient's
 * digest ('digest'). A clock on working time never runs outside working hours, so it never pages.
 */
export function alertDelivery(basis: 'calendar' | 'working', at: number, calendar: { isWorkingTime(at: number): boolean }): 'page' | 'digest' {
  return basis === 'calendar' && !calendar.isWorkingTime(at) ? 'page' : 'digest';
}

/** Checks a new shift: ends after it starts, at most 7 days long; returns problems (field + reason code) — empty when fine. */
export function checkShift(shift: DutyShift): { field: 'startsAt' | 'endsAt'; reason: 'ends_before_start' | 'too_long' }[] {
  if (!(shift.endsAt > shift.startsAt)) return [{ field: 'endsAt', reason: 'ends_before_start' }];
  if (shift.endsAt - shift.startsAt > MAX_SHIFT_MS) return [{ field: 'endsAt', reason: 'too_long' }];
  return [];
}

/**
 * Shifts of the same person that overlap this one in the same project (a person cannot hold two
 * shifts at once in one project). Shifts that only touch (one ends as the other starts) do not
 * overlap; the very same object in `existing` (the shift being edited) is left out.
 */
export function overlappingShifts(shift: DutyShift, existing: readonly DutyShift[]): DutyShift[] {
  return existing.filter(
    (s) => s !== shift && s.staffId === shift.staffId && s.projectId === shift.projectId && s.startsAt < shift.endsAt && shift.startsAt < s.endsAt,
  );
}
