import { readFileSync } from 'node:fs';
import { DomainError, localizeError } from '@guanjia/core';
import { CalendarYearSchema, loadCalendarYear, openRuntime } from '@guanjia/server/runtime';

/**
 * guanjia calendar load <file> [--org CODE]: loads published holiday years from a JSON file, either
 * one year `{ "year": "2027", "holidays": [...], "makeupWorkdays": [...] }` or several in the shipped
 * format `{ "years": { "2027": { "holidays": [...], "makeupWorkdays": [...] } } }`. Validated like the
 * API (a date both holiday and make-up working day is refused, naming it).
 */
export async function loadCalendarFile(file: string, orgCode: string | undefined): Promise<number> {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const years: [string, unknown][] =
    raw.years && typeof raw.years === 'object'
      ? Object.entries(raw.years as object)
      : [[String(raw.year ?? ''), { holidays: raw.holidays, makeupWorkdays: raw.makeupWorkdays, source: raw.source }]];
  const { deps } = await openRuntime();
  try {
    const orgs = await deps.database.db.selectFrom('organizations').select(['id', 'code']).execute();
    const org = orgCode ? orgs.find((o) => o.code === orgCode) : orgs.length === 1 ? orgs[0] : undefined;
    if (!org) {
      console.error(
        orgCode
          ? `没有代码为 ${orgCode} 的组织 (no organization with code ${orgCode})`
          : `请用 --org 指定组织 (several organizations: pass --org CODE; known: ${orgs.map((o) => o.code).join(', ')})`,
      );
      return 2;
    }
    for (const [year, body] of years) {
      if (!/^\d{4}$/.test(year)) {
        console.error(`year: "${year}" 不是四位年份 (not a four-digit year)`);
        return 2;
      }
      const parsed = CalendarYearSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        console.error(`${year} ${issue.path.join('.')}: ${issue.message}`);
        return 2;
      }
      try {
        const r = await loadCalendarYear(deps, org.id, year, parsed.data, null);
        console.log(
          `${year}: ${r.holidays} 个节假日 holidays, ${r.makeupWorkdays} 个调休上班日 make-up working days; ${r.recomputedCases} 个工单时限已重算 cases recomputed`,
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        console.error(`${year} ${error.field ?? ''}: ${localizeError(error.code, 'zh-CN', error.params)} (${localizeError(error.code, 'en', error.params)})`);
        return 2;
      }
    }
    return 0;
  } finally {
    await deps.database.close();
  }
}
