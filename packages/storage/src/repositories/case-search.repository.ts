import { reverseCaseNumber, searchTokens, type SearchTerm } from '@guanjia/core';
import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { isPostgres, type SqlRunner } from '../dialect/detect.ts';
import { executePlannedPerExecution } from '../dialect/one-process.ts';
import type { Schema } from '../schema.ts';
import type { DialectName } from '../dialect/detect.ts';
import { insertOf, type RowInsert } from '../row-writes.ts';
import { caseListWhere, type CaseListFilter } from './cases.repository.ts';

/**
 * 检索索引 (docs/decisions/0014): one row per case in case_search, written in the same transaction as
 * the case write that changes a searched text. Hand-written SQL with the database's own names, so it
 * runs on the application's connection and inside migrations alike.
 */
type AnyDb = SqlRunner;

/** What the index needs of a case. */
export interface SearchableCase {
  id: string;
  organizationId: string;
  number: string;
  title: string;
  description: string;
  createdAt: string;
}
/** What the index needs of an event: its text and whether owners see it. */
export interface SearchableEvent {
  content: string | null;
  internal: boolean;
}

interface SearchRow {
  caseId: string;
  organizationId: string;
  createdAt: string;
  numberRev: string;
  head: string[];
  pub: string[];
  internal: string[];
}

function rowOf(c: SearchableCase, events: readonly SearchableEvent[]): SearchRow {
  const texts = (internal: boolean) => events.filter((e) => e.internal === internal && e.content).flatMap((e) => searchTokens(e.content!));
  return {
    caseId: c.id,
    organizationId: c.organizationId,
    createdAt: c.createdAt,
    numberRev: reverseCaseNumber(c.number),
    head: [...searchTokens(c.title), ...searchTokens(c.description)],
    pub: texts(false),
    internal: texts(true),
  };
}

/** The largest position a tsvector keeps (PostgreSQL clamps larger ones to it). */
const MAX_POSITION = 16383;
const quoteLexeme = (t: string) => `'${t.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/**
 * A tsvector written out (its input form, no text parser involved: the tokens are ours, the same on
 * both databases): each token with its positions and a weight (A head, B owner-visible, D internal).
 */
export function tsvectorLiteral(parts: readonly { tokens: readonly string[]; weight: 'A' | 'B' | 'D' }[]): string {
  const positions = new Map<string, string[]>();
  let at = 0;
  for (const p of parts)
    for (const t of p.tokens) {
      at = Math.min(at + 1, MAX_POSITION);
      const list = positions.get(t) ?? [];
      if (list.length < 256) list.push(`${at}${p.weight === 'D' ? '' : p.weight}`);
      positions.set(t, list);
    }
  return [...positions].map(([t, ps]) => `${quoteLexeme(t)}:${ps.join(',')}`).join(' ');
}

async function insertRows(db: AnyDb, rows: readonly SearchRow[]): Promise<void> {
  if (rows.length === 0) return;
  const values = isPostgres(db)
    ? rows.map(
        (r) =>
          sql`(${r.caseId}, ${r.organizationId}, ${r.createdAt}, ${r.numberRev}, ${tsvectorLiteral([
            { tokens: r.head, weight: 'A' },
            { tokens: r.pub, weight: 'B' },
            { tokens: r.internal, weight: 'D' },
          ])}::tsvector)`,
      )
    : rows.map(
        (r) => sql`(${r.caseId}, ${r.organizationId}, ${r.createdAt}, ${r.numberRev}, ${r.head.join(' ')}, ${r.pub.join(' ')}, ${r.internal.join(' ')})`,
      );
  const columns = isPostgres(db)
    ? sql`(case_id, organization_id, created_at, number_rev, doc)`
    : sql`(case_id, organization_id, created_at, number_rev, head, pub, internal)`;
  await sql`insert into case_search ${columns} values ${sql.join(values)}`.execute(db);
}

/** A new case's search row as a row write (row-writes.ts), for a unit of work given as data (case intake, decision 0016). */
export function caseSearchInsert(dialect: DialectName, c: SearchableCase, events: readonly SearchableEvent[]): RowInsert {
  const r = rowOf(c, events);
  const base = { caseId: r.caseId, organizationId: r.organizationId, createdAt: r.createdAt, numberRev: r.numberRev };
  return dialect === 'postgres'
    ? insertOf('caseSearch', {
        ...base,
        doc: tsvectorLiteral([
          { tokens: r.head, weight: 'A' },
          { tokens: r.pub, weight: 'B' },
          { tokens: r.internal, weight: 'D' },
        ]),
      })
    : insertOf('caseSearch', { ...base, head: r.head.join(' '), pub: r.pub.join(' '), internal: r.internal.join(' ') });
}

/** A new case: its search row (title, description and the texts of its first events). */
export async function indexNewCase(db: AnyDb, c: SearchableCase, events: readonly SearchableEvent[]): Promise<void> {
  await insertRows(db, [rowOf(c, events)]);
}

/**
 * After a command: a new title or description replaces the head; the texts of new events (replies
 * the owner sees, staff notes) are added. Nothing is written when neither changed.
 */
export async function updateCaseSearch(db: AnyDb, before: SearchableCase, after: SearchableCase, events: readonly SearchableEvent[]): Promise<void> {
  const headChanged = before.title !== after.title || before.description !== after.description;
  const row = rowOf(after, events);
  if (!headChanged && row.pub.length === 0 && row.internal.length === 0) return;
  if (isPostgres(db)) {
    const head = headChanged ? sql`${tsvectorLiteral([{ tokens: row.head, weight: 'A' }])}::tsvector || ts_filter(doc, '{b,d}')` : sql`doc`;
    const added = tsvectorLiteral([
      { tokens: row.pub, weight: 'B' },
      { tokens: row.internal, weight: 'D' },
    ]);
    await sql`update case_search set doc = ${head} || ${added}::tsvector where case_id = ${after.id}`.execute(db);
    return;
  }
  const append = (column: RawBuilder<unknown>, tokens: string[]) => (tokens.length ? sql`${column} || ${` ${tokens.join(' ')}`}` : column);
  await sql`update case_search set head = ${headChanged ? sql`${row.head.join(' ')}` : sql`head`}, pub = ${append(sql`pub`, row.pub)}, internal = ${append(sql`internal`, row.internal)} where case_id = ${after.id}`.execute(
    db,
  );
}

/**
 * Fills case_search from the cases and their events, a chunk of cases at a time in creation order
 * (per organization, keyset on created_at and id): one read of the cases, one of their events and
 * one multi-row insert per chunk. Returns the number of cases indexed.
 */
export async function backfillCaseSearch(db: AnyDb, options: { chunk?: number; onProgress?: (done: number) => void } = {}): Promise<number> {
  const chunk = options.chunk ?? 1000;
  let done = 0;
  const orgs = await sql<{ id: string }>`select id from organizations order by id`.execute(db);
  for (const { id: org } of orgs.rows) {
    let after: { createdAt: string; id: string } | null = null;
    for (;;) {
      const where: RawBuilder<unknown> = after
        ? sql`and created_at >= ${after.createdAt} and not (created_at = ${after.createdAt} and id <= ${after.id})`
        : sql``;
      const cases = (
        await sql<SearchableCase & { createdAt: string }>`select id, organization_id as "organizationId", number, title, description, created_at as "createdAt"
          from cases where organization_id = ${org} ${where} order by created_at, id limit ${chunk}`.execute(db)
      ).rows;
      if (cases.length === 0) break;
      const events = (
        await sql<{ caseId: string; content: string; internal: number | boolean }>`select case_id as "caseId", content, internal from case_events
          where case_id in (${sql.join(cases.map((c) => c.id))}) and content is not null order by case_id, seq`.execute(db)
      ).rows;
      const byCase = new Map<string, SearchableEvent[]>();
      for (const e of events) {
        const list = byCase.get(e.caseId) ?? [];
        list.push({ content: e.content, internal: Number(e.internal) === 1 || e.internal === true });
        byCase.set(e.caseId, list);
      }
      await insertRows(
        db,
        cases.map((c) => rowOf(c, byCase.get(c.id) ?? [])),
      );
      done += cases.length;
      options.onProgress?.(done);
      const last = cases[cases.length - 1]!;
      after = { createdAt: last.createdAt, id: last.id };
      if (cases.length < chunk) break;
    }
  }
  return done;
}

/** Empties and refills the index (after a restore: the index is derived data, not in backups). */
export async function rebuildCaseSearch(db: AnyDb): Promise<number> {
  await sql`delete from case_search`.execute(db);
  return backfillCaseSearch(db);
}

// --- queries ---------------------------------------------------------------------------------------

/**
 * The MATCH expression (FTS5) of a query: phrases of the stored tokens, one-character terms as
 * prefixes; owners only in head and pub (never staff notes).
 */
export function ftsMatchExpression(terms: readonly SearchTerm[], audience: 'staff' | 'owner'): string {
  const parts = terms.map((t) => (t.kind === 'prefix' ? `"${t.token}"*` : `"${t.tokens.join(' ')}"`));
  const all = parts.join(' AND ');
  return audience === 'owner' ? `{head pub} : (${all})` : all;
}

/** The tsquery (its input form) of a query: phrases with <->, prefixes with :*, owners restricted to weights A and B. */
export function tsqueryLiteral(terms: readonly SearchTerm[], audience: 'staff' | 'owner'): string {
  const w = audience === 'owner' ? 'AB' : '';
  return terms
    .map((t) => {
      if (t.kind === 'prefix') return `${quoteLexeme(t.token)}:*${w}`;
      const phrase = t.tokens.map((x) => `${quoteLexeme(x)}${w ? `:${w}` : ''}`).join(' <-> ');
      return t.tokens.length > 1 ? `(${phrase})` : phrase;
    })
    .join(' & ');
}

/** One hit of a full-text search: the case and its relevance (higher is better). */
export interface TextSearchHit {
  id: string;
  rank: number;
}

/**
 * Full-text search within the caller's scope: the newest `newest` matching cases (by creation), ranked
 * by relevance (termFrequencyRank on SQLite — title and description weigh more —, ts_rank on PostgreSQL), best
 * first. Bounding the ranked set keeps a very common word (a third of all cases) from ranking
 * millions of hits. Owners (f.ownerId) match only titles, descriptions and replies they see; their
 * few cases are walked first and each is checked against the index.
 */
export async function searchCasesByText(
  db: Kysely<Schema>,
  f: Omit<CaseListFilter, 'before' | 'limit'>,
  terms: readonly SearchTerm[],
  newest: number,
): Promise<TextSearchHit[]> {
  if (terms.length === 0 || (f.projectIds && f.projectIds.length === 0)) return [];
  type Row = { id: string; rank?: number | string; head?: string; pub?: string; internal?: string };
  const rows = (await executePlannedPerExecution(db, textSearchQuery(db, f, terms, newest))) as Row[];
  const audience = f.ownerId ? 'owner' : 'staff';
  const hits = rows.map((h) => ({ id: h.id, rank: h.rank === undefined ? termFrequencyRank(terms, audience, h) : Number(h.rank) }));
  // a stable sort: equal ranks stay newest first
  return hits.sort((a, b) => b.rank - a.rank);
}

/** The statement of searchCasesByText (exported for the query-plan tests). */
export function textSearchQuery(db: Kysely<Schema>, f: Omit<CaseListFilter, 'before' | 'limit'>, terms: readonly SearchTerm[], newest: number) {
  const audience = f.ownerId ? 'owner' : 'staff';
  if (isPostgres(db)) {
    // the newest matches by case_search_created_idx (or the GIN index for a rare word: the planner
    // weighs them), then ts_rank over those only
    const query = tsqueryLiteral(terms, audience);
    const newestMatches = db
      .selectFrom('caseSearch')
      .innerJoin('cases', 'cases.id', 'caseSearch.caseId')
      .select(['cases.id', 'caseSearch.doc', 'caseSearch.createdAt'])
      .where('caseSearch.organizationId', '=', f.organizationId)
      .where(sql<SqlBool>`case_search.doc @@ ${query}::tsquery`)
      .where(caseListWhere(f))
      .orderBy('caseSearch.createdAt', 'desc')
      .orderBy('caseSearch.caseId', 'desc')
      .limit(newest);
    return db
      .selectFrom(newestMatches.as('hit'))
      .select(['hit.id', sql<number>`ts_rank(hit.doc, ${query}::tsquery)`.as('rank')])
      .orderBy('hit.createdAt', 'desc')
      .orderBy('hit.id', 'desc');
  }
  const match = ftsMatchExpression(terms, audience);
  const base = f.ownerId
    ? // the owner's cases first (CROSS JOIN keeps this order in SQLite), each checked by rowid
      db
        .selectFrom('cases')
        .crossJoin('caseSearch')
        .crossJoin('caseSearchFts')
        .whereRef('caseSearch.caseId', '=', 'cases.id')
        .whereRef('caseSearchFts.rowid', '=', 'caseSearch.id')
    : db.selectFrom('caseSearchFts').innerJoin('caseSearch', 'caseSearch.id', 'caseSearchFts.rowid').innerJoin('cases', 'cases.id', 'caseSearch.caseId');
  // the hits' stored tokens, ranked in TypeScript (termFrequencyRank): counting a phrase in SQL
  // (length and replace per term and column) cost more than the match itself
  return base
    .select(['cases.id', 'caseSearch.head', 'caseSearch.pub'])
    .$if(audience === 'staff', (q) => q.select('caseSearch.internal'))
    .where(sql<SqlBool>`case_search_fts match ${match}`)
    .where(caseListWhere(f))
    .orderBy('caseSearchFts.rowid', 'desc')
    .limit(newest);
}

/** How much each column weighs in the rank: title and description, then what the owner sees, then staff notes. */
const RANK_WEIGHTS = { head: 4, pub: 2, internal: 1 } as const;
/** BM25's saturation and length normalization, with a fixed typical column length (in characters of the stored token text). */
const RANK_K1 = 1.2;
const RANK_B = 0.75;
const RANK_TYPICAL_LENGTH = 200;

/** Characters (code points, as SQLite's length() counts them) of a text. */
function characters(text: string): number {
  const pairs = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;
  return pairs.test(text) ? text.length - (text.match(pairs)?.length ?? 0) : text.length;
}

/** Non-overlapping occurrences of a needle, left to right. */
function occurrences(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

/**
 * The SQLite rank of a hit (higher is better), computed on the hit's own stored tokens: per term and
 * column, BM25's saturated term frequency — tf / (tf + k1·(1 − b + b·length/typical)) — times the
 * column's weight, summed. FTS5's bm25() would also weigh each term by its rarity, which it learns by
 * reading every match of the term: for a word in a third of all cases that grows with the company
 * (×1.8 from 1M to 3M cases), while this costs the same for the newest matches at any size. A phrase
 * counts where its tokens stand together (` 漏水 `), a one-character prefix where a token starts with it.
 * Owners' ranks leave staff notes out.
 */
export function termFrequencyRank(
  terms: readonly SearchTerm[],
  audience: 'staff' | 'owner',
  stored: { head?: string; pub?: string; internal?: string },
): number {
  const columns = audience === 'owner' ? (['head', 'pub'] as const) : (['head', 'pub', 'internal'] as const);
  let rank = 0;
  for (const t of terms) {
    const needle = t.kind === 'prefix' ? ` ${t.token}` : ` ${t.tokens.join(' ')} `;
    for (const c of columns) {
      const column = stored[c] ?? '';
      const tf = occurrences(` ${column} `, needle);
      rank += (RANK_WEIGHTS[c] * tf) / (tf + RANK_K1 * (1 - RANK_B + (RANK_B * characters(column)) / RANK_TYPICAL_LENGTH));
    }
  }
  return rank;
}

/**
 * The texts of these cases' events, oldest first (what a full-text hit's snippet is cut from when its
 * word is not in the title or description): only events with a text, only their text, whether it is
 * internal and their case — not whole events.
 */
export async function eventTextsOfCases(
  db: Kysely<Schema>,
  caseIds: readonly string[],
  options: { includeInternal: boolean },
): Promise<{ caseId: string; content: string; internal: boolean }[]> {
  if (caseIds.length === 0) return [];
  let q = db
    .selectFrom('caseEvents')
    .select(['caseId', 'content', 'internal'])
    .where('caseId', 'in', caseIds as string[])
    .where('content', 'is not', null);
  if (!options.includeInternal) q = q.where('internal', '=', 0);
  const rows = await q.orderBy('at').orderBy('seq').execute();
  return rows.map((r) => ({ caseId: r.caseId, content: r.content!, internal: Number(r.internal) === 1 }));
}

/** Cases whose number ends with `suffix` (reversed: a prefix range on case_search_number_idx). */
export async function caseIdsByNumberSuffix(
  db: Kysely<Schema>,
  organizationId: string,
  suffix: string,
  limit: number,
): Promise<{ caseId: string; number: string }[]> {
  const rows = await numberSuffixQuery(db, organizationId, suffix, limit).execute();
  return rows.map((r) => ({ caseId: r.caseId, number: reverseCaseNumber(r.numberRev) }));
}
/** The statement of caseIdsByNumberSuffix: a prefix range on the reversed numbers. */
export function numberSuffixQuery(db: Kysely<Schema>, organizationId: string, suffix: string, limit: number) {
  const from = reverseCaseNumber(suffix);
  return db
    .selectFrom('caseSearch')
    .select(['caseId', 'numberRev'])
    .where('organizationId', '=', organizationId)
    .where('numberRev', '>=', from)
    .where('numberRev', '<', `${from}\u007f`)
    .limit(limit);
}

/** Owners with a phone ending in these four digits, or with exactly this phone (owner_contacts_last4_idx / _value_idx). */
export async function ownerPhonesMatching(
  db: Kysely<Schema>,
  f: { organizationId: string; last4?: string; phone?: string; limit: number },
): Promise<{ ownerId: string; value: string }[]> {
  let q = db.selectFrom('ownerContacts').select(['ownerId', 'value']).where('organizationId', '=', f.organizationId).where('kind', '=', 'phone');
  if (f.phone) q = q.where('value', '=', f.phone);
  else if (f.last4) q = q.where('phoneLast4', '=', f.last4);
  else return [];
  return q.limit(f.limit).execute();
}

/** Cases whose recorded caller's phone ends in these digits (and, for a whole phone, shows the same masked form). */
export async function callerCasesMatching(
  db: Kysely<Schema>,
  f: { organizationId: string; last4: string; masked?: string; limit: number },
): Promise<{ caseId: string; phoneMasked: string | null }[]> {
  let q = db.selectFrom('caseCallers').select(['caseId', 'phoneMasked']).where('organizationId', '=', f.organizationId).where('phoneLast4', '=', f.last4);
  if (f.masked) q = q.where('phoneMasked', '=', f.masked);
  return q.limit(f.limit).execute();
}
