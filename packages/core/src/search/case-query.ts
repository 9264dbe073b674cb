import { parseUnitAddress, type UnitAddress } from '../structure/unit-address.ts';
import { parseSearchQuery, type SearchTerm } from './tokens.ts';

/**
 * What a case search (工单搜索 q) asks for. A number-like q looks up case numbers by suffix and, when it
 * has 4 digits, phones by their last four (an 11-digit q: the whole phone); an address-like q (6栋1811,
 * 6-1-1811, 1单元101) looks up units; anything else is full text over titles, descriptions and messages.
 */
export type CaseSearch =
  | { kind: 'lookup'; numberSuffix: string | null; phoneLast4: string | null; phone: string | null }
  | { kind: 'unit'; address: UnitAddress }
  | { kind: 'text'; terms: SearchTerm[] };

const FULL_NUMBER = /^[A-Z]{2}-\d{8}-\d{6,}$/;
const DATED_SERIAL = /^\d{8}-\d{6,}$/;

/** The text as a number is compared: NFKC, no spaces, upper case, dash variants unified. */
function compact(q: string): string {
  return q
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/[—–－]/g, '-')
    .toUpperCase();
}

/** Reads a search text; null when it holds nothing to search for (only punctuation). */
export function interpretCaseSearch(q: string): CaseSearch | null {
  const c = compact(q);
  if (FULL_NUMBER.test(c) || DATED_SERIAL.test(c))
    return { kind: 'lookup', numberSuffix: `${DATED_SERIAL.test(c) ? '-' : ''}${c}`, phoneLast4: null, phone: null };
  if (/^\d{1,7}$/.test(c)) return { kind: 'lookup', numberSuffix: `-${c.padStart(6, '0')}`, phoneLast4: c.length === 4 ? c : null, phone: null };
  if (/^\+?(?:86)?1\d{10}$/.test(c.replace(/-/g, ''))) {
    const phone = c.replace(/-/g, '').slice(-11);
    return { kind: 'lookup', numberSuffix: null, phoneLast4: null, phone };
  }
  const address = parseUnitAddress(q);
  if (address && /\d/.test(address.room)) return { kind: 'unit', address };
  const terms = parseSearchQuery(q);
  return terms.length ? { kind: 'text', terms } : null;
}

/** A case number reversed, so that a suffix becomes a prefix an ordinary index serves (TS-…-000007 → 700000-…-ST). */
export function reverseCaseNumber(numberOrSuffix: string): string {
  return [...numberOrSuffix.toUpperCase()].reverse().join('');
}

/** The last four digits of a phone, or null when it has fewer than four digits. */
export function phoneLast4(phone: string): string | null {
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 4 ? digits.slice(-4) : null;
}
