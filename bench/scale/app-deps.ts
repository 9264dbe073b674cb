// The app's dependencies for a bench server on a generated data set (server-child.ts, endpoint-profile.ts):
// the data set's cipher key, a real clock and ids, the default limits.
import type { Database } from '@guanjia/storage';
import { createFieldCipher, createIdGenerator, DEFAULT_LIMITS, type AppDeps } from '@guanjia/server';
import { BENCH_CIPHER_KEY } from './generate.ts';

export function scaleAppDeps(database: Database, attachmentsDir: string, log: Pick<AppDeps, 'logger' | 'requestLog'>): AppDeps {
  return {
    database,
    now: () => new Date().toISOString(),
    newId: createIdGenerator(),
    cipher: createFieldCipher(BENCH_CIPHER_KEY),
    attachmentsDir,
    limits: DEFAULT_LIMITS,
    ...log,
  };
}
