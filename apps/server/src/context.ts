import type { Database } from '@guanjia/storage';
import type { FieldCipher } from './security/encryption.ts';
import type { ActorCache } from './services/actor-cache.ts';

/** Everything the app needs from outside, passed in (tests build their own). */
export interface AppDeps {
  database: Database;
  /** The current instant as ISO-8601 UTC; tests may fix it. */
  now: () => string;
  newId: () => string;
  cipher: FieldCipher;
  /** Folder where attachment bytes are stored (content-addressed). */
  attachmentsDir: string;
  limits: AppLimits;
  logger?: boolean | object;
  /** Made by buildApp when absent; services clear it whenever accounts, sessions or tokens change. */
  actorCache?: ActorCache;
}

export interface AppLimits {
  jsonBodyBytes: number;
  attachmentBytes: number;
  sessionIdleMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
}

export const DEFAULT_LIMITS: AppLimits = {
  jsonBodyBytes: 256 * 1024,
  attachmentBytes: 10 * 1024 * 1024,
  sessionIdleMinutes: 8 * 60,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
};
