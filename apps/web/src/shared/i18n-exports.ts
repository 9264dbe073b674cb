/**
 * The texts of the exports (issue 12, item 5): the queue's and the dashboard's export buttons and the
 * case ledger (工单台账). Merged into the dictionary of i18n.ts.
 */
export const EXPORTS_ZH = {
  exportExcel: '导出 Excel',
  exportFailed: '导出失败',
  caseLedger: '工单台账',
  receivedBetween: '受理日期',
  allProjects: '全部管理处',
  ledgerHint: '按受理日期、管理处、类型和状态筛选；导出包含全部符合条件的工单（按您的权限脱敏）。',
};
export const EXPORTS_EN: Record<keyof typeof EXPORTS_ZH, string> = {
  exportExcel: 'Export Excel',
  exportFailed: 'Export failed',
  caseLedger: 'Case ledger',
  receivedBetween: 'Received',
  allProjects: 'All projects',
  ledgerHint: 'Filter by date received, project, type and status; an export holds every matching case (masked as your role sees it).',
};
