import { it } from './inspection-text';

/**
 * The 巡检 entry of the console's menu (issue 15): one group opening the inspector's phone view, the
 * points and plans, defects, rectification notices and the monthly bulletin — each entry for those whose
 * capabilities reach it (the server checks them again).
 */
export const INSPECTION_READERS = ['inspection.read', 'inspection.admin', 'inspection.audit', 'defect.manage', 'inspection.check'];

/** The paths the inspection pages answer (App.tsx routes them to Inspections). */
export const INSPECTION_PATHS = [
  '/patrol',
  '/patrol-tasks',
  '/inspection-points',
  '/patrol-plans',
  '/inspections',
  '/check-duties',
  '/checklists',
  '/defects',
  '/rectifications',
  '/inspection-bulletin',
  '/night-checks',
  '/communication-audits',
] as const;

export const isInspectionPath = (path: string) => INSPECTION_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

/** The menu key a page of the inspections selects (a task's page selects 我的巡检). */
export const inspectionSelected = (path: string) => INSPECTION_PATHS.find((p) => path === p || path.startsWith(`${p}/`)) ?? path;

function inspectionEntries(can: (capability: string) => boolean, lang: string): { key: string; label: string }[] {
  const reader = INSPECTION_READERS.some(can);
  return [
    ...(can('inspection.patrol') ? [{ key: '/patrol', label: it('myPatrol', lang) }] : []),
    ...(can('inspection.admin') ? [{ key: '/inspection-points', label: it('points', lang) }] : []),
    ...(reader ? [{ key: '/patrol-tasks', label: it('tasks', lang) }] : []),
    ...(reader ? [{ key: '/patrol-plans', label: it('plans', lang) }] : []),
    // scored checks (检查) and their checklists (检查表): the readers read, those who keep or make a kind write (the server checks)
    ...(reader ? [{ key: '/inspections', label: it('checksMenu', lang) }] : []),
    // 应检情况: each office's night checks and the quality department's monthly and quarterly checks owed
    ...(reader ? [{ key: '/check-duties', label: it('checkDuties', lang) }] : []),
    ...(reader ? [{ key: '/checklists', label: it('checklistsMenu', lang) }] : []),
    // those who may patrol answer for defects too (their own, mine=true)
    ...(reader || can('inspection.patrol') ? [{ key: '/defects', label: it('defects', lang) }] : []),
    ...(reader ? [{ key: '/rectifications', label: it('rectifications', lang) }] : []),
    ...(reader ? [{ key: '/inspection-bulletin', label: it('bulletin', lang) }] : []),
    // 夜间查岗 (inspection.check and inspection.admin enter warnings there) and 沟通工作检查 (inspection.audit starts them): the readers read both
    ...(reader ? [{ key: '/night-checks', label: it('nightChecks', lang) }] : []),
    ...(reader ? [{ key: '/communication-audits', label: it('commAudits', lang) }] : []),
  ];
}

/** The 巡检 group of the menu, or nothing for those who reach none of its pages. */
export function inspectionMenu(can: (capability: string) => boolean, lang: string) {
  const children = inspectionEntries(can, lang);
  return children.length ? [{ key: 'inspections-menu', label: it('menu', lang), children }] : [];
}
