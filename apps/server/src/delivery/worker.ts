import { nextAttemptAt } from '@guanjia/core';
import {
  appendCaseEventsBatch,
  appendOutbox,
  claimDueDeliveries,
  claimOutbox,
  finishDelivery,
  findCaseRoutings,
  insertNewDeliveries,
  insertNotification,
  listChannelSettings,
  lockCommonPushes,
  markOutboxProcessed,
  nextDeliveryInstant,
  outboxPending,
  pruneOutbox,
  setCaseVersions,
  type CaseRouting,
  type DeliveryOutcome,
  type DeliveryRecord,
  type OutboxEntry,
} from '@guanjia/storage';
import type { ConfigurableChannel, MessageKind } from '@guanjia/vocabulary';
import type { AppDeps } from '../context.ts';
import { publishCase } from '../services/cases.service.ts';
import { inTransaction } from '../services/transaction.ts';
import { ChannelError, type ChannelAdapter, type ChannelSettings } from './channel.ts';
import { planCallbackUnsatisfied } from './callback-alerts.ts';
import { planDigestEntry } from './alert-digests.ts';
import { DELIVERY_FALLBACK_TOPIC, planDeliveryFallback } from './fallback-messages.ts';
import { planPageEntry } from './alert-pages.ts';
import { planCaseEntry, planRatingReply, RATING_REPLIED_TOPIC } from './case-messages.ts';
import { planNoticeEntry } from './notice-messages.ts';
import { planSurveyEntry } from './survey-messages.ts';
import { planVisitAppointment } from './visit-messages.ts';
import { planStatutoryDue } from './statutory-messages.ts';
import { STATUTORY_OUTBOX_TOPIC } from '../services/statutory-alerts.ts';
import { expireNotices } from '../services/notice-endings.ts';
import { PlanContext } from './plan-context.ts';

/**
 * The delivery worker (issue 13 item 1, decision 0025). Each tick:
 * 1. plans: takes outbox rows (locked, others' skipped on PostgreSQL), turns each into deliveries — one
 *    per message × recipient × channel, unique in the table — and marks the rows processed, all in one
 *    transaction: a kill before commit leaves the rows to be planned again, after it they are done;
 * 2. sends: claims due deliveries under a lease (FOR UPDATE SKIP LOCKED on PostgreSQL, so several
 *    processes never take the same row), sends each through its channel's adapter with the delivery's
 *    idempotency key, and writes the outcome: sent, a retry at an instant with exponential backoff and
 *    jitter (core's nextAttemptAt), or failed (the dead-letter list) with the provider's reason. A worker
 *    killed mid-send leaves its rows `sending`; once the lease has passed another tick claims them again
 *    and the provider drops the repeat by its key;
 * 3. prunes outbox rows processed more than a day ago.
 */
export interface DeliveryWorkerOptions {
  adapters: Record<ConfigurableChannel, ChannelAdapter>;
  /** Deliveries sent at once. */
  concurrency?: number;
  /** How long a claimed delivery stays with its worker before another may take it (a dead worker's). */
  leaseSeconds?: number;
  /** Randomness of the retry jitter (tests fix it). */
  random?: () => number;
  /** Outbox rows processed longer ago than this are deleted. */
  pruneAfterHours?: number;
}

export interface DeliveryTickResult {
  planned: number;
  deliveries: number;
  sent: number;
  retried: number;
  failed: number;
}

const OUTBOX_BATCH = 200;
const SEND_BATCH = 200;

export async function runDeliveryTick(deps: AppDeps, options: DeliveryWorkerOptions): Promise<DeliveryTickResult> {
  await expireNotices(deps); // notices past their expiry leave the portal (and their unsent pushes are cancelled)
  const planned = await planOutbox(deps);
  const sent = await sendDue(deps, options);
  return { planned: planned.entries, deliveries: planned.deliveries, ...sent };
}

/** Step 1: outbox rows → deliveries, in one transaction per batch (`batch` rows at most: tests make two planners race). */
export async function planOutbox(deps: AppDeps, options: { batch?: number } = {}): Promise<{ entries: number; deliveries: number }> {
  const size = options.batch ?? OUTBOX_BATCH;
  let entries = 0;
  let deliveries = 0;
  for (;;) {
    let changed: { before: CaseRouting; events: { type: string; internal: boolean }[] }[] = [];
    const batch = await inTransaction(deps.database, async (db) => {
      const now = deps.now();
      const rows = await claimOutbox(db, size);
      if (!rows.length) return { rows: 0, deliveries: 0 };
      // one push an hour per owner: planners of common notices take turns per organization (PostgreSQL),
      // first thing in the transaction, so the throttle of the second reads what the first wrote
      await lockCommonPushes(
        db,
        rows.filter((r) => r.topic === 'notice.published').map((r) => r.organizationId),
      );
      const ctx = new PlanContext(deps, db, now);
      for (const entry of rows) await planEntry(ctx, entry);
      // one delivery per message × recipient × channel: a message planned before (its outbox row
      // planned again) is refused by the unique index, and so are its notification and history line
      const added = await insertNewDeliveries(db, ctx.deliveries);
      const isNew = (data: Record<string, unknown>) => typeof data.deliveryId !== 'string' || added.has(data.deliveryId);
      for (const n of ctx.notifications) if (isNew(n.data)) await insertNotification(db, n);
      // the owner's messages in each case's history (the cases were locked by the planners)
      const caseEvents = [...ctx.caseEvents].map(([id, events]) => [id, events.filter((e) => isNew(e.data))] as const).filter(([, events]) => events.length);
      const cases = new Map(
        (
          await findCaseRoutings(
            db,
            caseEvents.map(([id]) => id),
          )
        ).map((c) => [c.id, c]),
      );
      const entriesOfCases = caseEvents.filter(([id]) => cases.has(id)).map(([id, events]) => ({ before: cases.get(id)!, events }));
      await appendCaseEventsBatch(db, entriesOfCases, deps.newId);
      await setCaseVersions(
        db,
        entriesOfCases.map(({ before, events }) => ({ id: before.id, version: before.version + events.length, updatedAt: now })),
      );
      await markOutboxProcessed(
        db,
        rows.map((r) => r.id),
        now,
      );
      changed = entriesOfCases.map(({ before, events }) => ({ before, events: events.map((e) => ({ type: e.type, internal: e.internal })) }));
      return { rows: rows.length, deliveries: added.size };
    });
    for (const { before, events } of changed) publishCase(deps, 'case.changed', before, events);
    entries += batch.rows;
    deliveries += batch.deliveries;
    if (batch.rows < size) return { entries, deliveries };
  }
}

async function planEntry(ctx: PlanContext, entry: OutboxEntry): Promise<void> {
  switch (entry.topic) {
    case 'case.created':
    case 'case.changed':
      return planCaseEntry(ctx, entry);
    case 'sla.page':
      return planPageEntry(ctx, entry);
    case 'notice.published':
      return planNoticeEntry(ctx, entry);
    case 'alert.digest':
      return planDigestEntry(ctx, entry);
    case 'callback.unsatisfied':
      return planCallbackUnsatisfied(ctx, entry);
    case RATING_REPLIED_TOPIC:
      return planRatingReply(ctx, entry);
    case 'survey.launched':
      return planSurveyEntry(ctx, entry);
    case 'visit.appointed':
      return planVisitAppointment(ctx, entry);
    case STATUTORY_OUTBOX_TOPIC:
      return planStatutoryDue(ctx, entry);
    case DELIVERY_FALLBACK_TOPIC:
      return planDeliveryFallback(ctx, entry);
    default:
      return; // a topic without messages (yet): processed, nothing to send
  }
}

/** Step 2: due deliveries sent, a batch at a time, `concurrency` at once. */
export async function sendDue(deps: AppDeps, options: DeliveryWorkerOptions): Promise<{ sent: number; retried: number; failed: number }> {
  const totals = { sent: 0, retried: 0, failed: 0 };
  const leaseMs = (options.leaseSeconds ?? 60) * 1000;
  const settings = new SettingsCache(deps);
  for (;;) {
    const now = deps.now();
    const claimed = await inTransaction(deps.database, (db) => claimDueDeliveries(db, now, new Date(Date.parse(now) + leaseMs).toISOString(), SEND_BATCH));
    if (!claimed.length) return totals;
    const queue = [...claimed];
    const workers = Array.from({ length: Math.min(options.concurrency ?? 8, queue.length) }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const { outcome, unreachable } = await attempt(deps, options, settings, d);
        await inTransaction(deps.database, async (db) => {
          const written = await finishDelivery(db, d.id, outcome);
          // an owner not reachable on this channel: their next one is tried (planned from this row, fallback-messages.ts)
          if (written && outcome.status === 'failed' && unreachable && d.recipientType === 'owner')
            await appendOutbox(db, { organizationId: d.organizationId, topic: DELIVERY_FALLBACK_TOPIC, payload: { deliveryId: d.id }, createdAt: outcome.at });
        });
        if (outcome.status === 'queued') totals.retried += 1;
        else if (outcome.status === 'failed') totals.failed += 1;
        else totals.sent += 1;
      }
    });
    await Promise.all(workers);
    if (claimed.length < SEND_BATCH) return totals;
  }
}

async function attempt(
  deps: AppDeps,
  options: DeliveryWorkerOptions,
  settings: SettingsCache,
  d: DeliveryRecord,
): Promise<{ outcome: DeliveryOutcome; unreachable: boolean }> {
  const channel = d.channel as ConfigurableChannel;
  const adapter = options.adapters[channel];
  const fail = (reason: string, permanent: boolean, unreachable = false): { outcome: DeliveryOutcome; unreachable: boolean } => {
    const at = deps.now();
    const next = permanent ? null : nextAttemptAt(Date.parse(at), d.attempts, (options.random ?? Math.random)());
    return next === null
      ? { outcome: { status: 'failed', lastError: reason, at }, unreachable: permanent && unreachable }
      : { outcome: { status: 'queued', lastError: reason, nextAttemptAt: new Date(next).toISOString(), at }, unreachable: false };
  };
  if (!adapter) return fail(`no adapter for channel ${d.channel}`, true);
  const s = await settings.of(d.organizationId, channel);
  if (!s) return fail(`channel ${channel} is not set up or is disabled`, true);
  try {
    const to = d.addressEncrypted ? deps.cipher.decrypt(d.addressEncrypted) : '';
    const result = await adapter.send(
      {
        idempotencyKey: d.idempotencyKey,
        kind: d.kind as MessageKind,
        to,
        title: d.title,
        body: d.body,
        fields: d.fields,
        url: d.url ?? undefined,
        urgent: d.urgent,
      },
      s,
    );
    return { outcome: { status: 'sent', providerMessageId: result.providerMessageId, at: deps.now() }, unreachable: false };
  } catch (error) {
    if (error instanceof ChannelError) return fail(error.reason.slice(0, 500), error.permanent, error.unreachable);
    return fail(`${(error as Error).name}: ${(error as Error).message}`.slice(0, 500), false);
  }
}

/** An organization's channel settings, decrypted once per send batch. */
class SettingsCache {
  private readonly byOrganization = new Map<string, Promise<Map<string, ChannelSettings>>>();
  constructor(private readonly deps: AppDeps) {}

  async of(organizationId: string, channel: ConfigurableChannel): Promise<ChannelSettings | null> {
    let all = this.byOrganization.get(organizationId);
    if (!all) {
      all = listChannelSettings(this.deps.database.db, organizationId).then(
        (rows) =>
          new Map(
            rows
              .filter((r) => r.enabled)
              .map((r) => [r.channel, { config: r.config, secret: r.secretEncrypted ? this.deps.cipher.decrypt(r.secretEncrypted) : '' }] as const),
          ),
      );
      this.byOrganization.set(organizationId, all);
    }
    return (await all).get(channel) ?? null;
  }
}

/**
 * Runs delivery ticks for the life of the server: at once when poked (a case change or page in this
 * process), else at the next retry's instant, polling every `pollMs` for work written by other
 * processes. Outbox rows are pruned once an hour.
 */
export class DeliveryWorker {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;
  private lastPrune = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly options: DeliveryWorkerOptions,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly pollMs = 1000,
  ) {}

  start(): void {
    this.deps.delivery = this;
    void this.loop();
  }

  poke(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), Math.max(0, ms));
  }

  private async loop(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    let wait = this.pollMs;
    try {
      do {
        this.again = false;
        await runDeliveryTick(this.deps, this.options);
      } while (this.again && !this.stopped);
      const nowMs = Date.parse(this.deps.now());
      if (nowMs - this.lastPrune > 3_600_000) {
        this.lastPrune = nowMs;
        const before = new Date(nowMs - (this.options.pruneAfterHours ?? 24) * 3_600_000).toISOString();
        await inTransaction(this.deps.database, (db) => pruneOutbox(db, before));
      }
      if (await outboxPending(this.deps.database.db)) wait = 0;
      else {
        const next = await nextDeliveryInstant(this.deps.database.db);
        if (next) wait = Math.min(this.pollMs, Math.max(0, Date.parse(next) - Date.parse(this.deps.now())));
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    if (!this.stopped) this.schedule(wait);
  }
}
