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
  return sql<SqlBool>`lower(${eb.ref(column)}) like lower(${likePattern(text)}) escape '\\'`;
}
