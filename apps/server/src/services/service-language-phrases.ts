import { DEFAULT_FORBIDDEN_PHRASES } from '@guanjia/core';
import { findServiceLanguageList } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/** The phrases an organization's owner-facing texts are checked against: its own list, else the default (seed 004). */
export async function phrasesOf(deps: AppDeps, organizationId: string): Promise<readonly string[]> {
  return (await findServiceLanguageList(deps.database.db, organizationId))?.phrases ?? DEFAULT_FORBIDDEN_PHRASES;
}
