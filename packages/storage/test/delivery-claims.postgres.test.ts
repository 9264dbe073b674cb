import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimDueDeliveries, claimOutbox, insertDeliveries, markOutboxProcessed, type Database, type DeliveryRecord } from '../src/index.ts';
import { freshDatabase, PG_ADMIN_URL } from '../src/testing/fresh-database.ts';

/**
 * The delivery worker's claims on PostgreSQL (decision 0025): several server processes share the
 * outbox and the deliveries, each claim locking its rows and skipping rows another transaction holds
 * (FOR UPDATE SKIP LOCKED). Proved here on the storage functions themselves, whatever GUANJIA_TEST_DB
 * says: two transactions claiming at the same time — the first holding its rows uncommitted while the
 * second claims — get disjoint sets that together are every row due, and the second is never made to
 * wait; and several claimers racing in a loop drain the tables, each row claimed exactly once. Runs
 * whenever PostgreSQL answers; with CI=true it must.
 */
async function probePostgres(): Promise<{ available: boolean; reason: string }> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
    return { available: true, reason: '' };
  } catch (error) {
    return {
      available: false,
      reason: `PostgreSQL does not answer at ${new URL(PG_ADMIN_URL).host} (${error instanceof Error ? error.message : String(error)})`,
    };
  } finally {
    await client.end().catch(() => {});
  }
}
const probe = await probePostgres();
if (!probe.available) console.warn(`delivery-claims.postgres.test.ts: SKIP LOCKED is not tested here: ${probe.reason}`);

const NOW = '2026-11-25T02:00:00.000Z';
const LEASE = '2026-11-25T02:01:00.000Z';
const minutes = (m: number) => new Date(Date.parse(NOW) + m * 60_000).toISOString();

let database: Database;
let drop: (() => Promise<void>) | undefined;
let serial = 0;

function delivery(over: Partial<DeliveryRecord>): DeliveryRecord {
  serial += 1;
  const id = `d-${String(serial).padStart(5, '0')}`;
  return {
    id,
    organizationId: 'org',
    projectId: null,
    messageKey: `test:${id}`,
    kind: 'channel_test',
    sourceType: 'test',
    sourceId: null,
    recipientType: 'endpoint',
    recipientId: 'someone',
    channel: 'webhook',
    addressEncrypted: null,
    addressMasked: null,
    urgent: false,
    title: 't',
    body: 'b',
    fields: {},
    url: null,
    idempotencyKey: `gj-${id}`,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: NOW,
    leaseUntil: null,
    reason: null,
    lastError: null,
    providerMessageId: null,
    createdAt: NOW,
    updatedAt: NOW,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    ...over,
  };
}

/**
 * Queues deliveries of every kind a claim must tell apart; returns the ids a claim at NOW may take:
 * queued and due, and `sending` ones whose worker's lease has passed (it died mid-send).
 */
async function queue(count: number): Promise<string[]> {
  const due = Array.from({ length: count }, (_, i) => delivery({ nextAttemptAt: minutes(-(i % 30)) }));
  const stale = Array.from({ length: Math.ceil(count / 5) }, () => delivery({ status: 'sending', attempts: 1, nextAttemptAt: null, leaseUntil: minutes(-1) }));
  const notYet = Array.from({ length: 10 }, () => delivery({ nextAttemptAt: minutes(5) }));
  const held = Array.from({ length: 5 }, () => delivery({ status: 'sending', attempts: 1, nextAttemptAt: null, leaseUntil: minutes(1) }));
  const done = Array.from({ length: 5 }, () => delivery({ status: 'sent', nextAttemptAt: null, sentAt: NOW }));
  await insertDeliveries(database.db, [...due, ...stale, ...notYet, ...held, ...done]);
  return [...due, ...stale].map((d) => d.id);
}

async function clearAll(): Promise<void> {
  await database.db.deleteFrom('deliveries').execute();
  await database.db.deleteFrom('outbox').execute();
}

/** Resolves with the value, or rejects when it takes longer than `ms` (a claim blocked behind another's locks). */
function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms))]);
}

/** Runs `claim` in a transaction that stays open (its row locks held) until `release` resolves; `claimed` resolves as soon as it has claimed. */
function holdingClaim<T>(claim: (trx: Database['db']) => Promise<T>, release: Promise<void>) {
  let claimedNow!: (value: T) => void;
  const claimed = new Promise<T>((resolve) => (claimedNow = resolve));
  const committed = database.db.transaction().execute(async (trx) => {
    const value = await claim(trx);
    claimedNow(value);
    await release;
    return value;
  });
  return { claimed, committed };
}

describe.runIf(probe.available || process.env.CI === 'true')('claims on PostgreSQL: FOR UPDATE SKIP LOCKED', () => {
  beforeAll(async () => {
    if (!probe.available) throw new Error(`CI=true: PostgreSQL must be reachable for this test: ${probe.reason}`);
    ({ database, drop } = await freshDatabase({ dialect: 'postgres', poolSize: 8 }));
  });
  afterAll(async () => {
    await drop?.();
  });

  it('due deliveries: a second transaction claiming while the first holds its rows gets the others, at once; together every due row, none twice', async () => {
    await clearAll();
    const eligible = await queue(70); // 70 due + 14 with a passed lease
    let release!: () => void;
    const first = holdingClaim((trx) => claimDueDeliveries(trx, NOW, LEASE, 50), new Promise<void>((r) => (release = r)));
    const a = await first.claimed;
    expect(a).toHaveLength(50);
    // the first transaction is open, its 50 rows locked: the second skips them instead of waiting
    const b = await within(
      database.db.transaction().execute((trx) => claimDueDeliveries(trx, NOW, LEASE, 50)),
      5_000,
      'the second claim (SKIP LOCKED should not wait)',
    ).finally(release);
    await first.committed;
    const ids = [...a, ...b].map((d) => d.id);
    expect(new Set(ids).size, 'no delivery claimed by both').toBe(ids.length);
    expect(ids.sort()).toEqual([...eligible].sort());
    // each claimed once: attempts counted once, under the new lease
    const rows = await database.db.selectFrom('deliveries').select(['id', 'status', 'attempts', 'leaseUntil']).where('id', 'in', eligible).execute();
    expect(rows.every((r) => r.status === 'sending' && r.leaseUntil === LEASE)).toBe(true);
    expect(rows.filter((r) => Number(r.attempts) === 1)).toHaveLength(70);
    expect(rows.filter((r) => Number(r.attempts) === 2)).toHaveLength(14);
    // nothing else was touched: the not-yet-due, the live lease, the sent
    expect(
      await within(
        database.db.transaction().execute((trx) => claimDueDeliveries(trx, NOW, LEASE, 50)),
        5_000,
        'a third claim',
      ),
    ).toEqual([]);
  });

  it('the outbox: a second planner claiming while the first holds its rows gets the others, at once; together every pending row, none twice', async () => {
    await clearAll();
    for (let i = 0; i < 60; i += 1)
      await database.db
        .insertInto('outbox')
        .values({ organizationId: 'org', topic: 'case.changed', payload: JSON.stringify({ i }), createdAt: NOW })
        .execute();
    await database.db.insertInto('outbox').values({ organizationId: 'org', topic: 'case.changed', payload: '{}', createdAt: NOW, processedAt: NOW }).execute();
    let release!: () => void;
    const first = holdingClaim((trx) => claimOutbox(trx, 40), new Promise<void>((r) => (release = r)));
    const a = await first.claimed;
    expect(a).toHaveLength(40);
    const b = await within(
      database.db.transaction().execute((trx) => claimOutbox(trx, 40)),
      5_000,
      'the second outbox claim (SKIP LOCKED should not wait)',
    ).finally(release);
    await first.committed;
    const ids = [...a, ...b].map((e) => e.id);
    expect(b).toHaveLength(20);
    expect(new Set(ids).size, 'no outbox row claimed by both').toBe(60);
  });

  it('four claimers racing in a loop drain deliveries and the outbox: every row claimed exactly once', async () => {
    await clearAll();
    const eligible = await queue(400);
    for (let i = 0; i < 200; i += 1)
      await database.db
        .insertInto('outbox')
        .values({ organizationId: 'org', topic: 'case.changed', payload: JSON.stringify({ i }), createdAt: NOW })
        .execute();
    const pause = () => new Promise((r) => setTimeout(r, 2));
    const claimedDeliveries: string[] = [];
    const claimedOutbox: number[] = [];
    const worker = async () => {
      for (;;) {
        const [d, o] = await database.db.transaction().execute(async (trx) => {
          const deliveries = await claimDueDeliveries(trx, NOW, LEASE, 9);
          const entries = await claimOutbox(trx, 7);
          await pause(); // hold the locks a moment, so claims overlap
          await markOutboxProcessed(
            trx,
            entries.map((e) => e.id),
            NOW,
          );
          return [deliveries, entries] as const;
        });
        claimedDeliveries.push(...d.map((x) => x.id));
        claimedOutbox.push(...o.map((x) => x.id));
        if (!d.length && !o.length) return;
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    expect(claimedDeliveries).toHaveLength(eligible.length);
    expect(new Set(claimedDeliveries).size).toBe(eligible.length);
    expect([...claimedDeliveries].sort()).toEqual([...eligible].sort());
    expect(claimedOutbox).toHaveLength(200);
    expect(new Set(claimedOutbox).size).toBe(200);
  });
});
