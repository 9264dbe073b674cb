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
 * In-process fan-out of committed changes to the open live streams (server-sent events). Published
 * after commit only. Each process tells its own listeners; a console connected to another process
 * of a multi-process deployment learns of the change on its next refresh.
 */
export class LiveBus {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(0);
  }

  publish(event: LiveEvent): void {
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
}
