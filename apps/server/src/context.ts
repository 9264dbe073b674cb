import type { Database } from '@guanjia/storage';
import type { FieldCipher } from './security/encryption.ts';
import type { ActorCache } from './services/actor-cache.ts';
import type { ProjectRow, UnitLabel } from '@guanjia/storage';
import type { SlaSetup } from './services/sla.service.ts';
import type { TtlCache } from './services/ttl-cache.ts';
import type { LiveBus } from './services/live.ts';
import type { FailureWindow } from './security/failure-window.ts';
import type { RequestLogConfig } from './config.ts';

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
  /** With a logger: every request at info, or (default) only failed (5xx) and slow (≥ 1,000 ms) ones. */
  requestLog?: RequestLogConfig;
  /** Made by buildApp when absent; services clear it whenever accounts, sessions or tokens change. */
  actorCache?: ActorCache;
  /** Made by buildApp when absent; cleared whenever a project is edited. */
  projectCache?: TtlCache<ProjectRow>;
  /** Made by buildApp when absent: unit labels of lists' who and where; cleared whenever a building or unit is edited. */
  unitLabelCache?: TtlCache<UnitLabel>;
  /** Made by buildApp when absent: owners' names of lists' who and where; an owner's entry dropped when the owner is edited. */
  ownerNameCache?: TtlCache<string>;
  /** Made by buildApp when absent: staff names of lists' who and where (assignees); cleared when a staff member is edited. */
  staffNameCache?: TtlCache<string>;
  /** Made by buildApp when absent: department names of lists' who and where; cleared when a department is edited. */
  departmentNameCache?: TtlCache<string>;
  /** Made by buildApp when absent; cleared whenever a calendar or SLA rules change. */
  slaCache?: TtlCache<SlaSetup>;
  /** Made by buildApp when absent: committed changes for the live streams. */
  live?: LiveBus;
  /** Folder of the built web UI (console at /, portal at /portal/); absent: no UI served. */
  webDir?: string;
  /** Made by buildApp when absent: failed sign-ins per login from unfamiliar sources (issue 9). */
  loginFailureWindow?: FailureWindow;
  /**
   * Proxies whose X-Forwarded-For is believed (GUANJIA_TRUST_PROXY): absent or false, none — the
   * socket's address is the client's, as written to the audit log.
   */
  trustProxy?: false | string[];
  /**
   * Tests: an answer carrying a field its response schema does not document is a 500 (the drift shows),
   * instead of the field being dropped silently as in production.
   */
  strictResponses?: boolean;
  /**
   * Clock alerts to one person within this many minutes become one digest notification (default 2;
   * GUANJIA_NOTICE_DIGEST_MINUTES); 0 sends each tick's alerts at once.
   */
  noticeDigestMinutes?: number;
  /** The address owners and staff reach this server at (GUANJIA_PUBLIC_URL), for links in messages; absent: messages carry no link. */
  publicUrl?: string;
  /** The delivery worker of this process, when running: told when the outbox has something new. */
  delivery?: { poke(): void };
  /** The SLA scheduler of this process, when running: told when a clock gets a sooner alert. */
  scheduler?: { poke(): void };
}

export interface AppLimits {
  jsonBodyBytes: number;
  attachmentBytes: number;
  /** An uploaded workbook to import (a roster of 100,000 owners is about 8 MB). */
  importBytes: number;
  /** Rows (people, units, accounts) an import writes per transaction: a killed apply resumes after the last whole chunk. */
  importChunkRows: number;
  /** How long an apply holds its import without writing a chunk; a killed apply's import may be resumed after it. */
  importLeaseSeconds: number;
  sessionIdleMinutes: number;
  maxFailedLogins: number;
  lockoutMinutes: number;
  /** Sign-in attempts one address may make per minute (all logins together). */
  signInPerIpPerMinute: number;
  /** Failed sign-ins one login may take from unfamiliar sources per window, before they wait. */
  signInFailuresPerLogin: number;
  signInFailureWindowMinutes: number;
}

export const DEFAULT_LIMITS: AppLimits = {
  jsonBodyBytes: 256 * 1024,
  attachmentBytes: 10 * 1024 * 1024,
  importBytes: 40 * 1024 * 1024,
  importChunkRows: 1000,
  importLeaseSeconds: 120,
  sessionIdleMinutes: 8 * 60,
  maxFailedLogins: 5,
  lockoutMinutes: 15,
  signInPerIpPerMinute: 30,
  signInFailuresPerLogin: 20,
  signInFailureWindowMinutes: 15,
};
