import { DomainError, type CaseRecord } from '@guanjia/core';

/** A keyset cursor over cases newest first: the last row's createdAt|id, base64url. */
export function encodeCursor(c: Pick<CaseRecord, 'createdAt' | 'id'>): string {
  return Buffer.from(`${c.createdAt}|${c.id}`).toString('base64url');
}

export function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id) throw new DomainError('FIELD_INVALID', 'query.cursor', { reason: 'cursor' });
  return { createdAt, id };
}
