import {
  assignCallbacks,
  callbacksOwedBy,
  defaultCallbackDueAt,
  primaryCallbackWanted,
  UNRATED_AFTER_MINUTES,
  type CallbackSource,
  type CaseRecord,
  type NewCaseEvent,
} from '@guanjia/core';
import {
  callbackModeOf,
  cancelDueCallbacksOfCase,
  dueCallbackLoads,
  findCallbackByFollowUpCase,
  findCases,
  insertCallbacks,
  listClocksOfCase,
  listStaff,
  listUnratedRepairs,
  type CallbackRow,
  type Schema,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { inTransaction } from './transaction.ts';

/**
 * The callbacks a case owes (回访, decision 0027), made where the case changes, in its transaction:
 * a repair signed off (primary, per its category's setting; complained_repair after a rework), a
 * failed repair's rework follow-up, a company-level complaint closed; a complaint opened by a
 * callback's 不满意 and closed makes the repair it came from owe a complained_repair callback. A
 * case closed out of scope cancels its due callbacks. The unrated sweep (runUnratedSweep) runs from
 * the SLA tick. One open callback per case and source: a second is not made (the index says so).
 * Each is given to a person as it is made (core's assignCallbacks: the desk, the first receiver, the
 * quality department; see decision 0027) — the weekly sample's to its round's caller.
 */

/** The clock of a follow-up callback: its running SLA clock's due instant when there is one. */
const CLOCK_OF: Partial<Record<CallbackSource, string>> = { rework: 'rework_follow_up', company_complaint: 'quality_callback' };

export function callbackRow(
  deps: AppDeps,
  c: Pick<CaseRecord, 'id' | 'organizationId' | 'projectId' | 'type' | 'unitId' | 'ownerId'>,
  source: CallbackSource,
  now: string,
  extra: Partial<CallbackRow> = {},
): CallbackRow {
  return {
    id: deps.newId(),
    organizationId: c.organizationId,
    projectId: c.projectId,
    caseId: c.id,
    caseType: c.type,
    unitId: c.unitId,
    ownerId: c.ownerId,
    source,
    status: 'due',
    roundId: null,
    assigneeId: null,
    period: null,
    dueAt: defaultCallbackDueAt(source, now),
    attempts: 0,
    nextAttemptAt: null,
    lastAttemptAt: null,
    outcome: null,
    followUp: null,
    followUpCaseId: null,
    madeBy: null,
    completedAt: null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    ...extra,
  };
}

/** Fills in who makes each callback not yet given to anyone (not the weekly sample's: its round's caller), per project. */
export async function withAssignees(db: Kysely<Schema>, rows: readonly CallbackRow[]): Promise<CallbackRow[]> {
  const out = [...rows];
  const open = out.map((r, i) => [r, i] as const).filter(([r]) => r.assigneeId === null && r.source !== 'weekly_sample');
  if (!open.length) return out;
  const cases = new Map((await findCases(db, [...new Set(open.map(([r]) => r.caseId))])).map((c) => [c.id, c]));
  const byProject = new Map<string, (typeof open)[number][]>();
  for (const entry of open) byProject.set(entry[0].projectId, [...(byProject.get(entry[0].projectId) ?? []), entry]);
  for (const [projectId, entries] of byProject) {
    const staff = await listStaff(db, entries[0]![0].organizationId, [projectId]);
    const loads = await dueCallbackLoads(
      db,
      projectId,
      staff.map((s) => s.id),
    );
    const picks = assignCallbacks(
      entries.map(([r]) => {
        const c = cases.get(r.caseId);
        return { source: r.source, projectId, firstReceiverId: c?.firstReceiverId ?? null, accusedStaffId: c?.accusedStaffId ?? null, createdBy: r.createdBy };
      }),
      staff.map((s) => ({ id: s.id, roles: s.roles, active: s.active, companyWide: s.companyWide, projectIds: s.projectIds, load: loads.get(s.id) ?? 0 })),
    );
    entries.forEach(([r, i], k) => (out[i] = { ...r, assigneeId: picks[k] ?? null }));
  }
  return out;
}

/** Inserts callbacks owed, each given to its person first (a second open one of a case and source is skipped). The ids inserted. */
export async function insertOwedCallbacks(db: Kysely<Schema>, rows: readonly CallbackRow[]): Promise<string[]> {
  return rows.length ? insertCallbacks(db, await withAssignees(db, rows)) : [];
}

export async function openOwedCallbacks(deps: AppDeps, db: Kysely<Schema>, next: CaseRecord, events: readonly NewCaseEvent[]): Promise<void> {
  const rows: CallbackRow[] = [];
  for (const e of events) {
    if (e.type === 'closed_out_of_scope') await cancelDueCallbacksOfCase(db, next.id, e.at);
    for (const owed of callbacksOwedBy(e, next)) {
      if (owed.bySetting && !primaryCallbackWanted(await callbackModeOf(db, next.projectId, next.category), next.rating !== null)) continue;
      const clockKind = CLOCK_OF[owed.source];
      const clock = clockKind ? (await listClocksOfCase(db, next.id)).find((k) => k.kind === clockKind && k.stoppedAt === null) : undefined;
      rows.push(callbackRow(deps, next, owed.source, e.at, clock?.dueAt ? { dueAt: clock.dueAt } : {}));
    }
    // a complaint a callback opened, now closed: the repair it came from is a complained-about repair
    if (next.type === 'complaint' && e.type === 'closed') {
      const origin = await findCallbackByFollowUpCase(db, next.id);
      if (origin && origin.caseType === 'repair')
        rows.push(
          callbackRow(deps, { ...origin, id: origin.caseId, type: 'repair', organizationId: origin.organizationId }, 'complained_repair', e.at, {
            period: null,
          }),
        );
    }
  }
  if (rows.length) await insertOwedCallbacks(db, rows);
}

/** How often the unrated sweep looks, and how far back (repairs completed earlier are not swept). */
export const UNRATED_SWEEP_EVERY_MINUTES = 5;
export const UNRATED_SWEEP_WINDOW_DAYS = 14;
const lastSweep = new WeakMap<AppDeps, number>();

/**
 * 48 h without a rating: repairs completed 48 hours ago or more (within the window) that the owner
 * has not rated and that have no callback yet join the queue as `unrated` — unless their category's
 * setting is `never`. Runs at most every few minutes (the SLA tick calls it every time). How many joined.
 */
export async function runUnratedSweep(deps: AppDeps, options: { force?: boolean } = {}): Promise<number> {
  const now = deps.now();
  const nowMs = Date.parse(now);
  const last = lastSweep.get(deps);
  if (!options.force && last !== undefined && nowMs - last < UNRATED_SWEEP_EVERY_MINUTES * 60_000) return 0;
  lastSweep.set(deps, nowMs);
  const doneTo = new Date(nowMs - UNRATED_AFTER_MINUTES * 60_000).toISOString();
  const doneFrom = new Date(nowMs - (UNRATED_AFTER_MINUTES + UNRATED_SWEEP_WINDOW_DAYS * 24 * 60) * 60_000).toISOString();
  let joined = 0;
  for (;;) {
    const batch = await inTransaction(deps.database, async (db) => {
      const candidates = await listUnratedRepairs(db, doneFrom, doneTo, 200);
      const inserted = await insertOwedCallbacks(
        db,
        candidates.map((r) => callbackRow(deps, { ...r, type: 'repair' }, 'unrated', now)),
      );
      return { candidates: candidates.length, inserted: inserted.length };
    });
    joined += batch.inserted;
    if (batch.candidates < 200 || batch.inserted === 0) return joined;
  }
}
