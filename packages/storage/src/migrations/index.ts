import type { Migration } from 'kysely';
import * as m0001 from './0001-initial.ts';

/** Append-only: never edit a shipped migration; add the next one. */
export const MIGRATIONS: Record<string, Migration> = {
  '0001-initial': m0001,
};
