import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '@guanjia/storage';
import { sql } from 'kysely';
import type { LiveEvent } from '../src/services/live.ts';
import { LIVE_APPLICATION_NAME, LIVE_PAYLOAD_MAX_BYTES, livePayloads, PostgresLiveTransport } from '../src/services/live-postgres.ts';
import { newPostgresDatabase, postgresAvailable } from './postgres-available.ts';

/**
 * The live streams' PostgreSQL transport (live-postgres.ts) between two "processes" (two transports,
 * each with its own pool and LISTEN connection) on a real PostgreSQL database: each hears each event
 * once, its own included, also across a dropped LISTEN connection; and the payloads' packing.
 */
const eventOf = (caseId: string, more: Partial<LiveEvent> = {}): LiveEvent => ({
  type: 'case.changed',
  caseId,
  organizationId: 'org-1',
  projectId: 'project-1',
  ownerId: null,
  accusedStaffId: null,
  accusedParty: null,
  events: ['note'],
  ownerEvents: [],
  ...more,
});

const until = async (condition: () => boolean, what: string, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
};
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const countOf = (heard: LiveEvent[], caseId: string) => heard.filter((e) => e.caseId === caseId).length;

describe('livePayloads: events packed into notifications PostgreSQL accepts', () => {
  it('every payload stays under the limit and carries every event once, in order; one too large alone says only changed', () => {
    const eventArb = fc.record({
      caseId: fc.uuid(),
      events: fc.array(fc.string({ minLength: 1, maxLength: 400, unit: 'binary' }), { maxLength: 30 }),
      ownerEvents: fc.array(fc.constantFrom('message', 'created', 'closed'), { maxLength: 3 }),
    });
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 60 }), (drafts) => {
        const items = drafts.map((d, i) => ({ seq: i + 1, event: eventOf(d.caseId, { events: d.events, ownerEvents: d.ownerEvents }) }));
        const payloads = livePayloads('origin-1', items);
        for (const p of payloads) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(LIVE_PAYLOAD_MAX_BYTES);
        const carried = payloads.flatMap((p) => {
          const message = JSON.parse(p) as { origin: string; events: { seq: number; event: LiveEvent }[] };
          expect(message.origin).toBe('origin-1');
          expect(message.events.length).toBeGreaterThan(0);
          return message.events;
        });
        expect(carried.map((c) => c.seq)).toEqual(items.map((i) => i.seq));
        carried.forEach((c, i) => {
          const sent = items[i]!.event;
          const alone = Buffer.byteLength(JSON.stringify({ origin: 'origin-1', events: [items[i]] }), 'utf8');
          if (alone <= LIVE_PAYLOAD_MAX_BYTES) expect(c.event).toEqual(sent);
          else expect(c.event).toEqual({ ...sent, events: ['changed'], ownerEvents: sent.ownerEvents.length ? ['changed'] : [] });
        });
      }),
      { numRuns: 150 },
    );
  });
});

const probe = await postgresAvailable();
if (!probe.available) console.warn(`live-postgres.test.ts: the PostgreSQL transport is not tested here: ${probe.reason}`);

describe.runIf(probe.available || process.env.CI === 'true')('live updates between processes on one PostgreSQL (LISTEN/NOTIFY)', () => {
  let url: string;
  let drop: () => Promise<void>;
  const databases: Database[] = [];
  const transports: PostgresLiveTransport[] = [];
  const warnings: string[] = [];

  /** One "process": its own pool, its own LISTEN connection; what its listeners heard. */
  async function newProcess(): Promise<{ transport: PostgresLiveTransport; heard: LiveEvent[]; database: Database }> {
    const database = openDatabase({ url, poolSize: 2 });
    const transport = new PostgresLiveTransport(database, { onError: (message) => warnings.push(message), reconnectFirstMs: 20, reconnectMostMs: 100 });
    const heard: LiveEvent[] = [];
    await transport.start((e) => heard.push(e));
    databases.push(database);
    transports.push(transport);
    return { transport, heard, database };
  }

  /** Ends every LISTEN connection to the test database, as a restart or a network failure would. */
  async function endListenConnections(database: Database): Promise<number> {
    const { rows } = await sql<{ ended: boolean }>`
      select pg_terminate_backend(pid) as ended from pg_stat_activity where application_name = ${LIVE_APPLICATION_NAME} and datname = current_database()`.execute(
      database.db,
    );
    return rows.filter((r) => r.ended).length;
  }

  beforeAll(async () => {
    if (!probe.available) throw new Error(`CI=true: PostgreSQL must be reachable for this test: ${probe.reason}`);
    ({ url, drop } = await newPostgresDatabase());
  });
  afterAll(async () => {
    for (const t of transports) await t.close();
    for (const d of databases) await d.close();
    await drop?.();
  });

  it('each process hears each event exactly once, its own included', async () => {
    const a = await newProcess();
    const b = await newProcess();
    expect(a.transport.isListening && b.transport.isListening).toBe(true);
    a.transport.publish(eventOf('case-a1', { type: 'case.created', events: ['created'], ownerEvents: ['created'] }));
    a.transport.publish(eventOf('case-a2'));
    b.transport.publish(eventOf('case-b1', { type: 'sla.alert', events: ['sla_warning'] }));
    await until(() => a.heard.length >= 3 && b.heard.length >= 3, 'both processes to hear three events');
    await pause(300);
    for (const p of [a, b]) {
      expect(p.heard.map((e) => e.caseId).sort()).toEqual(['case-a1', 'case-a2', 'case-b1']);
    }
    expect(b.heard.find((e) => e.caseId === 'case-a1')).toEqual(eventOf('case-a1', { type: 'case.created', events: ['created'], ownerEvents: ['created'] }));
    expect(a.heard.find((e) => e.caseId === 'case-b1')?.type).toBe('sla.alert');
  });

  it('an event too large for a notification reaches the other process saying only that its case changed', async () => {
    const a = await newProcess();
    const b = await newProcess();
    const huge = eventOf('case-huge', { events: Array.from({ length: 1_000 }, (_, i) => `event_type_${i}`), ownerEvents: ['message'] });
    a.transport.publish(huge);
    await until(() => countOf(a.heard, 'case-huge') === 1 && countOf(b.heard, 'case-huge') === 1, 'the large event on both');
    expect(a.heard.find((e) => e.caseId === 'case-huge')).toEqual(huge);
    expect(b.heard.find((e) => e.caseId === 'case-huge')).toEqual({ ...huge, events: ['changed'], ownerEvents: ['changed'] });
  });

  it('the LISTEN connection dropped: own events are heard at once, it LISTENs again, and nothing is heard twice', async () => {
    const a = await newProcess();
    const b = await newProcess();
    warnings.length = 0;
    const sent: string[] = [];
    const publish = (caseId: string) => {
      sent.push(caseId);
      a.transport.publish(eventOf(caseId));
    };
    // three times: the moment a notification of an own event comes back just as the LISTEN is new again is a matter of timing
    for (let round = 0; round < 3; round += 1) {
      expect(await endListenConnections(a.database)).toBeGreaterThanOrEqual(2);
      await until(() => !a.transport.isListening && !b.transport.isListening, 'both listeners to notice');
      // while down: this process still hears its own change, at once (no round trip)
      publish(`case-while-down-${round}`);
      expect(countOf(a.heard, `case-while-down-${round}`)).toBe(1);
      // across the reconnection: an event every millisecond, sent before, during and after the new LISTEN
      const deadline = Date.now() + 5_000;
      for (let i = 0; !(a.transport.isListening && b.transport.isListening) || i < 5; i += 1) {
        if (Date.now() > deadline) throw new Error('the listeners did not come back');
        publish(`case-around-${round}-${i}`);
        await pause(1);
      }
    }
    a.transport.publish(eventOf('case-after'));
    b.transport.publish(eventOf('case-after-b'));
    await until(() => countOf(b.heard, 'case-after') === 1 && countOf(a.heard, 'case-after-b') === 1, 'both to hear the events after the reconnection');
    await pause(300);
    for (const caseId of [...sent, 'case-after']) expect(countOf(a.heard, caseId), caseId).toBe(1);
    // the other process missed what was sent while it was not listening, and heard the rest once
    for (const caseId of sent) expect(countOf(b.heard, caseId), caseId).toBeLessThanOrEqual(1);
    expect(countOf(b.heard, 'case-after')).toBe(1);
    expect(warnings.some((w) => w.includes('the LISTEN connection is down'))).toBe(true);
  });

  it('a notification that cannot be sent still reaches this process, once', async () => {
    const a = await newProcess();
    expect(a.transport.isListening).toBe(true);
    warnings.length = 0;
    await sql`select 1`.execute(a.database.db); // (a pool never used is made anew on first use, even after close)
    await a.database.close(); // the pool is gone: pg_notify fails; the LISTEN connection is its own and stays
    a.transport.publish(eventOf('case-unsent'));
    await until(() => countOf(a.heard, 'case-unsent') === 1, 'the unsent event here');
    await pause(200);
    expect(countOf(a.heard, 'case-unsent')).toBe(1);
    expect(warnings.some((w) => w.includes('sending 1 event(s) to the other processes failed'))).toBe(true);
    databases.splice(databases.indexOf(a.database), 1);
  });
});
