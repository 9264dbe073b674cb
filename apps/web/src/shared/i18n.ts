import { createContext, useContext } from 'react';

export type Lang = 'zh-CN' | 'en';

const zh = {
  appName: '管家 · 客服工作台', portalName: '管家 · 业主服务', signIn: '登录', signOut: '退出', username: '用户名', password: '密码', phone: '手机号',
  queue: '工单队列', intake: '受理登记', dashboard: '管理看板', admin: '系统管理', search: '搜索工单号、标题、内容', refresh: '刷新',
  mine: '我的', department: '本部门', unassigned: '待分派', atRisk: '即将超时/已超时', open: '全部未结', closed: '已结案',
  number: '工单号', type: '类型', status: '状态', title: '标题', createdAt: '受理时间', due: '时限', project: '项目', owner: '业主', unit: '房屋',
  channel: '渠道', category: '类别', grade: '维修分级', description: '问题描述', save: '保存', saved: '已保存', saveHint: 'Ctrl+Enter 保存',
  findOwner: '按手机号、姓名或房号查找业主', deskChannel: '本台渠道', newCase: '新建工单', timeline: '处理记录', clocks: '时限', actions: '可办理',
  reply: '回复业主', leaveMessage: '留言', send: '发送', sendAnyway: '仍然发送', guardTitle: '服务用语提醒', noActions: '当前没有可办理的操作',
  notFound: '未找到该工单，或您无权查看', loading: '加载中…', rows: '条', language: 'English', timeliness: '沟通及时率', met: '按时', breached: '超时',
  rate: '及时率', byMonth: '按月', byDepartment: '按部门', byProject: '按项目', byClock: '按时限类型', byStaff: '按员工', byType: '按报事类型', exportCsv: '导出 CSV', edit: '编辑', cancel: '取消', unitsOf: '房屋', floor: '楼层', area: '面积（㎡）', head: '负责人', supervising: '监督部门', address: '地址', timeZone: '时区', phase: '阶段', escalationDelays: '升级延时（分钟）', escalationHint: '超时后每一级升级的延时，逗号分隔，如 0, 60, 240（依次：经办人、部门负责人、管理处主任、品质部）。', deactivate: '停用', activate: '启用', editProject: '编辑项目', departmentName: '部门', uncategorized: '未分类', selfLockoutHint: '不能停用自己的账号', openInNewTab: '在新标签页打开', projectHolidayMark: '本项目休', projectWorkdayMark: '本项目班', projectDates: '本项目另行安排', projectDatesHint: '在公司节假日之外，本管理处另行放假或上班的日期（如地方性假日），优先于公司日历；保存后重算本项目进行中的时限。', projectHolidaysField: '本项目放假日期', projectWorkdaysField: '本项目上班日期', attach: '添加附件', attachHint: '照片或 PDF，单个不超过 10 MB', email: '邮箱', myCases: '我的报事', submit: '提交',
  photos: '照片', satisfied: '满意', notSatisfied: '不满意', rating: '评分', confirmResult: '确认处理结果', opinion: '意见', back: '返回',
  successRate: '问题处理成功率', satisfactionRate: '业主满意度', averageRating: '平均评分', closedCount: '结案数', complaintCategories: '投诉类别排名', archive: '业主档案', reveal: '查看完整号码', units: '房屋', contacts: '联系方式', history: '历史记录', needs: '特殊需求', calendar: '工作日历', slaRules: '时限规则', structure: '项目结构', staffList: '员工', loadYear: '导入年度节假日',
  year: '年份', holidaysField: '放假日期（每行一个）', makeupField: '调休上班日期', newBuilding: '新建楼栋', newUnit: '新建房屋', newDepartment: '新建部门', newStaff: '新建员工', code: '代码', name: '名称', floors: '层数', building: '楼栋', unitCode: '房号', kind: '类别', staffName: '姓名', initialPassword: '初始密码', roles: '角色', active: '在职', slaHint: '项目规则覆盖默认时限（咨询初次答复 15 分钟、投诉转部门 10 分钟、方案 3 个工作日……），最具体的规则优先。', revealHint: '查看完整号码会记入审计日志，请说明原因。', reason: '原因', internal: '内部', doNotDisturb: '免打扰', holidayMark: '休', makeupMark: '班',
  accountSecurity: '账号安全', currentPassword: '当前密码', newPassword: '新密码', confirmPassword: '再次输入新密码', passwordsDiffer: '两次输入的新密码不一致', changePassword: '修改密码', passwordChanged: '密码已修改，其他设备上的登录和 API 令牌已失效', passwordRules: '至少 10 个字符，不能与用户名相同，不能是常见密码。',
  twoFactor: '两步验证', twoFactorOn: '已开启', twoFactorOff: '未开启', enableTwoFactor: '开启两步验证', disableTwoFactor: '关闭两步验证', scanQr: '用手机上的身份验证器（如 Google Authenticator、Microsoft Authenticator、腾讯身份验证器）扫描二维码，然后输入显示的 6 位验证码。', manualSecret: '无法扫码时手动输入密钥', verificationCode: '验证码', confirm: '确认', recoveryCodes: '恢复码', recoveryCodesHint: '请妥善保存这些恢复码：手机丢失时每个恢复码可代替验证码登录一次。它们只显示这一次。', continue: '继续', mustChangePassword: '管理员已重置您的密码，请先设置一个新密码。', mustEnrolTwoFactor: '管理员账号必须开启两步验证后才能使用系统。', codeHint: '身份验证器中的 6 位验证码，或一个恢复码',
  notifications: '通知', remaining: '剩余', lateBy: '超时', paused: '已暂停', met_: '已按时完成', breached_: '已超时', running: '计时中', cancelled: '已取消',
  demoData: '演示数据', demoDataHint: '这里的公司、员工、业主和工单都是示例，请勿录入真实信息',
} as const;

const en: Record<keyof typeof zh, string> = {
  appName: 'Guanjia · Service desk', portalName: 'Guanjia · Owner service', signIn: 'Sign in', signOut: 'Sign out', username: 'Username', password: 'Password', phone: 'Mobile',
  queue: 'Queues', intake: 'New case', dashboard: 'Dashboard', admin: 'Administration', search: 'Search number, title, text', refresh: 'Refresh',
  mine: 'Mine', department: 'My department', unassigned: 'Unassigned', atRisk: 'About to breach / breached', open: 'All open', closed: 'Closed',
  number: 'Number', type: 'Type', status: 'Status', title: 'Title', createdAt: 'Received', due: 'Due', project: 'Project', owner: 'Owner', unit: 'Unit',
  channel: 'Channel', category: 'Category', grade: 'Repair grade', description: 'Description', save: 'Save', saved: 'Saved', saveHint: 'Ctrl+Enter saves',
  findOwner: 'Find the owner by mobile, name or unit', deskChannel: 'Desk channel', newCase: 'New case', timeline: 'Timeline', clocks: 'Time limits', actions: 'Actions',
  reply: 'Reply to the owner', leaveMessage: 'Message', send: 'Send', sendAnyway: 'Send anyway', guardTitle: 'Service language', noActions: 'Nothing to do now',
  notFound: 'No such case, or not yours to see', loading: 'Loading…', rows: 'rows', language: '中文', timeliness: 'Timeliness', met: 'On time', breached: 'Late',
  rate: 'Rate', byMonth: 'By month', byDepartment: 'By department', byProject: 'By project', byClock: 'By clock', byStaff: 'By staff', byType: 'By case type', exportCsv: 'Export CSV', edit: 'Edit', cancel: 'Cancel', unitsOf: 'Units', floor: 'Floor', area: 'Area (㎡)', head: 'Head', supervising: 'Supervising', address: 'Address', timeZone: 'Time zone', phase: 'Phase', escalationDelays: 'Escalation delays (min)', escalationHint: 'Minutes after the breach for each escalation step, comma-separated, e.g. 0, 60, 240 (assignee, department head, office manager, quality).', deactivate: 'Deactivate', activate: 'Activate', editProject: 'Edit project', departmentName: 'Department', uncategorized: 'Uncategorized', selfLockoutHint: 'You cannot deactivate your own account', openInNewTab: 'Open in a new tab', projectHolidayMark: 'off here', projectWorkdayMark: 'work here', projectDates: 'This project’s own dates', projectDatesHint: 'Days this office is off or works beyond the company calendar (e.g. a local holiday); they win over the company calendar, and running clocks are recomputed.', projectHolidaysField: 'Days off here', projectWorkdaysField: 'Working days here', attach: 'Attach files', attachHint: 'Photos or PDF, up to 10 MB each', email: 'Email', myCases: 'My requests', submit: 'Submit',
  photos: 'Photos', satisfied: 'Satisfied', notSatisfied: 'Not satisfied', rating: 'Rating', confirmResult: 'Confirm the result', opinion: 'Comment', back: 'Back',
  successRate: 'Resolution success', satisfactionRate: 'Satisfaction', averageRating: 'Average rating', closedCount: 'Closed', complaintCategories: 'Complaint categories', archive: 'Owner archive', reveal: 'Reveal number', units: 'Units', contacts: 'Contacts', history: 'History', needs: 'Special needs', calendar: 'Business calendar', slaRules: 'SLA rules', structure: 'Structure', staffList: 'Staff', loadYear: 'Load a year of holidays',
  year: 'Year', holidaysField: 'Holidays (one date per line)', makeupField: 'Make-up working days', newBuilding: 'New building', newUnit: 'New unit', newDepartment: 'New department', newStaff: 'New staff member', code: 'Code', name: 'Name', floors: 'Floors', building: 'Building', unitCode: 'Unit', kind: 'Kind', staffName: 'Name', initialPassword: 'Initial password', roles: 'Roles', active: 'Active', slaHint: 'Project rules override the default limits (first reply 15 min, complaint transfer 10 min, plan 3 working days, …); the most specific rule wins.', revealHint: 'Revealing the full number is written to the audit log: say why.', reason: 'Reason', internal: 'internal', doNotDisturb: 'Do not disturb', holidayMark: 'off', makeupMark: 'work',
  accountSecurity: 'Account security', currentPassword: 'Current password', newPassword: 'New password', confirmPassword: 'New password again', passwordsDiffer: 'The two new passwords differ', changePassword: 'Change password', passwordChanged: 'Password changed; sign-ins on other devices and API tokens have ended', passwordRules: 'At least 10 characters, not your user name, not a common password.',
  twoFactor: 'Two-step verification', twoFactorOn: 'On', twoFactorOff: 'Off', enableTwoFactor: 'Turn on two-step verification', disableTwoFactor: 'Turn off two-step verification', scanQr: 'Scan the QR code with an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, …), then enter the 6-digit code it shows.', manualSecret: 'Cannot scan? Enter this key by hand', verificationCode: 'Code', confirm: 'Confirm', recoveryCodes: 'Recovery codes', recoveryCodesHint: 'Keep these recovery codes safe: if you lose your phone, each one signs you in once instead of a code. They are shown only now.', continue: 'Continue', mustChangePassword: 'An administrator reset your password: set a new one first.', mustEnrolTwoFactor: 'Administrator accounts must turn on two-step verification before using the system.', codeHint: 'The 6-digit code from your authenticator app, or a recovery code',
  notifications: 'Notifications', remaining: 'left', lateBy: 'late', paused: 'Paused', met_: 'Met', breached_: 'Breached', running: 'Running', cancelled: 'Cancelled',
  demoData: 'Demo data', demoDataHint: 'the company, staff, owners and cases here are examples; do not enter real information',
};

export const CASE_TYPE_LABELS: Record<string, [string, string]> = { inquiry: ['咨询', 'Inquiry'], complaint: ['投诉', 'Complaint'], suggestion: ['建议', 'Suggestion'], repair: ['报修', 'Repair'] };
export const STATUS_LABELS: Record<string, [string, string]> = {
  new: ['已登记', 'New'], transferred: ['已转部门', 'Transferred'], in_progress: ['处理中', 'In progress'], answer_ready: ['部门已答复', 'Answer ready'],
  plan_submitted: ['方案待审批', 'Plan submitted'], plan_approved: ['方案已批准', 'Plan approved'], evaluated: ['已评估', 'Evaluated'], dispatched: ['已派工', 'Dispatched'],
  on_site: ['已到场', 'On site'], work_done: ['已完工待确认', 'Work done'], owner_informed: ['已告知业主', 'Owner informed'], resolved: ['业主满意', 'Resolved'], closed: ['已结案', 'Closed'],
};
export const CHANNEL_LABELS: Record<string, [string, string]> = {
  hotline: ['客服热线', 'Hotline'], online_chat: ['在线客服', 'Online chat'], wechat_group: ['业主微信群', 'WeChat group'], counter: ['前台/现场', 'Counter'],
  suggestion_box: ['意见箱', 'Suggestion box'], email: ['邮件', 'Email'], letter: ['信函', 'Letter'], forum: ['网上论坛', 'Forum'], door_visit: ['上门走访', 'Door visit'],
  owner_meeting: ['座谈会', 'Owner meeting'], portal: ['业主端', 'Portal'], internal: ['内部', 'Internal'],
};
export const GRADE_LABELS: Record<string, [string, string]> = { very_urgent: ['特急', 'Very urgent'], urgent: ['急', 'Urgent'], normal: ['一般', 'Normal'], appointment: ['预约', 'Appointment'] };
export const COMMAND_LABELS: Record<string, [string, string]> = {
  acknowledge: ['致歉并复述', 'Apologize & read back'], answer: ['直接答复', 'Answer'], transfer: ['转部门', 'Transfer'], accept: ['接单', 'Accept'],
  record_contact: ['记录联系业主', 'Record contact'], submit_answer: ['提交答复', 'Submit answer'], submit_plan: ['提交方案', 'Submit plan'], approve_plan: ['批准方案', 'Approve plan'],
  return_plan: ['退回方案', 'Return plan'], evaluate: ['评估建议', 'Evaluate'], inform_owner: ['告知业主', 'Inform owner'], record_satisfaction: ['记录满意度', 'Record satisfaction'],
  close: ['结案', 'Close'], close_out_of_scope: ['非服务范围结案', 'Close (out of scope)'], dispatch: ['派工', 'Dispatch'], schedule_appointment: ['预约上门', 'Schedule visit'],
  arrive: ['到场', 'On site'], complete: ['完工', 'Done'], escalate: ['升级', 'Escalate'], mark_major: ['标记重大', 'Mark major'], record_corrective_action: ['纠正措施报告', 'Corrective action'],
  message: ['留言', 'Message'], add_note: ['内部备注', 'Internal note'], reassign: ['改派', 'Reassign'], retype: ['更改类型', 'Re-type'], set_repair_grade: ['调整分级', 'Re-grade'],
  extend_deadline: ['延期（业主同意）', 'Extend (owner agreed)'], rate: ['评分', 'Rate'], pause_clocks: ['暂停计时（等待业主）', 'Pause clocks'], resume_clocks: ['恢复计时', 'Resume clocks'],
};
export const EVENT_LABELS: Record<string, [string, string]> = {
  created: ['受理登记', 'Registered'], acknowledged: ['致歉并复述', 'Acknowledged'], answered: ['已答复', 'Answered'], transferred: ['转部门', 'Transferred'], accepted: ['部门接单', 'Accepted'],
  owner_contacted: ['部门联系业主', 'Owner contacted'], answer_submitted: ['部门答复', 'Answer submitted'], plan_submitted: ['提交方案', 'Plan submitted'], plan_approved: ['方案批准', 'Plan approved'],
  plan_returned: ['方案退回', 'Plan returned'], evaluated: ['建议评估', 'Evaluated'], owner_informed: ['告知业主', 'Owner informed'], satisfaction_recorded: ['满意度', 'Satisfaction'],
  closed: ['结案', 'Closed'], closed_out_of_scope: ['非服务范围结案', 'Closed (out of scope)'], dispatched: ['派工', 'Dispatched'], appointment_scheduled: ['预约', 'Appointment'],
  regraded: ['调整分级', 'Re-graded'], arrived_on_site: ['到场', 'On site'], work_completed: ['完工', 'Work done'], escalated: ['升级', 'Escalated'], marked_major: ['重大投诉', 'Major'],
  corrective_action_recorded: ['纠正措施', 'Corrective action'], message: ['留言', 'Message'], note: ['内部备注', 'Note'], reassigned: ['改派', 'Reassigned'], retyped: ['更改类型', 'Re-typed'],
  deadline_extended: ['延期', 'Extended'], rated: ['评分', 'Rated'], clocks_paused: ['暂停计时', 'Clocks paused'], clocks_resumed: ['恢复计时', 'Clocks resumed'],
  sla_warning: ['时限预警', 'SLA warning'], sla_escalated: ['超时升级', 'SLA escalation'], sla_recomputed: ['时限重算', 'SLA recomputed'],
};

export const label = (table: Record<string, [string, string]>, key: string | null | undefined, lang: Lang) => (key ? (table[key]?.[lang === 'en' ? 1 : 0] ?? key) : '—');

export function dictionary(lang: Lang) {
  return lang === 'en' ? en : zh;
}

export const I18n = createContext<{ lang: Lang; t: Record<keyof typeof zh, string>; setLang: (l: Lang) => void }>({ lang: 'zh-CN', t: zh, setLang: () => {} });
export const useI18n = () => useContext(I18n);

export function initialLang(): Lang {
  const saved = localStorage.getItem('gj_lang');
  return saved === 'en' ? 'en' : 'zh-CN';
}

/** Labels of the command forms' fields. */
export const FIELD_LABELS: Record<string, [string, string]> = {
  apology: ['已致歉', 'Apologized'], readBack: ['已复述确认', 'Read back'], content: ['内容', 'Content'], departmentId: ['部门', 'Department'], promisedAt: ['承诺答复时间', 'Promised time'],
  committedAt: ['承诺完成时间', 'Committed time'], cause: ['原因', 'Cause'], steps: ['措施', 'Steps'], expectedCompletionAt: ['预计完成时间', 'Expected completion'], comment: ['意见', 'Comment'],
  reason: ['原因', 'Reason'], feasible: ['可行', 'Feasible'], plan: ['实施方案', 'Plan'], expectedAt: ['预计时间', 'Expected at'], satisfied: ['业主满意', 'Satisfied'], opinion: ['业主意见', 'Owner’s opinion'],
  rating: ['评分', 'Rating'], causeAnalysis: ['原因分析', 'Cause analysis'], preventiveMeasures: ['预防措施', 'Preventive measures'], assigneeId: ['处理人', 'Assignee'],
  appointmentAt: ['预约时间', 'Appointment'], ownerAgreed: ['业主已同意', 'Owner agreed'], summary: ['完工说明', 'Summary'], level: ['升级到', 'Level'], accusedStaffId: ['被投诉人', 'Accused staff'],
  note: ['说明', 'Note'], report: ['报告', 'Report'], newType: ['新类型', 'New type'], grade: ['分级', 'Grade'], which: ['延期项', 'Which'], newAt: ['新时间', 'New time'], until: ['暂停到', 'Until'],
};

export const ESCALATION_LABELS: Record<string, [string, string]> = {
  company: ['公司（品质管理部）', 'Company (quality department)'], leadership: ['公司领导', 'Company leadership'],
  beyond_office: ['管理处无法处理', 'Beyond the office'], compensation: ['经济赔偿/补偿', 'Compensation claim'], against_office_manager: ['投诉管理处主任', 'Against the office manager'],
};

export const ROLE_LABELS: Record<string, [string, string]> = {
  agent: ['客服专员', 'Agent'], front_desk: ['大堂助理', 'Front desk'], service_supervisor: ['客服主管', 'Service supervisor'], area_steward: ['区域管家', 'Area steward'],
  technician: ['维修技术员', 'Technician'], department_head: ['部门负责人', 'Department head'], office_manager: ['管理处主任', 'Office manager'], quality_officer: ['品质管理部专员', 'Quality officer'],
  archive_keeper: ['档案管理员', 'Archive keeper'], management_rep: ['管理者代表', 'Management representative'], leadership: ['公司领导', 'Leadership'], admin: ['管理员', 'Administrator'],
};

export const DEPARTMENT_KIND_LABELS: Record<string, [string, string]> = {
  service_center: ['客服中心', 'Service center'], engineering: ['工程维修', 'Engineering'], security: ['秩序/安保', 'Security'], environment: ['环境/保洁绿化', 'Environment'],
  finance: ['财务', 'Finance'], quality: ['品质管理部', 'Quality'], subcontractor: ['分包方', 'Subcontractor'], other: ['其他', 'Other'],
};

export const RULE_LABELS: Record<string, [string, string]> = {
  clock: ['时限', 'Clock'], customerGrade: ['客户等级', 'Customer grade'], unit: ['单位', 'Unit'], amount: ['时长', 'Amount'], basis: ['计时方式', 'Basis'], warnAt: ['预警比例', 'Warn at'],
  minutes: ['分钟', 'minutes'], hours: ['小时', 'hours'], working_days: ['工作日', 'working days'], same_day: ['当天下班前', 'same day'], fixed: ['约定时间', 'agreed time'],
  calendar: ['自然时间', 'calendar time'], working: ['工作时间', 'working time'],
  normal: ['普通', 'normal'], member: ['会员', 'member'], vip: ['VIP', 'VIP'], important: ['重要', 'important'],
};
