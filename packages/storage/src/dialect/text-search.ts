import { sql, type Expression, type ExpressionBuilder, type SqlBool, type StringReference } from 'kysely';

/** Escapes LIKE wildcards so that a search for "50%" finds "50%". */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
}

/**
 * Substring search that works for Chinese (no word boundaries): LIKE with an escape character on both
 * databases. Case-insensitive for Latin letters through lower().
 */
export function containsText<DB, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, column: StringReference<DB, TB>, text: string): Expression<SqlBool> {
  // a text without letters that have a case (Chinese, digits, punctuation) matches the same with or
  // without lower(): leaving it out saves most of a scan's time (an owner search over 18,000 names)
  if (!hasCase(text)) return sql<SqlBool>`${eb.ref(column)} like ${likePattern(text)} escape '\\'`;
  return sql<SqlBool>`lower(${eb.ref(column)}) like lower(${likePattern(text)}) escape '\\'`;
}

/** Whether a text holds a letter with an upper and a lower case. */
export function hasCase(text: string): boolean {
  return text.toLowerCase() !== text.toUpperCase();
}
