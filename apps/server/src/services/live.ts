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
 * Carries published events to the other server processes on the database, and theirs to this one
 * (live-postgres.ts). A process tells its own listeners itself, at once: a transport never hands a
 * process its own events back, so each listener hears each event exactly once.
 */
export interface LiveTransport {
  /** Begins hearing the other processes' events; resolves once listening, or after a first failed attempt (it keeps trying). */
  start(deliver: (event: LiveEvent) => void): Promise<void>;
  /** Tells the other processes (after commit); never throws: a failure is logged. */
  send(event: LiveEvent): void;
  close(): Promise<void>;
}

/**
 * Fan-out of committed changes to the open live streams (server-sent events), published after commit
 * only. The process tells its own listeners at once. With a transport (PostgreSQL: LISTEN/NOTIFY) the
 * other processes of a multi-process deployment hear the change too, and theirs arrive here; without
 * one (SQLite: one process owns the file) there are no others. Each stream is told only of the cases
 * its caller may see, decided here, on receipt.
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
    this.transport?.send(event);
    this.emitter.emit('event', event);
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

  /** Listens for every event of these projects (a wallboard's display token: it learns only that something changed). */
  subscribeProjects(organizationId: string, projectIds: readonly string[], listener: (event: LiveEvent) => void): () => void {
    const projects = new Set(projectIds);
    const filtered = (e: LiveEvent) => {
      if (e.organizationId === organizationId && projects.has(e.projectId)) listener(e);
    };
    this.emitter.on('event', filtered);
    return () => this.emitter.off('event', filtered);
  }

  async close(): Promise<void> {
    await this.transport?.close();
  }
}
