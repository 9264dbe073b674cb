import { sql } from 'kysely';
import type { SqlRunner } from '../dialect/detect.ts';

/**
 * A search data set inserted directly (no product write path): one organization, two projects,
 * buildings with units, owners with phones, and `cases` cases over two years with Chinese titles and
 * descriptions, each with a created event, a third with a reply the owner sees and a third with a staff
 * note. Deterministic (a seeded generator). Used by the search query-plan tests and the search bench.
 */
export interface SearchSeed {
  organizationId: string;
  projectIds: [string, string];
  /** The n-th case's number, unit (building number, room) and owner's phone. */
  sample: { caseId: string; number: string; building: string; room: string; phone: string; ownerId: string };
}

const WORDS = [
  '电梯',
  '漏水',
  '门禁',
  '停车',
  '噪音',
  '物业费',
  '水管',
  '空调',
  '绿化',
  '垃圾',
  '楼道灯',
  '保洁',
  '快递',
  '装修',
  '外墙',
  '渗水',
  '消防',
  '监控',
  '宠物',
  '投诉',
];
const TAILS = ['坏了', '需要处理', '请尽快安排', '已经好几天了', '影响生活', '麻烦看一下'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

async function insertMany(db: SqlRunner, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const per = Math.max(1, Math.floor(8000 / columns.length));
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) values ${sql.join(values)}`.execute(db);
  }
}

export async function seedSearchData(
  db: SqlRunner,
  options: { cases: number; owners?: number; buildings?: number; roomsPerBuilding?: number; onProgress?: (done: number) => void },
): Promise<SearchSeed> {
  const rand = rng(42);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rand() * a.length)]!;
  const hex = (n: number, prefix: string) => `${prefix}-${n.toString(16).padStart(10, '0')}`;
  const now = '2026-11-25T00:00:00.000Z';
  const org = 'org-search-seed';
  const projects: [string, string] = ['prj-search-a', 'prj-search-b'];
  await sql`insert into organizations (id, code, name, created_at) values (${org}, ${'SEARCH'}, ${'检索测试物业'}, ${now})`.execute(db);
  for (const [i, p] of projects.entries())
    await sql`insert into projects (id, organization_id, code, name, phase, time_zone, created_at, updated_at)
      values (${p}, ${org}, ${`P${i}`}, ${`项目${i}`}, ${'occupied'}, ${'Asia/Shanghai'}, ${now}, ${now})`.execute(db);
  const buildingCount = options.buildings ?? 40;
  const rooms = options.roomsPerBuilding ?? 100;
  const units: { id: string; project: string; building: number; room: string }[] = [];
  const buildingRows: unknown[][] = [];
  const unitRows: unknown[][] = [];
  for (let b = 1; b <= buildingCount; b++) {
    const project = projects[b % 2]!;
    const bid = hex(b, 'bld');
    buildingRows.push([bid, org, project, `B${b}`, `${b}栋`, now, now]);
    for (let r = 0; r < rooms; r++) {
      const room = `${1 + Math.floor(r / 4)}${String(1 + (r % 4)).padStart(2, '0')}`;
      const id = hex(b * 10000 + r, 'unit');
      units.push({ id, project, building: b, room });
      unitRows.push([id, org, project, bid, room, 'indoor', '1', now, now]);
    }
  }
  await insertMany(db, 'buildings', ['id', 'organization_id', 'project_id', 'code', 'name', 'created_at', 'updated_at'], buildingRows);
  await insertMany(db, 'units', ['id', 'organization_id', 'project_id', 'building_id', 'code', 'kind', 'entrance', 'created_at', 'updated_at'], unitRows);
  const ownerCount = options.owners ?? Math.max(10, Math.floor(options.cases / 5));
  const owners: { id: string; phone: string; unit: (typeof units)[number] }[] = [];
  const ownerRows: unknown[][] = [];
  const contactRows: unknown[][] = [];
  for (let o = 0; o < ownerCount; o++) {
    const id = hex(o, 'own');
    const phone = `13${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
    owners.push({ id, phone, unit: units[o % units.length]! });
    ownerRows.push([id, org, `业主${o}`, 'owner', 'permanent', 'household', 'normal', '[]', '[]', now, now]);
    contactRows.push([hex(o, 'oc'), org, id, 'phone', phone, 1, now]);
  }
  await insertMany(
    db,
    'owners',
    ['id', 'organization_id', 'name', 'kind', 'residency', 'party', 'grade', 'do_not_disturb', 'household_members', 'created_at', 'updated_at'],
    ownerRows,
  );
  await insertMany(db, 'owner_contacts', ['id', 'organization_id', 'owner_id', 'kind', 'value', 'is_primary', 'created_at'], contactRows);

  const start = Date.parse('2024-11-25T00:00:00.000Z');
  const span = Date.parse(now) - start;
  const chunk = 2000;
  let sample: SearchSeed['sample'] | null = null;
  for (let from = 0; from < options.cases; from += chunk) {
    const caseRows: unknown[][] = [];
    const eventRows: unknown[][] = [];
    for (let n = from; n < Math.min(options.cases, from + chunk); n++) {
      const owner = owners[Math.floor(rand() * owners.length)]!;
      const at = new Date(start + Math.floor((span * n) / options.cases)).toISOString();
      const id = hex(n, 'case');
      const number = `BX-${at.slice(0, 10).replaceAll('-', '')}-${String(n + 1).padStart(6, '0')}`;
      const title = `${pick(WORDS)}${pick(TAILS)}`;
      // 漏水 in about a third of the cases; 琵琶 in one of 20,000
      const description = `${owner.unit.building}栋${owner.unit.room}${title}，${pick(WORDS)}${rand() < 0.3 ? '漏水' : pick(WORDS)}${n % 20000 === 7 ? '，琵琶声' : ''}${pick(TAILS)}`;
      caseRows.push([
        id,
        org,
        owner.unit.project,
        number,
        'repair',
        n % 3 === 0 ? 'new' : 'closed',
        'hotline',
        title,
        description,
        owner.id,
        owner.unit.id,
        'office',
        at,
        at,
        1,
      ]);
      eventRows.push([hex(n * 3, 'ev'), org, owner.unit.project, id, 1, 'created', 'staff', null, 'hotline', 'inbound', description, 0, '[]', '{}', '{}', at]);
      if (n % 3 === 1)
        eventRows.push([
          hex(n * 3 + 1, 'ev'),
          org,
          owner.unit.project,
          id,
          2,
          'message',
          'staff',
          null,
          'phone',
          'outbound',
          `您好，${pick(WORDS)}问题已安排师傅`,
          0,
          '[]',
          '{}',
          '{}',
          at,
        ]);
      if (n % 3 === 2)
        eventRows.push([
          hex(n * 3 + 2, 'ev'),
          org,
          owner.unit.project,
          id,
          2,
          'note',
          'staff',
          null,
          null,
          'internal',
          `内部备注：${pick(WORDS)}${pick(TAILS)}`,
          1,
          '[]',
          '{}',
          '{}',
          at,
        ]);
      if (n === 7) sample = { caseId: id, number, building: String(owner.unit.building), room: owner.unit.room, phone: owner.phone, ownerId: owner.id };
    }
    await insertMany(
      db,
      'cases',
      [
        'id',
        'organization_id',
        'project_id',
        'number',
        'type',
        'status',
        'channel',
        'title',
        'description',
        'owner_id',
        'unit_id',
        'level',
        'created_at',
        'updated_at',
        'version',
      ],
      caseRows,
    );
    await insertMany(
      db,
      'case_events',
      [
        'id',
        'organization_id',
        'project_id',
        'case_id',
        'seq',
        'type',
        'actor_kind',
        'actor_id',
        'channel',
        'direction',
        'content',
        'internal',
        'attachment_ids',
        'changes',
        'data',
        'at',
      ],
      eventRows,
    );
    options.onProgress?.(Math.min(options.cases, from + chunk));
  }
  return { organizationId: org, projectIds: projects, sample: sample! };
}
