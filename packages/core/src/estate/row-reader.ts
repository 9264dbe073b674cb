import { readDate, readDecimal, readDigits, readInteger, readText, type Cell, type Read } from './cell-values.ts';
import { closedValueOf, type ImportColumn } from './import-columns.ts';
import { parseMainlandPhone } from './mainland-phone.ts';
import type { RowProblem } from './import-problems.ts';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** One row of an import: its number in the sheet (1 = the header row) and its cells by our column key. */
export interface ImportRow {
  rowNumber: number;
  cells: Readonly<Record<string, Cell>>;
}

/**
 * Reads one row's cells by column, collecting every problem instead of stopping at the first: the dry
 * run reports them all, per cell. A refused cell reads as null (and its problem is kept).
 */
export class RowReader {
  readonly problems: RowProblem[] = [];
  constructor(
    private readonly row: ImportRow,
    private readonly columns: readonly ImportColumn[],
  ) {}

  private cell(key: string): Cell {
    return this.row.cells[key] ?? { kind: 'empty' };
  }

  private take<T>(key: string, read: Read<T | null>, required: boolean): T | null {
    if (!read.ok) {
      this.problem(key, read.problem, { value: shown(this.cell(key)) });
      return null;
    }
    if (read.value === null && required) this.problem(key, 'required');
    return read.value;
  }

  /** Whether the row has anything in this column. */
  has(key: string): boolean {
    return this.cell(key).kind !== 'empty';
  }

  problem(column: string | null, code: RowProblem['code'], params?: RowProblem['params']): void {
    this.problems.push(params ? { column, code, params } : { column, code });
  }

  text(key: string, options: { required?: boolean; maxLength?: number } = {}): string | null {
    return this.take(key, readText(this.cell(key), options.maxLength), !!options.required);
  }
  digits(key: string, options: { required?: boolean } = {}): string | null {
    return this.take(key, readDigits(this.cell(key)), !!options.required);
  }
  integer(key: string): number | null {
    return this.take(key, readInteger(this.cell(key)), false);
  }
  decimal(key: string): number | null {
    return this.take(key, readDecimal(this.cell(key)), false);
  }
  date(key: string): string | null {
    return this.take(key, readDate(this.cell(key)), false);
  }
  /** A mainland phone's digits (mainland-phone.ts); null when empty or refused (phone_invalid). */
  phone(key: string): string | null {
    const text = this.digits(key);
    if (text === null) return null;
    const phone = parseMainlandPhone(text);
    if (!phone) this.problem(key, 'phone_invalid', { value: text });
    return phone?.digits ?? null;
  }
  /** An email address; null when empty or refused (email_invalid). */
  email(key: string): string | null {
    const text = this.text(key, { maxLength: 100 });
    if (text !== null && !EMAIL.test(text)) {
      this.problem(key, 'email_invalid', { value: text });
      return null;
    }
    return text;
  }
  /** A closed value by its label or value; null when empty (or refused, with the choices in the message). */
  closed(key: string): string | null {
    const text = this.text(key);
    if (text === null) return null;
    const column = this.columns.find((c) => c.key === key)!;
    const value = closedValueOf(column, text);
    if (value === undefined) this.problem(key, 'unknown_value', { value: text, choices: (column.values ?? []).map((v) => v.label).join('、') });
    return value ?? null;
  }
}

/** What a cell showed, for a message. */
function shown(cell: Cell): string {
  switch (cell.kind) {
    case 'text':
      return cell.text.slice(0, 40);
    case 'number':
      return String(cell.value);
    case 'date':
      return cell.date;
    case 'formula':
      return `=${cell.formula.slice(0, 40)}`;
    case 'error':
      return cell.error;
    default:
      return '';
  }
}
