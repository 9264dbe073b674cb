import { CHECK_GRADE_LABELS, DEFECT_SEVERITY_LABELS, DEFECT_STATUS_LABELS, PATROL_TASK_STATUS_LABELS, SPECIALTY_LABELS } from '@guanjia/vocabulary';

/**
 * The texts of the inspection pages (巡检, 不合格项, 整改通知, 月检通报; issue 15): zh-CN first, English
 * second. Words of the vocabulary come from its label tables; the few codes it has no labels for yet
 * (point and plan kinds, a defect's clock and source, a notice's steps) are labelled here.
 */
const TEXT = {
  menu: ['巡检', 'Inspections'],
  myPatrol: ['我的巡检', 'My patrols'],
  points: ['巡检点', 'Inspection points'],
  plans: ['巡检计划', 'Patrol plans'],
  defects: ['不合格项', 'Defects'],
  rectifications: ['整改通知', 'Rectification notices'],
  bulletin: ['月检通报', 'Monthly bulletin'],
  project: ['项目', 'Project'],
  allProjects: ['全部项目', 'All projects'],
  name: ['名称', 'Name'],
  kind: ['类别', 'Kind'],
  specialty: ['专业', 'Specialty'],
  place: ['位置', 'Place'],
  placeHint: ['例如：2栋地下室水泵房', 'E.g. the pump room under building 2'],
  coordinates: ['坐标', 'Coordinates'],
  latitude: ['纬度', 'Latitude'],
  longitude: ['经度', 'Longitude'],
  radius: ['允许半径（米）', 'Radius (m)'],
  radiusHint: ['现场打卡时手机须在此范围内（默认 50 米）', 'The phone must be this close when checking in (50 m if empty)'],
  noCoordinates: ['未设坐标（室内，不核对位置）', 'No coordinates (indoors: position not checked)'],
  useMyPosition: ['用当前位置', 'Use my position'],
  locating: ['定位中…', 'Locating…'],
  positionFilled: ['已填入当前位置（误差 ±{m} 米）', 'Position filled in (±{m} m)'],
  noGeolocation: ['此浏览器不能定位', 'This browser cannot locate you'],
  geoFailed: ['无法定位：{reason}', 'Cannot locate: {reason}'],
  geoDenied: ['未获定位授权，请在浏览器设置中允许定位', 'Location was not allowed: allow it in the browser’s settings'],
  metres: ['{m} 米', '{m} m'],
  code: ['二维码', 'QR code'],
  codeValidUntil: ['有效期至', 'Valid until'],
  generation: ['第 {n} 版', 'Print {n}'],
  active: ['在用', 'In use'],
  inactive: ['停用', 'Out of use'],
  state: ['状态', 'State'],
  actions: ['操作', 'Actions'],
  newPoint: ['新建巡检点', 'New point'],
  editPoint: ['编辑巡检点', 'Edit point'],
  edit: ['编辑', 'Edit'],
  view: ['查看', 'View'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  cancel: ['取消', 'Cancel'],
  renewCode: ['换发二维码', 'Re-issue the code'],
  renewConfirm: [
    '换发后，已张贴的旧二维码立即作废，须打印新码替换。确定换发？',
    'Every print posted now stops working at once: print the new code to replace it. Re-issue?',
  ],
  renewed: ['已换发新二维码（第 {n} 版），请打印张贴', 'New code issued (print {n}): print and post it'],
  printCode: ['打印二维码', 'Print the code'],
  print: ['打印', 'Print'],
  back: ['返回', 'Back'],
  printTitle: ['巡检点', 'Inspection point'],
  printHint: ['扫码打卡须在现场定位；二维码损坏时可手动输入下方编码', 'Check-ins are located on site; if the code is damaged, type the text below'],
  // plans
  newPlan: ['新建计划', 'New plan'],
  editPlan: ['编辑计划', 'Edit plan'],
  planDetail: ['计划详情', 'Plan'],
  planKind: ['计划类型', 'Plan kind'],
  repeat: ['重复', 'Repeats'],
  repeatWeekdays: ['按星期', 'By weekday'],
  repeatDays: ['按日期', 'By day of month'],
  weekdays: ['星期', 'Weekdays'],
  days: ['日期', 'Days'],
  monthEnd: ['月末', 'Month end'],
  everyWeek: ['每周{days}', 'Every {days}'],
  everyMonth: ['每月{days}', 'Monthly on {days}'],
  dayN: ['{n}日', '{n}'],
  rounds: ['轮次（开始时间）', 'Rounds (start times)'],
  roundsShort: ['轮次', 'Rounds'],
  roundsHint: ['HH:MM，多个用逗号分隔，如 08:00, 14:00, 20:00', 'HH:MM, separated by commas, e.g. 08:00, 14:00, 20:00'],
  roundsInvalid: ['轮次须是 HH:MM 时间，如 08:00', 'Rounds are HH:MM times, e.g. 08:00'],
  route: ['路线（按顺序）', 'Route (in order)'],
  routeShort: ['路线', 'Route'],
  point: ['巡检点', 'Point'],
  offset: ['开始后（分钟）', 'After start (min)'],
  window: ['时间窗（分钟）', 'Window (min)'],
  addStop: ['添加巡检点', 'Add a point'],
  inspectors: ['巡检人（按优先顺序）', 'Inspectors (in order of preference)'],
  inspectorsShort: ['巡检人', 'Inspectors'],
  inspectorsHint: ['当天第一位在岗者执行任务（按值班表）', 'The first on duty that day gets the task (by the roster)'],
  addInspector: ['添加巡检人', 'Add an inspector'],
  up: ['上移', 'Up'],
  down: ['下移', 'Down'],
  remove: ['移除', 'Remove'],
  lead: ['提前生成（分钟）', 'Shown ahead (min)'],
  late: ['迟到容许（分钟）', 'Late allowance (min)'],
  makeup: ['补检时限（小时，0 为不允许）', 'Make-up time (h, 0: none)'],
  timing: ['提前 / 迟到 / 补检', 'Ahead / late / make-up'],
  timingValue: ['{lead} 分 / {late} 分 / {makeup} 时', '{lead} min / {late} min / {makeup} h'],
  acceptor: ['验收人', 'Acceptor'],
  acceptorHint: ['保养任务完成后由其验收', 'Accepts the finished maintenance work'],
  generatedThrough: ['任务已生成至', 'Tasks made through'],
  readOnly: ['只读：计划由巡检管理员维护', 'Read-only: plans are kept by inspection administrators'],
  required: ['必填', 'Required'],
  nPoints: ['{n} 个点', '{n} points'],
  // my patrols
  noTasks: ['当前没有巡检任务', 'No patrol tasks now'],
  openTasks: ['进行中的任务', 'Tasks to walk'],
  endedTasks: ['今日已结束', 'Ended today'],
  roundAt: ['{round} 轮', '{round} round'],
  progress: ['已检 {checked}/{points}', 'Checked {checked}/{points}'],
  abnormalCount: ['异常 {n}', 'Abnormal {n}'],
  openTask: ['进入任务', 'Open'],
  taskNotFound: ['找不到该巡检任务', 'Patrol task not found'],
  windowOf: ['时间窗 {from}–{to}', 'Window {from}–{to}'],
  toCheck: ['待检', 'To check'],
  checked: ['已检', 'Checked'],
  scan: ['扫码打卡', 'Scan'],
  closeScan: ['收起', 'Close'],
  camera: ['打开相机扫码', 'Scan with the camera'],
  stopCamera: ['关闭相机', 'Stop the camera'],
  noBarcode: ['此浏览器不支持相机扫码，请用“手动输入码”', 'This browser cannot read codes with the camera: type the code instead'],
  cameraFailed: ['无法打开相机：{reason}', 'Cannot open the camera: {reason}'],
  manualCode: ['手动输入码', 'Type the code'],
  manualHint: ['二维码损坏时，输入其下方印的编码', 'If the label is damaged, type the text printed under it'],
  submitCode: ['提交', 'Submit'],
  position: ['定位', 'Position'],
  positionOk: ['已定位，误差 ±{m} 米', 'Located, ±{m} m'],
  positionNone: ['尚未定位', 'Not located yet'],
  scanned: ['已扫码：{name}', 'Scanned: {name}'],
  distance: ['距离 {m} 米', '{m} m away'],
  makeupTag: ['补检', 'Make-up'],
  ticketLeft: ['请在 {time} 内提交', 'Submit within {time}'],
  ticketExpired: ['扫码已超时，请重新扫码', 'The scan expired: scan again'],
  result: ['检查结果', 'Result'],
  normal: ['正常', 'Normal'],
  abnormal: ['异常', 'Abnormal'],
  note: ['情况说明', 'What was found'],
  noteRequired: ['异常时须填写情况说明', 'Say what was found'],
  resultRequired: ['请选择检查结果', 'Choose the result'],
  severity: ['严重程度', 'Severity'],
  causedByStaff: ['由员工原因造成', 'Caused by staff'],
  photos: ['现场照片', 'Photos'],
  takePhoto: ['拍照', 'Take a photo'],
  uploading: ['上传中…', 'Uploading…'],
  photoRequired: ['请在现场拍照', 'Take a photo at the point'],
  removePhoto: ['删除照片', 'Remove the photo'],
  awaiting: ['待验证的消项', 'Closures to verify'],
  closedAt: ['消项时间', 'Closed at'],
  closureNote: ['消项说明', 'Closure note'],
  verifyPass: ['验证通过', 'Verified'],
  verifyFail: ['不通过', 'Not fixed'],
  verifyRequired: ['请验证每一项消项', 'Verify each closure'],
  submit: ['提交', 'Submit'],
  recorded: ['已记录：{grade}', 'Recorded: {grade}'],
  defectOpened: ['已生成不合格项', 'A defect was opened'],
  photoFlag: ['照片疑似重复使用（{kind}，与此前检查相同）', 'Photo seems reused ({kind}, as an earlier check)'],
  transfer: ['转交', 'Hand over'],
  transferTo: ['转交给', 'Hand over to'],
  transferReason: ['转交原因', 'Reason'],
  transferred: ['已转交', 'Handed over'],
  transferredFrom: ['由他人转交：{reason}', 'Handed over: {reason}'],
  acceptance: ['验收', 'Acceptance'],
  accept: ['验收通过', 'Accept'],
  reject: ['验收不通过', 'Reject'],
  acceptanceNote: ['验收意见（不通过时必填）', 'Note (required to reject)'],
  accepted: ['已验收', 'Accepted'],
  tasks: ['巡检任务', 'Patrol tasks'],
  date: ['日期', 'Date'],
  assignee: ['执行人', 'Inspector'],
  planName: ['计划', 'Plan'],
  allTaskStatuses: ['全部状态', 'Every status'],
  backToTasks: ['巡检任务', 'Patrol tasks'],
  // defects
  status: ['状态', 'Status'],
  allStatuses: ['全部状态', 'Every status'],
  mineOnly: ['只看我负责的', 'Mine only'],
  dailySheetOnly: ['日检表（登记项）', 'Daily sheet only'],
  description: ['描述', 'Description'],
  source: ['来源', 'Source'],
  responsible: ['责任人', 'Responsible'],
  deadline: ['整改期限', 'Deadline'],
  foundAt: ['发现时间', 'Found'],
  foundBy: ['发现人', 'Found by'],
  defect: ['不合格项', 'Defect'],
  closure: ['消项', 'Closure'],
  close: ['消项', 'Close'],
  closeNote: ['消项说明', 'How it was fixed'],
  closeNoteRequired: ['请填写消项说明', 'Say how it was fixed'],
  closed: ['已消项，待下次检查验证', 'Closed: verified at the next check'],
  verify: ['验证', 'Verify'],
  verified: ['已验证', 'Verified'],
  reassign: ['改派', 'Reassign'],
  newDeadline: ['新期限（可不填）', 'New deadline (optional)'],
  reassigned: ['已改派', 'Reassigned'],
  openCase: ['生成工单', 'Open a case'],
  caseType: ['工单类型', 'Case type'],
  caseTitle: ['工单标题（可不填）', 'Title (optional)'],
  caseOpened: ['已生成工单', 'Case opened'],
  linkedCase: ['关联工单', 'Linked case'],
  viewCase: ['查看工单', 'Open the case'],
  reopened: ['重新整改 {n} 次', 'Reopened {n}×'],
  escalated: ['已升级 {n} 级', 'Escalated {n}'],
  onDailySheet: ['列入日检表', 'On the daily sheet'],
  none: ['无', 'None'],
  // rectification notices
  issue: ['下达整改通知', 'Issue a notice'],
  title: ['标题', 'Title'],
  requirement: ['整改要求', 'Requirement'],
  defectsOf: ['涉及的不合格项', 'Defects'],
  round: ['轮次', 'Round'],
  roundN: ['第 {n} 轮', 'Round {n}'],
  issued: ['已下达', 'Issued'],
  measures: ['整改措施', 'Measures'],
  report: ['整改报告', 'Report'],
  reinspect: ['复查', 'Re-inspect'],
  reinspectPass: ['复查通过', 'Passed'],
  reinspectFail: ['复查不通过', 'Not passed'],
  reinspectNote: ['复查意见', 'Re-inspection note'],
  reinspectDeadline: ['新的整改期限（不通过时必填）', 'New deadline (required when not passed)'],
  submitMeasures: ['提交整改措施', 'Submit the measures'],
  submitReport: ['提交整改报告', 'Submit the report'],
  lateTag: ['已逾期', 'Late'],
  nDefects: ['{n} 项', '{n}'],
  steps: ['进展', 'Steps'],
  // bulletin
  month: ['月份', 'Month'],
  checks: ['检查次数', 'Checks'],
  score: ['得分率', 'Score'],
  defectCount: ['不合格项', 'Defects'],
  serious: ['严重', 'Serious'],
  staffCaused: ['员工原因', 'Staff-caused'],
  closedOnTime: ['按时消项', 'Closed on time'],
  closedLate: ['逾期消项', 'Closed late'],
  stillOpen: ['未消项', 'Open'],
  overdue: ['超期未消项', 'Overdue'],
  verifiedCount: ['已验证', 'Verified'],
  patrolLine: [
    '巡检：点次 {checks}，提前 {early}，准时 {onTime}，迟到 {late}，漏检 {missed}，准时率 {p}',
    'Patrols: {checks} point checks, {early} early, {onTime} on time, {late} late, {missed} missed, punctuality {p}',
  ],
  noLines: ['本月无检查和不合格项', 'No checks or defects this month'],
  bulletinTitle: ['{month} 月检通报', 'Monthly bulletin {month}'],
  total: ['合计', 'Total'],
  // night checks (夜间查岗) and communication audits (沟通工作检查), item 1
  nightChecks: ['夜间查岗', 'Night checks'],
  commAudits: ['沟通工作检查', 'Communication audits'],
  nightRequired: ['本月要求', 'Required this month'],
  nightDone: ['已查', 'Done'],
  nightOwed: ['尚欠', 'Still owed'],
  timesN: ['{n} 次', '{n}'],
  nightsChecked: ['已查夜晚', 'Nights checked'],
  warningNightsOwed: ['预警夜晚待查', 'Warning nights owed'],
  weatherWarnings: ['天气预警', 'Weather warnings'],
  enterWarning: ['录入预警', 'Enter a warning'],
  warningKind: ['预警类型', 'Warning'],
  warningLevel: ['预警级别', 'Level'],
  warningNights: ['预警期间（夜晚）', 'Nights under the warning'],
  warningNote: ['备注', 'Note'],
  warningEntered: ['已录入预警，已安排 {n} 晚夜间查岗：{nights}', 'Warning entered: {n} night checks scheduled: {nights}'],
  warningNoneNew: ['已录入预警；其夜晚均已安排查岗', 'Warning entered: its nights were already scheduled'],
  nightsScheduled: ['已安排 {n} 晚查岗', '{n} night checks scheduled'],
  nightChecksList: ['查岗记录', 'Night checks'],
  weatherCheckTitle: ['夜间查岗（{kind}预警）', 'Night check ({kind} warning)'],
  night: ['夜晚', 'Night'],
  inspector: ['检查人', 'Inspector'],
  startCheck: ['开始检查', 'Start the check'],
  openCheck: ['查看检查', 'Open the check'],
  noNightChecks: ['本月尚无夜间查岗', 'No night checks this month'],
  noWarnings: ['本月无天气预警', 'No weather warnings this month'],
  period: ['检查期间', 'Period'],
  sampleSize: ['抽查数量', 'Sample size'],
  sampleSizeHint: ['从期间受理的工单中随机抽取（1–50 件）', 'Drawn at random from the cases received in the period (1–50)'],
  checklist: ['检查表', 'Checklist'],
  checklistDefault: ['默认：在用的沟通工作检查表', 'Default: the communication audit checklist in use'],
  newAudit: ['新建抽查', 'New audit'],
  auditStarted: ['已抽取 {n} 件工单', '{n} cases drawn'],
  auditSample: ['抽查样本', 'Sample'],
  viewSample: ['查看抽样', 'Sample'],
  scoreAndReport: ['评分并写报告', 'Score and write the report'],
  casesReceived: ['期间受理工单', 'Cases received'],
  sampleDrawn: ['抽取工单', 'Cases drawn'],
  sampleDrawnValue: ['{n} 件（要求 {requested} 件）', '{n} (asked {requested})'],
  complaintTimeliness: ['投诉处理及时率', 'Complaint timeliness'],
  timelyLine: ['及时 {met}，超时 {breached}，及时率 {rate}', '{met} on time, {breached} late: {rate}'],
  satisfactionRate: ['满意率', 'Satisfaction'],
  satisfiedLine: ['满意 {satisfied}，回访 {asked}，满意率 {rate}', '{satisfied} satisfied of {asked} asked: {rate}'],
  caseNumber: ['工单号', 'Case'],
  channel: ['渠道', 'Channel'],
  received: ['受理时间', 'Received'],
  noSample: ['期间内没有受理的工单', 'No cases were received in the period'],
  seedLine: ['随机种子 {seed}：同一期间与种子得出同一样本', 'Seed {seed}: the same period and seed give the same sample'],
  startedAt: ['开始时间', 'Started'],
  noAudits: ['尚无沟通工作检查', 'No communication audits yet'],
  byKind: ['已提交的检查（按类别）', 'Checks submitted, by kind'],
  checkKind: ['检查类别', 'Kind of check'],
  count: ['次数', 'Count'],
  // notifications
  windowEnds: ['时间窗截至', 'Window closes'],
  daySummary: [
    '任务 {tasks}（完成 {done}），点次 {checked}/{points}，迟到 {late}，漏检 {missed}，异常 {abnormal}',
    '{tasks} tasks ({done} done), {checked}/{points} points, {late} late, {missed} missed, {abnormal} abnormal',
  ],
} satisfies Record<string, [string, string]>;

export type InspectionTextKey = keyof typeof TEXT;
type Lang = 'zh-CN' | 'en';
const pick = (lang: string) => (lang === 'en' ? 1 : 0);

/** A text of the inspection pages in the language shown, with {name} placeholders filled. */
export function it(key: InspectionTextKey, lang: string, vars: Record<string, string | number> = {}): string {
  return TEXT[key][pick(lang)].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

type Labels = Readonly<Record<string, readonly [string, string]>>;

export const POINT_KIND_LABELS: Labels = { equipment: ['设备', 'Equipment'], area: ['区域', 'Area'] };
export const PLAN_KIND_LABELS: Labels = { patrol: ['巡检', 'Patrol'], maintenance: ['保养', 'Maintenance'] };
export const CODE_STATE_LABELS: Labels = { valid: ['有效', 'Valid'], renew_soon: ['即将到期', 'Renew soon'], expired: ['已过期', 'Expired'] };
export const DEFECT_CLOCK_LABELS: Labels = {
  on_time: ['期限内', 'On time'],
  at_risk: ['即将到期', 'Due soon'],
  overdue: ['已超期', 'Overdue'],
  closed_on_time: ['按时消项', 'Closed on time'],
  closed_late: ['逾期消项', 'Closed late'],
};
export const DEFECT_SOURCE_LABELS: Labels = { inspection: ['检查', 'Check'], patrol: ['巡检', 'Patrol'], manual: ['登记', 'Recorded'] };
export const RECTIFICATION_STATUS_LABELS: Labels = {
  issued: ['已下达', 'Issued'],
  measures: ['已定措施', 'Measures set'],
  reported: ['已报告', 'Reported'],
  passed: ['复查通过', 'Passed'],
};
export const RESULT_LABELS: Labels = { normal: ['正常', 'Normal'], abnormal: ['异常', 'Abnormal'] };
export const ACCEPTANCE_LABELS: Labels = { accepted: ['已验收', 'Accepted'], rejected: ['验收不通过', 'Rejected'] };
export const PHOTO_FLAG_LABELS: Labels = { same_file: ['同一文件', 'the same file'], same_picture: ['同一画面', 'the same picture'] };
export const CASE_KIND_LABELS: Labels = { repair: ['报修', 'Repair'], inquiry: ['咨询', 'Inquiry'], suggestion: ['建议', 'Suggestion'] };
/** 夜间查岗: the month's state, how a check came to be, and the levels a warning is entered with (the level is kept as written). */
export const NIGHT_STATE_LABELS: Labels = { met: ['已达标', 'Met'], owed: ['未完成', 'Owed'], missed: ['未达标', 'Missed'] };
export const CHECK_TRIGGER_LABELS: Labels = { manual: ['人工', 'By hand'], weather: ['天气预警', 'Weather warning'], audit_sample: ['抽查', 'Audit sample'] };
export const WARNING_LEVEL_LABELS: Labels = { 蓝色: ['蓝色', 'Blue'], 黄色: ['黄色', 'Yellow'], 橙色: ['橙色', 'Orange'], 红色: ['红色', 'Red'] };
/** A warning's level in the language shown (a level typed otherwise shows as written). */
export const levelText = (level: string | null, lang: string) => (!level ? '—' : WARNING_LEVEL_LABELS[level] ? word(WARNING_LEVEL_LABELS, level, lang) : level);
export const WEEKDAY_LABELS: Labels = {
  1: ['一', 'Mon'],
  2: ['二', 'Tue'],
  3: ['三', 'Wed'],
  4: ['四', 'Thu'],
  5: ['五', 'Fri'],
  6: ['六', 'Sat'],
  7: ['日', 'Sun'],
};

/** A code's label in the language shown; a code no table knows shows as — (and a console warning), never raw. */
export function word(table: Labels, key: string | number | null | undefined, lang: Lang | string): string {
  if (key === null || key === undefined || key === '') return '—';
  const found = table[String(key)]?.[pick(lang)];
  if (found === undefined) console.warn(`no label for "${key}"`);
  return found ?? '—';
}

export const specialtyText = (key: string | null | undefined, lang: string) => word(SPECIALTY_LABELS, key, lang);
export const severityText = (key: string | null | undefined, lang: string) => word(DEFECT_SEVERITY_LABELS, key, lang);
export const defectStatusText = (key: string | null | undefined, lang: string) => word(DEFECT_STATUS_LABELS, key, lang);
export const gradeText = (key: string | null | undefined, lang: string) => word(CHECK_GRADE_LABELS, key, lang);
export const taskStatusText = (key: string | null | undefined, lang: string) => word(PATROL_TASK_STATUS_LABELS, key, lang);

/** Colours of a defect's deadline clock and a check's grade (antd Tag colours). */
export const CLOCK_COLOURS: Record<string, string> = { on_time: 'green', at_risk: 'orange', overdue: 'red', closed_on_time: 'blue', closed_late: 'volcano' };
export const GRADE_COLOURS: Record<string, string> = { early: 'gold', on_time: 'green', late: 'orange', missed: 'red' };
export const SEVERITY_COLOURS: Record<string, string> = { minor: 'default', general: 'orange', serious: 'red' };

/** 每周一、三、五 / 每月 1日、15日、月末. */
export function repeatText(repeat: { kind: 'weekdays'; weekdays: number[] } | { kind: 'days_of_month'; days: number[] }, lang: string): string {
  const sep = lang === 'en' ? ', ' : '、';
  if (repeat.kind === 'weekdays')
    return repeat.weekdays.length === 7 && lang !== 'en'
      ? '每天'
      : it('everyWeek', lang, {
          days: [...repeat.weekdays]
            .sort()
            .map((d) => word(WEEKDAY_LABELS, d, lang))
            .join(sep),
        });
  const days = [...repeat.days].sort((a, b) => (a === -1 ? 99 : a) - (b === -1 ? 99 : b));
  return it('everyMonth', lang, { days: days.map((d) => (d === -1 ? it('monthEnd', lang) : it('dayN', lang, { n: d }))).join(sep) });
}
