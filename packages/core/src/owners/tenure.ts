import { parseUnitAddress, type UnitAddress } from '../structure/unit-address.ts';

/**
 * An owner's tie to a unit over time (入住 → 迁出/过户), as pure rules: when the new-owner visit is due,
 * which move-out dates make sense, who is 主业主 once people leave or arrive, and what an owner-list
 * search text asks for. The storage keeps one row per (owner, unit); an ended tie has `movedOutOn`.
 */

/** A current tie of a unit, as the 主业主 rule reads it. */
export interface UnitTie {
  ownerId: string;
  relation: 'owner' | 'occupant';
  isPrimary: boolean;
  /** When this tie (or its latest period) was registered: the earlier 产权人 comes first, as in migration 0018. */
  createdAt: string;
}

/**
 * 新业主回访 (SPEC §2, §7; seed 004 1.4.4: within one month of move-in): the same day next month, or
 * that month's last day (Jan 31 → Feb 28/29, never into March). Dates are plain YYYY-MM-DD.
 */
export function newOwnerVisitDueOn(moveInDate: string): string {
  const [y, m, d] = moveInDate.split('-').map(Number) as [number, number, number];
  const lastDayNextMonth = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastDayNextMonth))).toISOString().slice(0, 10);
}

/** Why a move-out date is refused, or null: not before the tie began, not after today (the project's local date). */
export function moveOutDateProblem(movedOutOn: string, moveInDate: string | null, today: string): 'before_move_in' | 'in_future' | null {
  if (moveInDate && movedOutOn < moveInDate) return 'before_move_in';
  if (movedOutOn > today) return 'in_future';
  return null;
}

/**
 * 主业主 of a unit once `leaving` have left and `arriving` (new ties) have come: an ended tie is never
 * primary; a remaining primary stays; otherwise the earliest remaining 产权人 (createdAt, then owner
 * id) takes over — an arriving 产权人 after the ones who stay; with no 产权人 left the unit has none
 * (occupants are never primary).
 */
export function primaryAfter(current: readonly UnitTie[], leaving: ReadonlySet<string>, arriving: readonly UnitTie[] = []): string | null {
  // an arriving tie replaces the same owner's current one (an occupant who buys the unit)
  const arrivingIds = new Set(arriving.map((a) => a.ownerId));
  const remaining = [...current.filter((t) => !leaving.has(t.ownerId) && !arrivingIds.has(t.ownerId)), ...arriving];
  const kept = remaining.find((t) => t.isPrimary && t.relation === 'owner');
  if (kept) return kept.ownerId;
  const owners = remaining.filter((t) => t.relation === 'owner');
  owners.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.ownerId < b.ownerId ? -1 : a.ownerId > b.ownerId ? 1 : 0));
  return owners[0]?.ownerId ?? null;
}

/**
 * What an owner-list search text asks for: 4 digits — a phone's last four (尾号); a mainland mobile
 * (with +86, spaces or dashes) — that phone; a unit as people write it (1-2-301, 1栋2单元301, 1#2-301)
 * — that unit; anything else — a part of a name, a contact or a room number.
 */
export type OwnerSearchText =
  { kind: 'phone_last4'; last4: string } | { kind: 'phone'; phone: string } | { kind: 'unit'; address: UnitAddress } | { kind: 'text'; text: string };

export function interpretOwnerSearch(q: string): OwnerSearchText | null {
  const text = q.normalize('NFKC').trim();
  if (!text) return null;
  const digits = text.replace(/[\s-]/g, '');
  if (/^\d{4}$/.test(digits)) return { kind: 'phone_last4', last4: digits };
  if (/^\+?(?:86)?1\d{10}$/.test(digits)) return { kind: 'phone', phone: digits.slice(-11) };
  // 1-1-101 is an address; 138-0000-0001 was a phone above
  const address = parseUnitAddress(text);
  if (address && /\d/.test(address.room) && (address.building !== null || address.entrance !== null)) return { kind: 'unit', address };
  return { kind: 'text', text };
}
