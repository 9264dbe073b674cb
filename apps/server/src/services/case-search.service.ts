import {
  DomainError,
  interpretCaseSearch,
  maskPhone,
  searchSnippet,
  toCaseSummary,
  unitMatchesAddress,
  wholeSnippet,
  type CaseSummary,
  type CaseSearch,
  type SearchSnippet,
} from '@guanjia/core';
import {
  callerCasesMatching,
  caseIdsByNumberSuffix,
  findCaseSummaries,
  listCaseSummaries,
  eventTextsOfCases,
  ownerPhonesMatching,
  searchCasesByText,
  unitsWithRoom,
  type CaseListFilter,
} from '@guanjia/storage';
import type { AppDeps } from '../context.ts';

/**
 * 工单搜索 (GET /api/cases?q=, docs/decisions/0014): how q is read is core's interpretCaseSearch —
 * a case number or its suffix and a phone's last four digits (or a whole phone), a unit address, or
 * full text. Look-ups answer newest first with the usual keyset cursor; full text answers the newest
 * NEWEST_RANKED matches in scope ranked by relevance, a page at a time. Each case carries where it
 * matched (searchSnippet) for the console to highlight.
 */
export const NEWEST_RANKED = 500;
/** How many ids one look-up brings at most (a number suffix names one case; a last-4 a few owners). */
const LOOKUP_LIMIT = 500;

export interface SearchPage {
  cases: CaseSummary[];
  nextCursor: string | null;
  snippets: Map<string, SearchSnippet | null>;
}

const RANKED_CURSOR = 'ranked:';

/** Runs a search within the filter's scope (organization, projects, accused exclusion, owner, queue filters). */
export async function searchCases(
  deps: AppDeps,
  filter: CaseListFilter,
  q: { q: string; limit: number; cursor?: string },
  audience: 'staff' | 'owner',
  decodeCursor: (cursor: string | undefined) => CaseListFilter['before'],
): Promise<SearchPage> {
  const search = interpretCaseSearch(q.q);
  const none: SearchPage = { cases: [], nextCursor: null, snippets: new Map() };
  if (!search) return none;
  if (search.kind === 'text') return textPage(deps, filter, search, q, audience);
  return lookupPage(deps, { ...filter, before: decodeCursor(q.cursor) }, search, q);
}

async function textPage(
  deps: AppDeps,
  filter: CaseListFilter,
  search: Extract<CaseSearch, { kind: 'text' }>,
  q: { q: string; limit: number; cursor?: string },
  audience: 'staff' | 'owner',
): Promise<SearchPage> {
  const db = deps.database.db;
  const offset = rankedOffset(q.cursor);
  const hits = await searchCasesByText(db, filter, search.terms, NEWEST_RANKED);
  const ids = hits.slice(offset, offset + q.limit).map((h) => h.id);
  const byId = new Map((await findCaseSummaries(db, ids)).map((c) => [c.id, c]));
  const cases = ids.flatMap((id) => {
    const c = byId.get(id);
    return c ? [toCaseSummary(c)] : [];
  });
  const nextCursor = offset + q.limit < hits.length ? Buffer.from(`${RANKED_CURSOR}${offset + q.limit}`).toString('base64url') : null;
  // where it matched: title, description, else the first reply (or, for staff, note) that holds a word
  const snippets = new Map<string, SearchSnippet | null>();
  const needEvents: string[] = [];
  for (const c of cases) {
    const s = searchSnippet(
      [
        { field: 'title', text: c.title },
        { field: 'description', text: c.description },
      ],
      q.q,
    );
    snippets.set(c.id, s);
    if (!s) needEvents.push(c.id);
  }
  if (needEvents.length) {
    const events = await eventTextsOfCases(db, needEvents, { includeInternal: audience === 'staff' });
    for (const e of events) {
      if (snippets.get(e.caseId)) continue;
      snippets.set(e.caseId, searchSnippet([{ field: e.internal ? 'note' : 'message', text: e.content }], q.q));
    }
  }
  return { cases, nextCursor, snippets };
}

function rankedOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const n = text.startsWith(RANKED_CURSOR) ? Number(text.slice(RANKED_CURSOR.length)) : NaN;
  if (!Number.isInteger(n) || n < 0 || n > NEWEST_RANKED) throw new DomainError('FIELD_INVALID', 'query.cursor', { reason: 'cursor' });
  return n;
}

async function lookupPage(
  deps: AppDeps,
  filter: CaseListFilter,
  search: Exclude<CaseSearch, { kind: 'text' }>,
  q: { q: string; limit: number },
): Promise<SearchPage> {
  const db = deps.database.db;
  const org = filter.organizationId;
  const byCase = new Map<string, SearchSnippet>();
  const byOwner = new Map<string, SearchSnippet>();
  const byUnit = new Map<string, SearchSnippet>();
  if (search.kind === 'unit') {
    const room = search.address.room;
    const rooms = /^\d+$/.test(room) ? [...new Set([room, String(Number(room))])] : [room];
    const units = await unitsWithRoom(db, { organizationId: org, projectIds: filter.projectIds, rooms, limit: LOOKUP_LIMIT });
    for (const u of units.filter((x) => unitMatchesAddress(search.address, x))) byUnit.set(u.unitId, wholeSnippet('unit', u.label));
  } else {
    if (search.numberSuffix)
      for (const r of await caseIdsByNumberSuffix(db, org, search.numberSuffix, LOOKUP_LIMIT))
        byCase.set(r.caseId, wholeSnippet('number', r.number, search.numberSuffix.replace(/^-/, '')));
    const last4 = search.phoneLast4 ?? search.phone?.slice(-4);
    if (last4) {
      for (const o of await ownerPhonesMatching(db, {
        organizationId: org,
        last4: search.phoneLast4 ?? undefined,
        phone: search.phone ?? undefined,
        limit: LOOKUP_LIMIT,
      }))
        if (!byOwner.has(o.ownerId)) byOwner.set(o.ownerId, wholeSnippet('phone', maskPhone(o.value), last4));
      const masked = search.phone ? maskPhone(search.phone) : undefined;
      for (const c of await callerCasesMatching(db, { organizationId: org, last4, masked, limit: LOOKUP_LIMIT }))
        if (!byCase.has(c.caseId)) byCase.set(c.caseId, wholeSnippet('phone', c.phoneMasked ?? last4, last4));
    }
  }
  if (byCase.size + byOwner.size + byUnit.size === 0) return { cases: [], nextCursor: null, snippets: new Map() };
  const rows = await listCaseSummaries(db, {
    ...filter,
    limit: q.limit + 1,
    anyOf: { caseIds: [...byCase.keys()], ownerIds: [...byOwner.keys()], unitIds: [...byUnit.keys()] },
  });
  const cases = rows.slice(0, q.limit);
  const last = cases[cases.length - 1];
  const nextCursor = rows.length > q.limit && last ? Buffer.from(`${last.createdAt}|${last.id}`).toString('base64url') : null;
  const snippets = new Map<string, SearchSnippet | null>(
    cases.map((c) => [c.id, byCase.get(c.id) ?? (c.ownerId ? byOwner.get(c.ownerId) : undefined) ?? (c.unitId ? byUnit.get(c.unitId) : undefined) ?? null]),
  );
  return { cases, nextCursor, snippets };
}
