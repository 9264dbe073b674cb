import type { ExportFormat, RouteResponse } from '@guanjia/api-contract';
import type { StaffActor } from '@guanjia/core';
import { searchOwners } from '@guanjia/storage';
import { OWNER_GRADE_LABELS, RELATION_LABELS, type Locale } from '@guanjia/vocabulary';
import type { FastifyReply } from 'fastify';
import type { AppDeps } from '../context.ts';
import { sendTableExport } from './export-delivery.ts';
import { ownerListSearch, ownerViews, type OwnerListQuery } from './owners.service.ts';
import type { ExportColumn } from './table-export.ts';

/**
 * 业主 as a file (issue 12, item 4 with item 5's writer): every owner of the list's own query —
 * search, project, building, grade, special needs, current or moved out — read page after page
 * through the function that answers GET /api/owners, so the file holds exactly the rows and the
 * masking (phones 138****1234) the list shows; logged in the audit log.
 */

type Row = RouteResponse<'GET /api/owners'>[number];
type Query = Omit<OwnerListQuery, 'limit' | 'offset'> & { format: ExportFormat };

/** Owners per page read. */
const PAGE = 1_000;

const pick = (labels: Record<string, [string, string]>, key: string, lang: Locale) => labels[key]?.[lang === 'en' ? 1 : 0] ?? key;
const unitLabel = (u: Row['units'][number]) => `${u.buildingName}-${u.unitCode}`;

function ownerColumns(lang: Locale): ExportColumn<Row>[] {
  const h = (zh: string, en: string) => (lang === 'en' ? en : zh);
  const primary = h('（主业主）', ' (primary)');
  return [
    { header: h('姓名', 'Name'), kind: 'text', width: 12, value: (o) => o.name },
    {
      header: h('管理处', 'Project'),
      kind: 'text',
      width: 14,
      value: (o) => [...new Set([...o.units, ...o.formerUnits].map((u) => u.projectName))].join('、') || null,
    },
    {
      header: h('房屋', 'Units'),
      kind: 'text',
      width: 24,
      value: (o) => o.units.map((u) => `${unitLabel(u)}${u.isPrimary ? primary : ''}`).join('、') || null,
    },
    {
      header: h('身份', 'Relation'),
      kind: 'text',
      width: 10,
      value: (o) => [...new Set(o.units.map((u) => pick(RELATION_LABELS, u.relation, lang)))].join('、') || null,
    },
    // the earliest current tie: a date cell
    {
      header: h('入住日期', 'Moved in'),
      kind: 'date',
      value: (o) =>
        o.units
          .map((u) => u.moveInDate)
          .filter((d): d is string => !!d)
          .sort()[0] ?? null,
    },
    { header: h('电话', 'Phone'), kind: 'text', width: 14, value: (o) => o.contacts.find((c) => c.kind === 'phone')?.value ?? null },
    {
      header: h('其他联系方式', 'Other contacts'),
      kind: 'text',
      width: 22,
      value: (o) =>
        o.contacts
          .filter((c) => c !== o.contacts.find((x) => x.kind === 'phone'))
          .map((c) => c.value)
          .join('、') || null,
    },
    { header: h('客户等级', 'Grade'), kind: 'text', width: 9, value: (o) => pick(OWNER_GRADE_LABELS, o.grade, lang) },
    { header: h('特殊需求', 'Special needs'), kind: 'text', width: 30, value: (o) => o.specialNeeds },
    {
      header: h('已迁出房屋', 'Moved out of'),
      kind: 'text',
      width: 28,
      value: (o) => o.formerUnits.map((u) => `${unitLabel(u)} ${u.movedOutOn}`).join('、') || null,
    },
    { header: h('建档时间', 'Registered'), kind: 'datetime', value: (o) => o.createdAt },
  ];
}

/** GET /api/exports/owners: the checks and the first page before the file begins (a refusal is still a problem answer). */
export async function exportOwnerList(reply: FastifyReply, deps: AppDeps, actor: StaffActor, query: Query, lang: Locale) {
  const { format, ...filters } = query;
  const search = await ownerListSearch(deps, actor, filters, { limit: PAGE, offset: 0 });
  const first = search ? await searchOwners(deps.database.db, search) : [];
  async function* rows(): AsyncGenerator<Row> {
    let page = first;
    for (let offset = 0; page.length;) {
      yield* await ownerViews(deps, page);
      if (page.length < PAGE || !search) return;
      offset += PAGE;
      page = await searchOwners(deps.database.db, { ...search, offset });
    }
  }
  const title = lang === 'en' ? 'Owners' : '业主名单';
  return sendTableExport(reply, deps, actor, {
    format,
    fileName: title,
    table: { title, columns: ownerColumns(lang), rows: rows() },
    audit: { table: 'owners', filters, projectId: filters.projectId ?? null },
  });
}
