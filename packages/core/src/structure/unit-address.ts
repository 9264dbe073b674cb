/**
 * Unit addresses as people say and write them (楼栋-单元-房号): 1栋101, 1栋1单元101室, 1-1-101,
 * 1单元101, 1号楼1单元101, 1#2-301 (building 1, entrance 2), 1#301. Pure: parsing, the label every screen shows, and whether a stored unit
 * matches a typed address.
 */

/** What a typed address names; a part left out (null) matches any value. */
export interface UnitAddress {
  /** 楼栋: the building's number or letter, e.g. "1", "A". */
  building: string | null;
  /** 单元: the entrance, e.g. "1". */
  entrance: string | null;
  /** 房号: the room, e.g. "101". */
  room: string;
}

const PART = '[0-9A-Za-z]+';
const BUILDING_MARK = '(?:号楼|栋|幢|座|号|#)';
const FORMS: readonly { re: RegExp; parts: readonly ('building' | 'entrance' | 'room')[] }[] = [
  // 1栋1单元101, 1号楼-1单元-101室
  { re: new RegExp(`^(${PART})${BUILDING_MARK}-?(${PART})单元-?(${PART})$`), parts: ['building', 'entrance', 'room'] },
  // 1栋101, 1栋-101
  { re: new RegExp(`^(${PART})${BUILDING_MARK}-?(${PART})$`), parts: ['building', 'room'] },
  // 1#2-301 (rosters exported from other systems): building, entrance, room
  { re: new RegExp(`^(${PART})#(${PART})-(${PART})$`), parts: ['building', 'entrance', 'room'] },
  // 1单元101, 1单元-101
  { re: new RegExp(`^(${PART})单元-?(${PART})$`), parts: ['entrance', 'room'] },
  // 1-1-101
  { re: new RegExp(`^(${PART})-(${PART})-(${PART})$`), parts: ['building', 'entrance', 'room'] },
  // 1-101
  { re: new RegExp(`^(${PART})-(${PART})$`), parts: ['building', 'room'] },
];

/** Full-width digits, letters and dashes to ASCII; spaces, 室 and the dash variants people type removed or unified. */
function normalize(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[—–－~～_/\\]/g, '-')
    .replace(/室$/, '')
    .toUpperCase();
}

/** A building's number as people say it: "1栋" → "1", "B1" → "1", "A座" → "A". Null when its name says none. */
export function buildingNumberOf(nameOrCode: string): string | null {
  const n = normalize(nameOrCode).replace(new RegExp(`${BUILDING_MARK}$`), '');
  const digits = /^(?:[A-Z]{0,2})?(\d+)$/.exec(n);
  if (digits) return String(Number(digits[1]));
  return /^[0-9A-Z]+$/.test(n) ? n : null;
}

/** Parses a typed address; null when the text is no address (a name, a phone number, a bare number). */
export function parseUnitAddress(text: string): UnitAddress | null {
  const n = normalize(text);
  if (n.length === 0 || n.length > 40) return null;
  for (const form of FORMS) {
    const m = form.re.exec(n);
    if (!m) continue;
    const out: UnitAddress = { building: null, entrance: null, room: '' };
    form.parts.forEach((p, i) => {
      const v = m[i + 1]!;
      out[p] = p === 'room' ? v : String(/^\d+$/.test(v) ? Number(v) : v);
    });
    return out;
  }
  return null;
}

/** The label every screen shows for a unit: 1栋-1单元-101 (1栋-101 when the building has no entrances; the area's name for a public area). */
export function formatUnitLabel(u: { buildingName: string; entrance: string | null; code: string }): string {
  const entrance = u.entrance ? `${u.entrance}单元` : null;
  return [u.buildingName, entrance, u.code].filter((p): p is string => !!p).join('-');
}

/** Whether a stored unit is the one a typed address names (rooms compared as written, numbers without leading zeros). */
export function unitMatchesAddress(address: UnitAddress, unit: { buildingName: string; buildingCode: string; entrance: string | null; code: string }): boolean {
  const same = (a: string, b: string) => normalize(a) === normalize(b) || (/^\d+$/.test(a) && /^\d+$/.test(b) && Number(a) === Number(b));
  if (!same(address.room, unit.code)) return false;
  if (address.entrance !== null && (unit.entrance === null || !same(address.entrance, unit.entrance))) return false;
  if (address.building !== null) {
    const candidates = [buildingNumberOf(unit.buildingName), buildingNumberOf(unit.buildingCode)].filter((x): x is string => x !== null);
    if (!candidates.some((c) => same(c, address.building!))) return false;
  }
  return true;
}
