import { EventEmitter } from 'node:events';
import { canSeeCase, type Actor, type CaseRecord } from '@guanjia/core';

/** What changed, for the screens that show it: enough to decide who may hear of it. */
export interface LiveEvent {
  type: 'case.created' | 'case.changed' | 'sla.alert';
  caseId: string;
  organizationId: string;
  projectId: string;
  ownerId: string | null;
  accusedStaffId: string | null;
  accusedParty: CaseRecord['accusedParty'];
  /** Event types written (for the console to say what happened). */
  events: string[];
  /** The ones an owner may see (not internal notes, routing or clock alerts). */
  ownerEvents: string[];
}

/**
 * Carries published events to the LiveBus of every server process on the database, this one
 * included, so that each local listener hears each event exactly once (live-postgres.ts).
 */
export interface LiveTransport {
  /** Begins delivering; resolves once listening, or after a first failed attempt (it keeps trying). */
  start(deliver: (event: LiveEvent) => void): Promise<void>;
  /** Sends after commit; never throws (a failure is logged and the event still reaches this process). */
  publish(event: LiveEvent): void;
  close(): Promise<void>;
}

/**
 * Fan-out of committed changes to the open live streams (server-sent events), published after commit
 * only. Without a transport (SQLite: one process owns the file) the process tells its own listeners.
 * With one (PostgreSQL: LISTEN/NOTIFY) every process of a multi-process deployment hears every change,
 * and each stream is still told only of the cases its caller may see (filtered here, on receipt).
 */
export class LiveBus {
  private readonly emitter = new EventEmitter();
  constructor(private readonly transport?: LiveTransport) {
    this.emitter.setMaxListeners(0);
  }

  /** Starts the transport, if any (buildApp awaits it). */
  async start(): Promise<void> {
    await this.transport?.start((event) => this.emitter.emit('event', event));
  }

  publish(event: LiveEvent): void {
    if (this.transport) this.transport.publish(event);
    else this.emitter.emit('event', event);
  }

  /** Listens for the events this actor may see; returns the unsubscribe function. */
  subscribe(actor: Actor, listener: (event: LiveEvent) => void): () => void {
    const filtered = (e: LiveEvent) => {
      if (!canSeeCase(actor, e)) return;
      // an owner hears of a change only through the events they may see: an internal note is not news to them
      if (actor.kind === 'owner') {
        if (e.ownerEvents.length) listener({ ...e, events: e.ownerEvents });
        return;
      }
      listener(e);
    };
    this.emitter.on('event', filtered);
    return () => this.emitter.off('event', filtered);
  }

  async close(): Promise<void> {
    await this.transport?.close();
  }
}
