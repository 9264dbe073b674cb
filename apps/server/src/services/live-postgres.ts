/**
 * The live streams' PostgreSQL transport: every server process on one database hears every committed
 * change of the others, through LISTEN/NOTIFY on the channel `guanjia_live`.
 *
 * - Sending: the events published in one turn of the event loop go out as one `pg_notify` statement
 *   on the app's pool (fire-and-forget after commit; an error is logged, never thrown into a request).
 *   A notification holds at most ~7,500 bytes (PostgreSQL refuses 8,000): events are packed into as
 *   many as they need, and one event too large alone says only that its case `changed`.
 * - Receiving: one dedicated connection per process (not from the pool) LISTENs; when it drops it is
 *   opened again with growing delays and LISTENs again. An idle connection is asked `select 1` now
 *   and then, so that one that died silently is found.
 * - A process's own events: the LiveBus tells its listeners at once, and their notification coming
 *   back (each names the process that sent it) is dropped. So each listener hears each event exactly
 *   once, and a process whose LISTEN connection is down still hears its own changes; the other
 *   processes' changes of that moment are missed (a console learns of them on its next refresh).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '@guanjia/storage';
import { sql } from 'kysely';
import type pg from 'pg';
import { z } from 'zod';
import type { LiveEvent, LiveTransport } from './live.ts';

export const LIVE_CHANNEL = 'guanjia_live';
/** The LISTEN connection's name in pg_stat_activity. */
export const LIVE_APPLICATION_NAME = 'guanjia-live';
/** PostgreSQL refuses a payload of 8,000 bytes or more; this leaves room. */
export const LIVE_PAYLOAD_MAX_BYTES = 7_500;

export interface PostgresLiveOptions {
  /** Told of every problem (a warning: live updates across processes degrade, nothing fails). */
  onError: (message: string, error: unknown) => void;
  /** Delays between attempts to open the LISTEN connection again: doubling from first to most. */
  reconnectFirstMs?: number;
  reconnectMostMs?: number;
  /** How often the idle LISTEN connection is asked `select 1`; no answer within 10 s means it is gone. */
  heartbeatMs?: number;
}

/** The transport for a database, or undefined on SQLite (one process: the LiveBus tells its own). */
export function postgresLiveTransport(database: Database, options: PostgresLiveOptions): PostgresLiveTransport | undefined {
  return database.dialect === 'postgres' && database.dedicatedClient ? new PostgresLiveTransport(database, options) : undefined;
}

/** One notification's payload: the sending process and its events. */
interface LiveMessage {
  origin: string;
  events: LiveEvent[];
}

const LiveEventSchema: z.ZodType<LiveEvent> = z.object({
  type: z.enum(['case.created', 'case.changed', 'sla.alert']),
  caseId: z.string(),
  organizationId: z.string(),
  projectId: z.string(),
  ownerId: z.string().nullable(),
  accusedStaffId: z.string().nullable(),
  accusedParty: z.enum(['staff', 'office_management']).nullable(),
  events: z.array(z.string()),
  ownerEvents: z.array(z.string()),
});
const LiveMessageSchema: z.ZodType<LiveMessage> = z.object({ origin: z.string(), events: z.array(LiveEventSchema) });

/**
 * The messages (JSON text) carrying these events, each at most LIVE_PAYLOAD_MAX_BYTES: as many events
 * per message as fit, in order; an event too large alone keeps its ids and says only `changed`.
 */
export function livePayloads(origin: string, events: readonly LiveEvent[]): string[] {
  const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
  const open = `{"origin":${JSON.stringify(origin)},"events":[`;
  const envelope = bytes(open) + bytes(']}');
  const payloads: string[] = [];
  let batch: string[] = [];
  let size = envelope;
  for (const event of events) {
    let text = JSON.stringify(event);
    if (envelope + bytes(text) > LIVE_PAYLOAD_MAX_BYTES)
      text = JSON.stringify({ ...event, events: ['changed'], ownerEvents: event.ownerEvents.length ? ['changed'] : [] });
    if (batch.length && size + 1 + bytes(text) > LIVE_PAYLOAD_MAX_BYTES) {
      payloads.push(`${open}${batch.join(',')}]}`);
      batch = [];
      size = envelope;
    }
    size += bytes(text) + (batch.length ? 1 : 0);
    batch.push(text);
  }
  if (batch.length) payloads.push(`${open}${batch.join(',')}]}`);
  return payloads;
}

export class PostgresLiveTransport implements LiveTransport {
  /** This process, as named in its notifications. */
  readonly origin = randomUUID();
  private deliver: (event: LiveEvent) => void = () => {};
  private client: pg.Client | null = null;
  private listening = false;
  private closed = false;
  /** Events published this turn of the event loop, sent together. */
  private outgoing: LiveEvent[] = [];
  private nextDelayMs: number;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly database: Database,
    private readonly options: PostgresLiveOptions,
  ) {
    this.nextDelayMs = options.reconnectFirstMs ?? 500;
  }

  /** Whether the LISTEN connection is up (tests; the health of live updates). */
  get isListening(): boolean {
    return this.listening;
  }

  async start(deliver: (event: LiveEvent) => void): Promise<void> {
    this.deliver = deliver;
    this.closed = false;
    if (!this.client) await this.connect();
  }

  send(event: LiveEvent): void {
    if (this.closed) return;
    if (this.outgoing.push(event) === 1) setImmediate(() => this.flush());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    clearInterval(this.heartbeatTimer);
    this.outgoing = [];
    const client = this.client;
    this.client = null;
    this.listening = false;
    if (client) await client.end().catch(() => {});
  }

  private flush(): void {
    const batch = this.outgoing;
    this.outgoing = [];
    if (!batch.length || this.closed) return;
    const payloads = livePayloads(this.origin, batch);
    sql`select pg_notify(${LIVE_CHANNEL}, payload) from unnest(${payloads}::text[]) as payload`
      .execute(this.database.db)
      .catch((error: unknown) => this.options.onError(`live updates: telling the other processes of ${batch.length} event(s) failed`, error));
  }

  private received(client: pg.Client, notification: pg.Notification): void {
    if (client !== this.client || notification.channel !== LIVE_CHANNEL || !notification.payload) return;
    let message: LiveMessage;
    try {
      message = LiveMessageSchema.parse(JSON.parse(notification.payload));
    } catch (error) {
      this.options.onError('live updates: a notification that is not a live message was ignored', error);
      return;
    }
    if (message.origin === this.origin) return; // this process told its own listeners when it published
    for (const event of message.events) this.deliver(event);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = this.database.dedicatedClient!({ application_name: LIVE_APPLICATION_NAME, keepAlive: true });
    this.client = client;
    client.on('notification', (n) => this.received(client, n));
    client.on('error', (error) => this.dropped(client, error));
    client.on('end', () => this.dropped(client, new Error('the connection ended')));
    try {
      await client.connect();
      await client.query(`listen ${LIVE_CHANNEL}`);
    } catch (error) {
      this.dropped(client, error);
      return;
    }
    if (client !== this.client) return; // dropped or closed meanwhile
    this.listening = true;
    this.nextDelayMs = this.options.reconnectFirstMs ?? 500;
    this.heartbeatTimer = setInterval(() => this.heartbeat(client), this.options.heartbeatMs ?? 30_000);
    this.heartbeatTimer.unref();
  }

  /** An idle connection can die without a word (a firewall, a failover): an unanswered `select 1` says so. */
  private heartbeat(client: pg.Client): void {
    let timer: NodeJS.Timeout | undefined;
    const silence = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('no answer to a heartbeat within 10 s')), 10_000);
      timer.unref();
    });
    Promise.race([client.query('select 1'), silence])
      .catch((error: unknown) => this.dropped(client, error))
      .finally(() => clearTimeout(timer));
  }

  private dropped(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = null;
    this.listening = false;
    clearInterval(this.heartbeatTimer);
    client.removeAllListeners('notification');
    client.end().catch(() => {});
    if (this.closed) return;
    const delay = this.nextDelayMs;
    this.nextDelayMs = Math.min(delay * 2, this.options.reconnectMostMs ?? 15_000);
    const reason = error instanceof Error ? error.message : String(error);
    this.options.onError(
      `live updates: the LISTEN connection is down (${reason}); other processes' changes are missed until it is back; again in ${delay} ms`,
      error,
    );
    this.reconnectTimer = setTimeout(() => void this.connect(), delay);
    this.reconnectTimer.unref();
  }
}
