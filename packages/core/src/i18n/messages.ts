import type { ErrorCode, ErrorParams } from '../shared/errors.ts';

import { CLOCK_LABELS, FIELD_NAMES, type ClockKind, type Locale } from '@guanjia/vocabulary';

export { LOCALES, type Locale } from '@guanjia/vocabulary';

type Catalog = Record<ErrorCode, string>;

/** zh-CN is the default language of every message; English is second. {name} is interpolated. */
const ZH: Catalog = {
  VALIDATION_FAILED: '输入有误：{reason}',
  FIELD_REQUIRED: '字段“{field}”为必填项',
  FIELD_INVALID: '字段“{field}”的值无效：{reason}',
  BODY_INVALID: '请求内容不是有效的 JSON',
  CHARACTER_NOT_ALLOWED: '字段“{field}”含有不允许的字符（{character}）',
  REQUEST_INVALID: '无法读取该 HTTP 请求（格式错误）',
  HEADERS_TOO_LARGE: '请求头过大（最大 {maxKb} KB），请清除浏览器 Cookie 后重试',
  REQUEST_TIMEOUT: '请求超时，请重试',
  UNAUTHENTICATED: '请先登录',
  LOGIN_FAILED: '用户名或密码错误',
  ACCOUNT_LOCKED: '登录失败次数过多，账号已暂时锁定，请 {minutes} 分钟后再试',
  FORBIDDEN: '您没有权限执行此操作',
  PASSWORD_TOO_SHORT: '密码太短：至少需要 {min} 个字符',
  PASSWORD_SAME_AS_USERNAME: '密码不能与用户名相同',
  PASSWORD_TOO_COMMON: '密码过于常见，容易被猜中，请换一个',
  ORGANIZATION_EXISTS: '系统已初始化：已有组织，不能再次初始化',
  SELF_LOCKOUT: '不能停用自己的账号或去掉自己的员工管理权限，请由另一位管理员操作',
  CURRENT_PASSWORD_WRONG: '当前密码不正确',
  PASSWORD_UNCHANGED: '新密码不能与当前密码相同',
  PASSWORD_CHANGE_REQUIRED: '管理员已重置您的密码，请先设置新密码',
  TWO_FACTOR_REQUIRED: '请输入身份验证器中的 6 位验证码（或一个恢复码）',
  TWO_FACTOR_INVALID: '验证码不正确或已使用过',
  TWO_FACTOR_CODE_WRONG: '验证码不正确，请核对手机时间后重新输入',
  TWO_FACTOR_SETUP_REQUIRED: '管理员账号必须先开启两步验证',
  TWO_FACTOR_NOT_STARTED: '请先开始两步验证的设置（获取二维码）',
  TWO_FACTOR_MANDATORY: '管理员账号不能关闭两步验证',
  NOT_FOUND: '找不到请求的资源',
  CASE_NOT_FOUND: '找不到该工单',
  OWNER_NOT_FOUND: '找不到该业主',
  PROJECT_NOT_FOUND: '找不到该项目（管理处）',
  BUILDING_NOT_FOUND: '找不到该楼栋',
  UNIT_NOT_FOUND: '找不到该房屋',
  DEPARTMENT_NOT_FOUND: '找不到该部门',
  STAFF_NOT_FOUND: '找不到该员工',
  ATTACHMENT_NOT_FOUND: '找不到该附件',
  CONTACT_NOT_FOUND: '找不到该联系方式',
  TRANSITION_NOT_ALLOWED: '工单当前状态（{status}）不允许执行“{command}”',
  ACTION_NOT_PERMITTED: '您的角色不能对此工单执行“{command}”',
  COMPLAINT_NOT_ACKNOWLEDGED: '投诉转派前须先向业主致歉并复述确认投诉内容',
  PLAN_NOT_APPROVED: '处理方案尚未经部门负责人审批',
  CLOSE_REQUIRES_CAUSE_AND_PREVENTION: '投诉结案须填写原因分析和预防措施（缺少“{field}”）',
  CORRECTIVE_ACTION_REQUIRED: '重大投诉结案前须提交纠正措施报告',
  CLOCKS_OVERDUE: '不能暂停计时：{clocks}已超过期限，超时已成事实、不会因暂停而撤销，请立即处理',
  ESCALATION_LEVEL_INVALID: '经济赔偿类投诉和针对管理处主任的投诉必须上报公司领导',
  ACCUSED_EXCLUDED: '被投诉人不能处理、审批或接收此投诉（字段“{field}”）',
  ACCUSED_ONLY_FOR_COMPLAINTS: '只有投诉可以登记被投诉人或赔偿要求（字段“{field}”）',
  ACCUSED_STAFF_NOT_EXPECTED: '“被投诉员工”只在投诉对象为某位员工时填写（升级时：原因为投诉管理处主任）',
  PLAN_SELF_APPROVAL: '不能审批自己提交的处理方案',
  PLAN_APPROVER_INVALID:
    '您不能审批此处理方案：部门员工的方案由部门负责人审批，部门负责人的方案由管理处主任审批（公司级投诉由品质部、领导级投诉由公司领导审批），管理处主任的方案由品质部审批，品质部的方案由公司领导审批',
  GRADE_CHANGE_NEEDS_APPROVAL: '客户分级的变更须经管理处主任或公司领导审批：请提交分级变更申请',
  GRADE_REQUEST_PENDING: '该业主已有一项待审批的分级变更申请',
  GRADE_REQUEST_DECIDED: '该分级变更申请已审批过，不能再次处理',
  GRADE_SELF_APPROVAL: '不能审批自己提交的分级变更申请',
  GRADE_REQUEST_NOT_FOUND: '找不到该分级变更申请',
  OWNER_AGREEMENT_REQUIRED: '变更时限或预约须先征得业主同意并记录',
  COMMITTED_TIME_AFTER_DEADLINE: '承诺时间不能晚于业主要求的期限（{deadline}）',
  REPAIR_GRADE_ONLY_FOR_REPAIRS: '只有报修工单才有维修等级',
  APPOINTMENT_REQUIRED: '预约维修须填写预约时间',
  TYPE_UNCHANGED: '新类型与当前类型相同',
  DEPARTMENT_NOT_IN_SCOPE: '该部门不属于此项目或公司',
  TECHNICIAN_NOT_IN_SCOPE: '该维修人员不在此项目内',
  STAFF_NOT_IN_SCOPE: '该员工不在此项目内',
  STAFF_NOT_ASSIGNABLE: '不能指派给该员工：只能指派给本项目、工单所属部门中承担此项工作的在职人员（报修派给维修人员）',
  UNIT_NOT_IN_PROJECT: '该房屋不属于此项目',
  OWNER_NOT_IN_UNIT: '该业主现在不是这套房屋的业主或住户（已迁出的不能再次迁出）',
  TRANSFER_NEEDS_OWNER: '只有产权人才能办理过户；使用人请办理迁出',
  ALREADY_OWNER_OF_UNIT: '新产权人已经是这套房屋的产权人',
  MOVE_OUT_DATE_INVALID: '迁出日期不能早于入住日期（{moveInDate}），也不能晚于今天（{today}）',
  OWNER_NOT_IN_PROJECT: '该业主在此项目没有登记的房屋',
  SERVICE_LANGUAGE_FLAGGED: '“{field}”含有服务忌语：{phrases}。请修改措辞，或选择仍然发送并填写理由',
  MEDIA_TYPE_UNSUPPORTED: '不支持的内容类型 {type}，请使用 {allowed}',
  CALENDAR_TIME_ZONE_UNKNOWN: '未知的时区：{timeZone}',
  CALENDAR_WEEK_INVALID: '工作周须列出七天（从星期日开始）的工作时段',
  CALENDAR_SPAN_INVALID: '工作时段须在一天之内、开始早于结束，并按时间先后排列、互不重叠',
  CALENDAR_DATE_INVALID: '{date} 不是有效日期（格式 YYYY-MM-DD）',
  CALENDAR_DATE_CONFLICT: '{date} 不能既是节假日又是调休上班日',
  CALENDAR_NO_WORKING_TIME: '此日历在十年内没有任何工作时间',
  VERSION_CONFLICT: '工单已被他人修改，请刷新后重试',
  IDEMPOTENCY_KEY_REUSED: '幂等键已用于另一个不同的请求',
  USERNAME_TAKEN: '用户名已被使用',
  CODE_TAKEN: '编码“{code}”已被使用',
  DUPLICATE: '已存在相同的记录（可能是重复提交）',
  REFERENCE_INVALID: '引用的记录不存在',
  ATTACHMENT_TOO_LARGE: '附件过大，最大 {maxMb} MB',
  WORKBOOK_UNREADABLE: '无法读取该文件：请上传 Excel 工作簿（.xlsx）（{reason}）',
  IMPORT_COLUMNS_MISSING: '表格缺少必填列：{columns}（第一行应为列名）',
  IMPORT_MAPPING_INVALID: '第 {column} 列的对应无效：{reason}',
  IMPORT_NOT_FOUND: '没有这次导入',
  IMPORT_PLAN_CHANGED: '预检之后数据已有变化，导入结果会与预检不同：请重新预检',
  IMPORT_HAS_PROBLEMS: '有 {count} 行存在问题：请修正后重新上传，或确认跳过这些行再导入',
  IMPORT_IN_PROGRESS: '这次导入正在进行中',
  IMPORT_ALREADY_APPLIED: '这次导入已完成，不会再次写入',
  CHANNEL_SETTINGS_INVALID: '渠道设置的“{field}”无效：{reason}',
  CHANNEL_NOT_SET_UP: '该渠道（{channel}）尚未设置或已停用',
  CHANNEL_TEST_ADDRESS_REQUIRED: '请填写测试消息的接收地址（{channel}）',
  DELIVERY_NOT_FOUND: '没有这条消息记录',
  DELIVERY_NOT_FAILED: '只有发送失败的消息可以重发（当前状态：{status}）',
  TEMPLATE_VARIABLE_UNKNOWN: '模板中的变量 {{{variable}}} 不可用于此类消息（可用：{allowed}）',
  NOTICE_NOT_FOUND: '没有这条通知公告',
  NOTICE_TRANSITION_NOT_ALLOWED: '通知当前为“{status}”，不能{action}',
  NOTICE_LOCKED: '通知已发布，内容不能再修改（只能修改有效期）：更正请发布一条新通知替代它',
  NOTICE_NOT_AUTHOR: '只有起草人可以修改或提交这份草稿',
  NOTICE_SELF_APPROVAL: '通知须由起草人以外的另一人审批',
  NOTICE_UNDO_WINDOW_PASSED: '已超过发布后 {minutes} 分钟的撤回时限：更正请发布一条新通知替代它',
  NOTICE_LEAD_TIME_TOO_SHORT: '{kind}通知须至少提前 {hours} 小时发布；确属紧急情况请标为紧急通知并填写原因',
  NOTICE_EMERGENCY_REASON_REQUIRED: '紧急通知须填写紧急原因',
  NOTICE_EXPIRY_REQUIRED: '紧急通知须填写有效期（到期自动下架）',
  NOTICE_EXPIRY_INVALID: '有效期须晚于现在（{now}）',
  NOTICE_PERIOD_INVALID: '结束时间须晚于开始时间（{startsAt}）',
  NOTICE_PERSONAL_DATA: '通知的{part}含有业主个人信息（{kind}：{excerpt}），不能发布：请删去后再提交',
  NOTICE_POSTING_NOT_FOUND: '没有这项张贴任务',
  NOTICE_POSTING_DONE: '这项张贴任务已完成或已取消',
  NOTICE_POSTING_PHOTO_REQUIRED: '张贴或补贴须上传现场照片',
  DUTY_SHIFT_INVALID: '值班时间无效：{reason}',
  DUTY_SHIFT_OVERLAPS: '该员工在此时间已有值班（{startsAt} 起）',
  DUTY_SHIFT_NOT_FOUND: '没有这条值班记录',
  STATUTORY_SCHEDULE_NOT_FOUND: '没有这项法定公示计划',
  STATUTORY_SCHEDULE_INACTIVE: '这项法定公示计划已停用，不能再登记公示',
  STATUTORY_POSTING_NOT_FOUND: '没有这次法定公示记录',
  STATUTORY_POSTED_IN_FUTURE: '公示日期不能晚于今天（{today}）',
  OUTAGE_NOT_FOUND: '没有这条停水停电登记',
  OUTAGE_NOT_IN_PROJECT: '这条停水停电登记不属于该工单的项目',
  OUTAGE_CLOSED: '这条停水停电登记已于 {closedAt} 结束',
  OUTAGE_ENDS_BEFORE_START: '结束时间须晚于开始时间（{startsAt}）',
  CALLBACK_NOT_FOUND: '没有这条回访',
  CALLBACK_CLOSED: '这条回访已经结束（{status}），不能再记录',
  CALLBACK_RETRY_TOO_EARLY: '未接通的回访须隔至少 2 小时、换一个时段再打：下次可在 {nextAttemptAt} 之后',
  CALLBACK_REWORK_NOT_REPAIR: '只有报修工单可以返工：这张工单请选择“转投诉”',
  ATTACHMENT_TYPE_NOT_ALLOWED: '不支持的附件类型：{type}（允许：{allowed}）',
  ATTACHMENT_CONTENT_MISMATCH: '附件内容与声明的类型（{type}）不符',
  ATTACHMENT_ACTIVE_CONTENT: '附件含有网页或脚本内容（{marker}），不予接收：只接受普通图片和不含脚本的 PDF',
  BODY_TOO_LARGE: '请求内容过大（最大 {maxKb} KB）',
  RATE_LIMITED: '请求过于频繁，请 {seconds} 秒后再试',
  INTERNAL: '服务器内部错误，请稍后再试',
};

const EN: Catalog = {
  VALIDATION_FAILED: 'Invalid input: {reason}',
  FIELD_REQUIRED: 'Field "{field}" is required',
  FIELD_INVALID: 'Field "{field}" has an invalid value: {reason}',
  BODY_INVALID: 'The request body is not valid JSON',
  CHARACTER_NOT_ALLOWED: 'Field "{field}" contains a character that is not allowed ({character})',
  REQUEST_INVALID: 'The HTTP request could not be read (malformed)',
  HEADERS_TOO_LARGE: "The request headers are too large (at most {maxKb} KB); clear the browser's cookies and try again",
  REQUEST_TIMEOUT: 'The request timed out, please try again',
  UNAUTHENTICATED: 'Please sign in first',
  LOGIN_FAILED: 'Wrong user name or password',
  ACCOUNT_LOCKED: 'Too many failed logins: the account is locked, try again in {minutes} minutes',
  FORBIDDEN: 'You are not allowed to do this',
  PASSWORD_TOO_SHORT: 'The password is too short: at least {min} characters',
  PASSWORD_SAME_AS_USERNAME: 'The password must not be the user name',
  PASSWORD_TOO_COMMON: 'The password is too common and easily guessed; choose another',
  ORGANIZATION_EXISTS: 'Already initialized: an organization exists, init runs only once',
  SELF_LOCKOUT: 'You cannot deactivate your own account or remove your own staff administration; ask another administrator',
  CURRENT_PASSWORD_WRONG: 'The current password is wrong',
  PASSWORD_UNCHANGED: 'The new password must differ from the current one',
  PASSWORD_CHANGE_REQUIRED: 'An administrator reset your password: set a new one first',
  TWO_FACTOR_REQUIRED: 'Enter the 6-digit code from your authenticator app (or a recovery code)',
  TWO_FACTOR_INVALID: 'The code is wrong or was already used',
  TWO_FACTOR_CODE_WRONG: 'The code is wrong; check the time on your phone and try again',
  TWO_FACTOR_SETUP_REQUIRED: 'Administrator accounts must turn on two-step verification first',
  TWO_FACTOR_NOT_STARTED: 'Start the two-step verification setup (get the QR code) first',
  TWO_FACTOR_MANDATORY: 'Administrator accounts cannot turn off two-step verification',
  NOT_FOUND: 'Not found',
  CASE_NOT_FOUND: 'Case not found',
  OWNER_NOT_FOUND: 'Owner not found',
  PROJECT_NOT_FOUND: 'Project not found',
  BUILDING_NOT_FOUND: 'Building not found',
  UNIT_NOT_FOUND: 'Unit not found',
  DEPARTMENT_NOT_FOUND: 'Department not found',
  STAFF_NOT_FOUND: 'Staff member not found',
  ATTACHMENT_NOT_FOUND: 'Attachment not found',
  CONTACT_NOT_FOUND: 'Contact not found',
  TRANSITION_NOT_ALLOWED: 'The case is {status}: "{command}" is not allowed now',
  ACTION_NOT_PERMITTED: 'Your role cannot "{command}" this case',
  COMPLAINT_NOT_ACKNOWLEDGED: 'Before a complaint is transferred, apologise and read it back to the owner',
  PLAN_NOT_APPROVED: 'The resolution plan has not been approved by the department head',
  CLOSE_REQUIRES_CAUSE_AND_PREVENTION: 'Closing a complaint needs a cause analysis and preventive measures (missing "{field}")',
  CORRECTIVE_ACTION_REQUIRED: 'A major complaint needs a corrective-action report before it is closed',
  CLOCKS_OVERDUE: 'Nothing to pause: {clocks} already passed the due time; a breach, once reached, stays — act on it now',
  ESCALATION_LEVEL_INVALID: 'Compensation claims and complaints against an office manager go to company leadership',
  ACCUSED_EXCLUDED: 'The accused cannot handle, approve or be told of this complaint (field "{field}")',
  ACCUSED_ONLY_FOR_COMPLAINTS: 'Only a complaint records an accused party or a compensation claim (field "{field}")',
  ACCUSED_STAFF_NOT_EXPECTED: 'An accused staff member is named only for a complaint against a staff member (when escalating: against the office manager)',
  PLAN_SELF_APPROVAL: 'You cannot approve or return a plan you submitted yourself',
  PLAN_APPROVER_INVALID:
    "You cannot approve this plan: a department staff member's plan goes to the department head, the head's plan to the office manager (company level: the quality department; leadership level: leadership), the office manager's plan to the quality department, the quality department's to leadership",
  GRADE_CHANGE_NEEDS_APPROVAL: "A change of the customer grade needs an office manager's or leadership's approval: submit a grade change request",
  GRADE_REQUEST_PENDING: 'This owner already has a grade change request awaiting approval',
  GRADE_REQUEST_DECIDED: 'This grade change request was already decided',
  GRADE_SELF_APPROVAL: 'You cannot decide on a grade change you requested yourself',
  GRADE_REQUEST_NOT_FOUND: 'Grade change request not found',
  OWNER_AGREEMENT_REQUIRED: "Changing a time limit or appointment needs the owner's recorded agreement",
  COMMITTED_TIME_AFTER_DEADLINE: "The committed time cannot be later than the owner's deadline ({deadline})",
  REPAIR_GRADE_ONLY_FOR_REPAIRS: 'Only repairs have a repair grade',
  APPOINTMENT_REQUIRED: 'An appointment repair needs its appointment time',
  TYPE_UNCHANGED: 'The new type is the same as the current one',
  DEPARTMENT_NOT_IN_SCOPE: 'The department is not in this project or company',
  TECHNICIAN_NOT_IN_SCOPE: 'The technician does not work in this project',
  STAFF_NOT_IN_SCOPE: 'The staff member does not work in this project',
  STAFF_NOT_ASSIGNABLE:
    'This staff member cannot be assigned the case: only active staff of its project and department who do this work (technicians for repairs)',
  UNIT_NOT_IN_PROJECT: 'The unit does not belong to this project',
  OWNER_NOT_IN_UNIT: 'This owner does not hold or occupy the unit now (one who has moved out cannot move out again)',
  TRANSFER_NEEDS_OWNER: 'Only an owner of record can transfer the unit; an occupant moves out instead',
  ALREADY_OWNER_OF_UNIT: 'The new owner already is an owner of record of this unit',
  MOVE_OUT_DATE_INVALID: 'The move-out date cannot be before the move-in date ({moveInDate}) or after today ({today})',
  OWNER_NOT_IN_PROJECT: 'The owner has no registered unit in this project',
  SERVICE_LANGUAGE_FLAGGED: 'The text of "{field}" contains phrases barred from service language: {phrases}. Rephrase it, or send it anyway with a reason',
  MEDIA_TYPE_UNSUPPORTED: 'Unsupported content type {type}; send {allowed}',
  CALENDAR_TIME_ZONE_UNKNOWN: 'Unknown time zone: {timeZone}',
  CALENDAR_WEEK_INVALID: 'The working week lists the spans of seven days, Sunday first',
  CALENDAR_SPAN_INVALID: 'A working span lies within one day, starts before it ends, and spans are in order without overlapping',
  CALENDAR_DATE_INVALID: '{date} is not a date (YYYY-MM-DD)',
  CALENDAR_DATE_CONFLICT: '{date} cannot be both a holiday and a make-up working day',
  CALENDAR_NO_WORKING_TIME: 'This calendar has no working time within ten years',
  VERSION_CONFLICT: 'Someone else changed the case: reload and try again',
  IDEMPOTENCY_KEY_REUSED: 'The idempotency key was already used for a different request',
  USERNAME_TAKEN: 'The user name is taken',
  CODE_TAKEN: 'The code "{code}" is taken',
  DUPLICATE: 'The same record already exists (perhaps a repeated request)',
  REFERENCE_INVALID: 'A referenced record does not exist',
  ATTACHMENT_TOO_LARGE: 'The attachment is too large (at most {maxMb} MB)',
  WORKBOOK_UNREADABLE: 'Cannot read the file: upload an Excel workbook (.xlsx) ({reason})',
  IMPORT_COLUMNS_MISSING: 'The sheet lacks required columns: {columns} (the first row holds the headers)',
  IMPORT_MAPPING_INVALID: 'The mapping of column {column} is invalid: {reason}',
  IMPORT_NOT_FOUND: 'No such import',
  IMPORT_PLAN_CHANGED: 'The data changed since the dry run, so the import would differ from it: run the dry run again',
  IMPORT_HAS_PROBLEMS: '{count} rows have problems: fix them and upload again, or confirm skipping them',
  IMPORT_IN_PROGRESS: 'This import is running',
  IMPORT_ALREADY_APPLIED: 'This import is done; it is not written again',
  CHANNEL_SETTINGS_INVALID: 'The channel setting "{field}" is invalid: {reason}',
  CHANNEL_NOT_SET_UP: 'The channel ({channel}) is not set up or is disabled',
  CHANNEL_TEST_ADDRESS_REQUIRED: 'Give the address the test message goes to ({channel})',
  DELIVERY_NOT_FOUND: 'No such message',
  DELIVERY_NOT_FAILED: 'Only a failed message can be sent again (it is {status})',
  TEMPLATE_VARIABLE_UNKNOWN: 'The variable {{{variable}}} is not offered for this kind of message (offered: {allowed})',
  NOTICE_NOT_FOUND: 'No such notice',
  NOTICE_TRANSITION_NOT_ALLOWED: 'The notice is {status}: it cannot be {action}',
  NOTICE_LOCKED: 'The notice is published and locked (only its expiry can change): publish a new notice that supersedes it to correct it',
  NOTICE_NOT_AUTHOR: 'Only the author may edit or submit this draft',
  NOTICE_SELF_APPROVAL: 'A notice is approved by someone other than its author',
  NOTICE_UNDO_WINDOW_PASSED: 'The {minutes} minutes after publication in which a notice can be undone have passed: publish a new notice that supersedes it',
  NOTICE_LEAD_TIME_TOO_SHORT: 'A {kind} notice is published at least {hours} hours ahead; mark it as an emergency with a reason if it is one',
  NOTICE_EMERGENCY_REASON_REQUIRED: 'An emergency notice needs the reason for the emergency',
  NOTICE_EXPIRY_REQUIRED: 'An emergency notice needs an expiry (it is taken down then)',
  NOTICE_EXPIRY_INVALID: 'The expiry must be later than now ({now})',
  NOTICE_PERIOD_INVALID: 'The end must be after the start ({startsAt})',
  NOTICE_PERSONAL_DATA: "The notice's {part} shows an owner's personal data ({kind}: {excerpt}) and cannot be published: remove it and submit again",
  NOTICE_POSTING_NOT_FOUND: 'No such posting task',
  NOTICE_POSTING_DONE: 'This posting task is done or cancelled',
  NOTICE_POSTING_PHOTO_REQUIRED: 'Posting a notice (or posting it again) needs a photo of it on the board',
  DUTY_SHIFT_INVALID: 'The shift is invalid: {reason}',
  DUTY_SHIFT_OVERLAPS: 'This person already has a shift at that time (from {startsAt})',
  DUTY_SHIFT_NOT_FOUND: 'No such shift',
  STATUTORY_SCHEDULE_NOT_FOUND: 'No such statutory posting schedule',
  STATUTORY_SCHEDULE_INACTIVE: 'This posting schedule is deactivated: no posting can be recorded on it',
  STATUTORY_POSTING_NOT_FOUND: 'No such statutory posting',
  STATUTORY_POSTED_IN_FUTURE: 'The posting date cannot be later than today ({today})',
  OUTAGE_NOT_FOUND: 'No such outage',
  OUTAGE_NOT_IN_PROJECT: 'The outage is not of the case’s project',
  OUTAGE_CLOSED: 'The outage was closed at {closedAt}',
  OUTAGE_ENDS_BEFORE_START: 'The end must be after the start ({startsAt})',
  CALLBACK_NOT_FOUND: 'No such callback',
  CALLBACK_CLOSED: 'The callback is over ({status}): nothing more can be recorded',
  CALLBACK_RETRY_TOO_EARLY: 'An unanswered callback is tried again at least 2 hours later in another part of the day: next from {nextAttemptAt}',
  CALLBACK_REWORK_NOT_REPAIR: 'Only a repair can be reworked: choose a complaint for this case',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'Attachment type {type} is not allowed (allowed: {allowed})',
  ATTACHMENT_CONTENT_MISMATCH: 'The attachment content does not match its declared type ({type})',
  ATTACHMENT_ACTIVE_CONTENT:
    'The attachment carries web page or script content ({marker}) and is refused: only plain images and PDFs without scripts are accepted',
  BODY_TOO_LARGE: 'The request body is too large (at most {maxKb} KB)',
  RATE_LIMITED: 'Too many requests, try again in {seconds} seconds',
  INTERNAL: 'Internal server error, please try again later',
};

const CATALOGS: Record<Locale, Catalog> = { 'zh-CN': ZH, en: EN };

/** Picks zh-CN unless the client asks for English (Accept-Language or ?lang=en). */
export function pickLocale(header: string | undefined | null): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]!.trim().toLowerCase();
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** A field's plain name (问题描述), from the last segment of its path; null for a key without one. */
function fieldName(locale: Locale, field: unknown): string | null {
  const key = String(field ?? '');
  return FIELD_NAMES[key.split('.').at(-1) ?? '']?.[locale] ?? null;
}

/**
 * A field with a plain name, said plainly: 请填写“问题描述” / “问题描述”的值无效：… in zh-CN (people read it;
 * the API's key stays in the problem's `field`), `Please fill in the description (description)` in English;
 * other fields keep their key.
 */
function plainField(code: 'FIELD_REQUIRED' | 'FIELD_INVALID', locale: Locale, params: ErrorParams): string | null {
  const name = fieldName(locale, params.field);
  if (!name) return null;
  const key = String(params.field);
  const reason = params.reason !== undefined ? String(params.reason) : '';
  if (code === 'FIELD_REQUIRED') return locale === 'zh-CN' ? `请填写“${name}”` : `Please fill in the ${name} (${key})`;
  return locale === 'zh-CN' ? `“${name}”的值无效：${reason}` : `The ${name} (${key}) has an invalid value: ${reason}`;
}

/** Clock kinds (`clocks`: "repair_on_site,promised_time") by their names in the reader's language: 维修到场、承诺时间. */
function clockNames(locale: Locale, kinds: unknown): string {
  const names = String(kinds)
    .split(',')
    .filter(Boolean)
    .map((k) => CLOCK_LABELS[k as ClockKind]?.[locale] ?? k);
  return names.join(locale === 'zh-CN' ? '、' : ', ');
}

export function localizeError(code: ErrorCode, locale: Locale, params: ErrorParams = {}): string {
  if (code === 'FIELD_REQUIRED' || code === 'FIELD_INVALID') {
    const plain = plainField(code, locale, params);
    if (plain) return plain;
  }
  const template = CATALOGS[locale][code] ?? CATALOGS[locale].INTERNAL;
  // a parameter may carry its English form as `<name>En` (names in Chinese by default: 业主姓名 → name)
  const valueOf = (key: string) => (locale === 'en' && params[`${key}En`] !== undefined ? params[`${key}En`] : params[key]);
  return template.replace(/\{(\w+)\}/g, (_, key: string) =>
    valueOf(key) === undefined ? (key === 'reason' ? '' : `{${key}}`) : key === 'clocks' ? clockNames(locale, valueOf(key)) : String(valueOf(key)),
  );
}
