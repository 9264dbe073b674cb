import type { CaseEventType } from '@guanjia/vocabulary';
import type { CaseRecord, Channel } from './case.ts';

// The event names are in the vocabulary package (shared with the API contract).
export { CASE_EVENT_TYPES, type CaseEventType } from '@guanjia/vocabulary';

export type Direction = 'inbound' | 'outbound' | 'internal';

/**
 * One entry of a case's history (SPEC §6): append-only. `changes` holds exactly the case fields the
 * event set, so the case row is always the fold of its events (see evolve.ts).
 */
export interface NewCaseEvent {
  type: CaseEventType;
  actorKind: 'staff' | 'owner' | 'system';
  actorId: string | null;
  channel: Channel | null;
  direction: Direction | null;
  content: string | null;
  /** Internal notes and routing details owners never see. */
  internal: boolean;
  attachmentIds: string[];
  changes: Partial<CaseRecord>;
  data: Record<string, unknown>;
  at: string;
}

export interface CaseEvent extends NewCaseEvent {
  id: string;
  caseId: string;
  organizationId: string;
  projectId: string;
  /** 1, 2, 3 … per case. */
  seq: number;
}
