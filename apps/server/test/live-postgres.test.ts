import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staffActor } from '@guanjia/core';
import { openDatabase, type Database } from '@guanjia/storage';
import { sql } from 'kysely';
import { LiveBus, type LiveEvent } from '../src/services/live.ts';
import { LIVE_APPLICATION_NAME, LIVE_PAYLOAD_MAX_BYTES, livePayloads, PostgresLiveTransport } from '../src/services/live-postgres.ts';
import { newPostgresDatabase, postgresAvailable } from './postgres-available.ts';

/**
 * The live streams' PostgreSQL transport (live-postgres.ts) between two "processes" (two LiveBus,
 * each with its own pool and LISTEN connection) on a real PostgreSQL database: each listener hears
 * each event once, its own process's included, also across a dropped LISTEN connection, and only of
 * the cases its caller may see; and the payloads' packing.
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
        const events = drafts.map((d) => eventOf(d.caseId, { events: d.events, ownerEvents: d.ownerEvents }));
        const payloads = livePayloads('origin-1', events);
        for (const p of payloads) expect(Buffer.byteLength(p, 'utf8')).toBeLessThanOrEqual(LIVE_PAYLOAD_MAX_BYTES);
        const carried = payloads.flatMap((p) => {
          const message = JSON.parse(p) as { origin: string; events: LiveEvent[] };
          expect(message.origin).toBe('origin-1');
          expect(message.events.length).toBeGreaterThan(0);
          return message.events;
        });
        expect(carried.map((c) => c.caseId)).toEqual(events.map((e) => e.caseId));
        carried.forEach((c, i) => {
          const sent = events[i]!;
          const alone = Buffer.byteLength(JSON.stringify({ origin: 'origin-1', events: [sent] }), 'utf8');
          if (alone <= LIVE_PAYLOAD_MAX_BYTES) expect(c).toEqual(sent);
          else expect(c).toEqual({ ...sent, events: ['changed'], ownerEvents: sent.ownerEvents.length ? ['changed'] : [] });
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
  const buses: LiveBus[] = [];
  const warnings: string[] = [];
  const staffOf = (projectId: string) =>
    staffActor({
      id: `staff-${projectId}`,
      organizationId: 'org-1',
      name: '客服',
      roles: ['agent'],
      departmentId: null,
      projectIds: [projectId],
      companyWide: false,
    });

  /** One "process": its own pool and LISTEN connection, its LiveBus, and what a project-1 agent and a project-2 agent heard. */
  async function newProcess(): Promise<{ bus: LiveBus; transport: PostgresLiveTransport; database: Database; heard: LiveEvent[]; otherProject: LiveEvent[] }> {
    const database = openDatabase({ url, poolSize: 2 });
    const transport = new PostgresLiveTransport(database, { onError: (message) => warnings.push(message), reconnectFirstMs: 20, reconnectMostMs: 100 });
    const bus = new LiveBus(transport);
    await bus.start();
    databases.push(database);
    buses.push(bus);
    const heard: LiveEvent[] = [];
    const otherProject: LiveEvent[] = [];
    bus.subscribe(staffOf('project-1'), (e) => heard.push(e));
    bus.subscribe(staffOf('project-2'), (e) => otherProject.push(e));
    return { bus, transport, database, heard, otherProject };
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
    for (const b of buses) await b.close();
    for (const d of databases) await d.close();
    await drop?.();
  });

  it('each listener hears each event exactly once, its own process’s included, and only of the cases its caller may see', async () => {
    const a = await newProcess();
    const b = await newProcess();
    expect(a.transport.isListening && b.transport.isListening).toBe(true);
    const created = eventOf('case-a1', { type: 'case.created', events: ['created'], ownerEvents: ['created'] });
    a.bus.publish(created);
    expect(a.heard).toEqual([created]); // its own process: at once
    a.bus.publish(eventOf('case-a2'));
    b.bus.publish(eventOf('case-b1', { type: 'sla.alert', events: ['sla_warning'] }));
    a.bus.publish(eventOf('case-elsewhere', { projectId: 'project-2' }));
    await until(() => a.heard.length >= 3 && b.heard.length >= 3 && b.otherProject.length >= 1, 'both processes to hear the events');
    await pause(300);
    for (const p of [a, b]) {
      expect(p.heard.map((e) => e.caseId).sort()).toEqual(['case-a1', 'case-a2', 'case-b1']);
      expect(p.otherProject.map((e) => e.caseId)).toEqual(['case-elsewhere']);
    }
    expect(b.heard.find((e) => e.caseId === 'case-a1')).toEqual(created);
    expect(a.heard.find((e) => e.caseId === 'case-b1')?.type).toBe('sla.alert');
  });

  it('an event too large for a notification reaches the other process saying only that its case changed', async () => {
    const a = await newProcess();
    const b = await newProcess();
    const huge = eventOf('case-huge', { events: Array.from({ length: 1_000 }, (_, i) => `event_type_${i}`), ownerEvents: ['message'] });
    a.bus.publish(huge);
    await until(() => countOf(b.heard, 'case-huge') === 1, 'the large event on the other process');
    expect(a.heard.filter((e) => e.caseId === 'case-huge')).toEqual([huge]);
    expect(b.heard.find((e) => e.caseId === 'case-huge')).toEqual({ ...huge, events: ['changed'], ownerEvents: ['changed'] });
  });

  it('the LISTEN connection dropped: own events are still heard, once; it LISTENs again; nothing is heard twice', async () => {
    const a = await newProcess();
    const b = await newProcess();
    warnings.length = 0;
    const sent: string[] = [];
    const publish = (caseId: string) => {
      sent.push(caseId);
      a.bus.publish(eventOf(caseId));
    };
    // three times: whether a notification of an own event comes back just as the LISTEN is new again is a matter of timing
    for (let round = 0; round < 3; round += 1) {
      expect(await endListenConnections(a.database)).toBeGreaterThanOrEqual(2);
      await until(() => !a.transport.isListening && !b.transport.isListening, 'both listeners to notice');
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
    a.bus.publish(eventOf('case-after'));
    b.bus.publish(eventOf('case-after-b'));
    await until(() => countOf(b.heard, 'case-after') === 1 && countOf(a.heard, 'case-after-b') === 1, 'both to hear the events after the reconnection');
    await pause(300);
    for (const caseId of [...sent, 'case-after']) expect(countOf(a.heard, caseId), caseId).toBe(1);
    // the other process missed what was sent while it was not listening, and heard the rest once
    for (const caseId of sent) expect(countOf(b.heard, caseId), caseId).toBeLessThanOrEqual(1);
    expect(countOf(b.heard, 'case-after')).toBe(1);
    expect(warnings.some((w) => w.includes('the LISTEN connection is down'))).toBe(true);
  });

  it('a notification that cannot be sent is a warning; this process still hears its event, once', async () => {
    const a = await newProcess();
    warnings.length = 0;
    await sql`select 1`.execute(a.database.db); // (a pool never used is made anew on first use, even after close)
    await a.database.close(); // the pool is gone: pg_notify fails; the LISTEN connection is its own and stays
    a.bus.publish(eventOf('case-unsent'));
    await until(() => warnings.length > 0, 'the warning');
    expect(warnings).toEqual(['live updates: telling the other processes of 1 event(s) failed']);
    expect(countOf(a.heard, 'case-unsent')).toBe(1);
    expect(a.transport.isListening).toBe(true);
    databases.splice(databases.indexOf(a.database), 1);
  });
});
