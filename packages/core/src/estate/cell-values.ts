/**
 * Cells of an imported workbook as the dry run reads them (issue 12). The server turns each
 * spreadsheet cell into a `Cell` (no spreadsheet library here); these rules say what a cell holds
 * for a column — text, a whole number, a decimal, a local date — or why it is refused. Pure.
 */
export type Cell =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  /** A date cell: the calendar date as the sheet shows it (YYYY-MM-DD). */
  | { kind: 'date'; date: string }
  | { kind: 'boolean'; value: boolean }
  /** A formula: never evaluated, never imported (its cached result may be stale or crafted). */
  | { kind: 'formula'; formula: string }
  /** An error value such as #N/A or #REF!. */
  | { kind: 'error'; error: string };

/** Why a cell is refused; the dry run reports the code with its column (messages in import-problems.ts). */
export type CellProblem = 'formula' | 'error_value' | 'not_a_date' | 'not_a_number' | 'not_an_integer' | 'too_long' | 'digits_lost';

export type Read<T> = { ok: true; value: T } | { ok: false; problem: CellProblem };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const refused = (problem: CellProblem): Read<never> => ({ ok: false, problem });

/** Control characters (but tab and line breaks) left out: they are invisible in a sheet and break exports. */
function withoutControlCharacters(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) out += ch;
  }
  return out;
}

/** A formula or an error value is refused in every column. */
function refusedKind(cell: Cell): Read<never> | null {
  if (cell.kind === 'formula') return refused('formula');
  if (cell.kind === 'error') return refused('error_value');
  return null;
}

/** Text of a cell, trimmed (null when empty): numbers as written without exponent, dates as YYYY-MM-DD. */
export function readText(cell: Cell, maxLength = 200): Read<string | null> {
  const bad = refusedKind(cell);
  if (bad) return bad;
  let text: string;
  switch (cell.kind) {
    case 'empty':
      return ok(null);
    case 'text':
      text = withoutControlCharacters(cell.text).trim();
      break;
    case 'number':
      text = Number.isInteger(cell.value) ? BigInt(cell.value).toString() : String(cell.value);
      break;
    case 'date':
      text = cell.date;
      break;
    case 'boolean':
      text = cell.value ? '是' : '否';
      break;
    default:
      return refused('not_a_number');
  }
  if (text === '') return ok(null);
  if (text.length > maxLength) return refused('too_long');
  return ok(text);
}

/**
 * Text that must keep every digit (phones, ID numbers): a number cell longer than 15 digits lost its
 * last digits to the spreadsheet (an ID number typed into a number cell reads 110105194912310000).
 */
export function readDigits(cell: Cell): Read<string | null> {
  if (cell.kind === 'number' && Math.abs(cell.value) >= 1e15) return refused('digits_lost');
  return readText(cell, 40);
}

/** A decimal number (a number cell or text such as 89.5 or 1,234.5); null when empty. */
export function readDecimal(cell: Cell): Read<number | null> {
  const bad = refusedKind(cell);
  if (bad) return bad;
  if (cell.kind === 'empty') return ok(null);
  if (cell.kind === 'number') return Number.isFinite(cell.value) ? ok(cell.value) : refused('not_a_number');
  if (cell.kind !== 'text') return refused('not_a_number');
  const t = cell.text.normalize('NFKC').replace(/[\s,]/g, '');
  if (t === '') return ok(null);
  return /^-?\d+(\.\d+)?$/.test(t) ? ok(Number(t)) : refused('not_a_number');
}

/** A whole number; null when empty. */
export function readInteger(cell: Cell): Read<number | null> {
  const n = readDecimal(cell);
  if (!n.ok || n.value === null) return n;
  return Number.isInteger(n.value) ? n : refused('not_an_integer');
}

/** Excel's day 0 in its 1900 date system (it counts 1900 as a leap year: day 60 is the 29th of February that never was). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A calendar date (YYYY-MM-DD); null when empty. A date cell; text written 2024-03-15, 2024/3/15,
 * 2024.3.15, 2024年3月15日 or 20240315; a number in a date column is Excel's serial day (45366).
 */
export function readDate(cell: Cell): Read<string | null> {
  const bad = refusedKind(cell);
  if (bad) return bad;
  if (cell.kind === 'empty') return ok(null);
  if (cell.kind === 'date') return validDate(cell.date);
  if (cell.kind === 'number') {
    if (!Number.isInteger(cell.value) || cell.value < 61 || cell.value > 2_958_465) return refused('not_a_date');
    return ok(new Date(EXCEL_EPOCH_MS + cell.value * 86_400_000).toISOString().slice(0, 10));
  }
  if (cell.kind !== 'text') return refused('not_a_date');
  const t = cell.text.normalize('NFKC').trim();
  if (t === '') return ok(null);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return refused('not_a_date');
  return validDate(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
}

function validDate(iso: string): Read<string> {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return refused('not_a_date');
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || y > 2200 || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return refused('not_a_date');
  return ok(iso);
}
