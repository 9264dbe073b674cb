/**
 * The texts of the wallboard (大屏, issue 16 item 4) and of its display tokens in administration:
 * zh-CN first, English second.
 */
const TEXT = {
  tab: ['大屏令牌', 'Wallboard tokens'],
  intro: [
    '为客服中心的大屏生成只读令牌：大屏只显示所选项目的时限预警、今日受理、值班人员和有效通知，不含业主个人信息。令牌只在生成时显示一次。',
    'Make a read-only token for the service centre’s wallboard: it shows the chosen projects’ clocks at risk, today’s intake, who is on duty and the notices in force, nothing personal about owners. The token is shown once, when made.',
  ],
  label: ['名称', 'Label'],
  labelHint: ['例如：翠湖客服中心大屏', 'E.g. service centre TV'],
  projects: ['项目', 'Projects'],
  create: ['生成令牌', 'Make a token'],
  created: ['令牌已生成，请立即复制：关闭后不再显示', 'Token made. Copy it now: it is not shown again'],
  boardLink: ['大屏地址', 'Board address'],
  openBoard: ['打开大屏', 'Open the board'],
  createdAt: ['生成时间', 'Made'],
  lastUsedAt: ['最近使用', 'Last used'],
  status: ['状态', 'Status'],
  active: ['有效', 'Active'],
  revoked: ['已撤销', 'Revoked'],
  revoke: ['撤销', 'Revoke'],
  revokeConfirm: ['撤销后，使用此令牌的大屏立即无法显示。确定撤销？', 'The board using this token stops at once. Revoke it?'],
  none: ['暂无大屏令牌', 'No wallboard tokens yet'],
  // the board
  title: ['客服中心大屏', 'Service centre wallboard'],
  atRisk: ['即将超时', 'At risk'],
  breached: ['已超时', 'Breached'],
  clocksTitle: ['时限预警（按部门）', 'Clocks at risk and breached, by department'],
  noClocks: ['目前没有即将超时或已超时的工单', 'No clocks at risk or breached'],
  serviceCentre: ['客服中心（未派部门）', 'Service centre (no department yet)'],
  left: ['剩余', 'left'],
  late: ['超时', 'late'],
  intakeTitle: ['今日受理', 'Today’s intake'],
  total: ['合计', 'Total'],
  onDutyTitle: ['当前值班', 'On duty now'],
  noOnDuty: ['当前无值班安排', 'Nobody on the roster now'],
  until: ['至 {time}', 'until {time}'],
  noticesTitle: ['有效通知', 'Notices in force'],
  noNotices: ['暂无有效通知', 'No notices in force'],
  emergency: ['紧急', 'Emergency'],
  updated: ['更新于 {time}', 'Updated {time}'],
  live: ['实时', 'Live'],
  reconnecting: ['重新连接中', 'Reconnecting'],
  noToken: ['缺少大屏令牌：请使用管理员生成的大屏地址打开', 'No display token: open the address an administrator made'],
  refused: ['大屏令牌无效或已撤销，请联系管理员', 'The display token is wrong or revoked: ask an administrator'],
  language: ['English', '中文'],
} as const;

export type WallboardTextKey = keyof typeof TEXT;

export function wt(key: WallboardTextKey, lang: string, vars: Record<string, string | number> = {}): string {
  return TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}
