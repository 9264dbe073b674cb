/**
 * Row codec: the database keeps booleans as 0/1 and JSON as text (one encoding for SQLite and
 * PostgreSQL); the domain sees booleans and objects. Each table names its boolean and JSON columns.
 */
export interface RowShape {
  booleans: readonly string[];
  json: readonly string[];
}

export function encodeRow<T extends object>(value: T, shape: RowShape): Record<string, unknown> {
  const row = { ...value } as Record<string, unknown>;
  for (const key of shape.booleans) if (key in row && row[key] !== null && row[key] !== undefined) row[key] = row[key] ? 1 : 0;
  for (const key of shape.json) if (key in row && row[key] !== undefined) row[key] = row[key] === null ? null : JSON.stringify(row[key]);
  return row;
}

/**
 * decodeRow onto the row itself: for rows the query builder made for this read (never shared), where
 * a copy of a wide row is the main cost of a list (issue 11: 0.5 ms a page of 50 cases).
 */
export function decodeRowInPlace<T>(row: Record<string, unknown>, shape: RowShape): T {
  for (const key of shape.booleans) if (row[key] !== null && row[key] !== undefined) row[key] = Number(row[key]) === 1;
  for (const key of shape.json) if (typeof row[key] === 'string') row[key] = JSON.parse(row[key] as string);
  return row as T;
}

export function decodeRow<T>(row: Record<string, unknown>, shape: RowShape): T {
  const value: Record<string, unknown> = Object.assign({}, row); // not a spread: several times faster on the drivers' rows
  for (const key of shape.booleans) if (value[key] !== null && value[key] !== undefined) value[key] = Number(value[key]) === 1;
  for (const key of shape.json) if (typeof value[key] === 'string') value[key] = JSON.parse(value[key] as string);
  return value as T;
}
