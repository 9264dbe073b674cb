import type { CaseRecord } from './case.ts';
import type { NewCaseEvent } from './events.ts';

/** Applies one event to a case: its changes, a new version, the event's instant as updatedAt. */
export function evolve(c: CaseRecord, event: NewCaseEvent): CaseRecord {
  return { ...c, ...event.changes, version: c.version + 1, updatedAt: event.at };
}

export function evolveAll(c: CaseRecord, events: readonly NewCaseEvent[]): CaseRecord {
  return events.reduce(evolve, c);
}
