import type { Locale, MessageKind } from '@guanjia/vocabulary';

/**
 * Message templates (消息模板), one per message kind and locale (zh-CN first, English second), with
 * `{{variable}}` placeholders: the variables each kind offers, the default texts, realistic samples
 * for the console's preview, rendering and the check of an administrator's own template.
 *
 * The texts are short: an SMS is billed per 70 characters. The case's link travels beside the text
 * (the delivery's url: an email's link, a WeChat message's tap-through), so the default bodies do
 * not repeat it; `portalUrl` is offered for an organization's own templates.
 */

export interface MessageTemplate {
  title: string;
  body: string;
}

/** What every message about an owner's case offers. */
const CASE_VARIABLES = [
  'caseNumber', // 单号
  'caseType', // 受理类型 label: 报修 / 投诉 / 咨询 / 建议
  'summary', // a short title of the request
  'projectName', // 项目
  'unitLabel', // 房号, e.g. 3栋2单元1201
  'committedAt', // 承诺时间, local text
  'technicianName', // 维修师傅
  'technicianPhone', // masked by the integrator
  'portalUrl', // the case in the owner portal
] as const;

const NOTICE_VARIABLES = ['title', 'projectName', 'startsAt', 'endsAt', 'area', 'body', 'portalUrl'] as const;

/** The variables each kind offers. */
export const MESSAGE_VARIABLES: Record<MessageKind, readonly string[]> = {
  case_received: CASE_VARIABLES,
  case_accepted: CASE_VARIABLES,
  technician_on_the_way: CASE_VARIABLES,
  work_done: CASE_VARIABLES,
  case_closed: CASE_VARIABLES,
  // reply: the staff's answer to the owner's rating
  rating_replied: [...CASE_VARIABLES, 'reply'],
  // change: what happened; actorName: who did it
  case_changed: ['caseNumber', 'change', 'actorName'],
  // clock: the clock's name (CLOCK_LABELS); alert: 预警 / 超时; dueAt: local text; lateBy: e.g. 已超时1小时20分 (empty for a warning)
  clock_alert: ['caseNumber', 'clock', 'alert', 'dueAt', 'lateBy', 'projectName'],
  // items: one line per case
  alert_digest: ['count', 'items'],
  // 法定公示: title of the schedule; subject: its subject's words; alert: 即将到期 / 已逾期; dueOn: local date (12月10日)
  statutory_due: ['projectName', 'title', 'subject', 'alert', 'dueOn'],
  notice: NOTICE_VARIABLES,
  notice_emergency: NOTICE_VARIABLES,
  survey_invitation: ['title', 'projectName', 'unitLabel', 'endsOn', 'code', 'portalUrl'],
  // visitDate / visitTime: local; visitors: the visitor and their companion
  visit_appointment: ['projectName', 'unitLabel', 'visitDate', 'visitTime', 'visitors'],
  channel_test: ['organizationName', 'channel', 'sentAt'],
};

/** The texts used when an organization has not written its own. */
export const DEFAULT_TEMPLATES: Record<MessageKind, Record<Locale, MessageTemplate>> = {
  case_received: {
    'zh-CN': { title: '您的{{caseType}}已受理', body: '【管家物业】您好，您的{{caseType}}（单号{{caseNumber}}）已受理：{{summary}}。我们将尽快处理，谢谢！' },
    en: {
      title: 'Your {{caseType}} request is received',
      body: 'Hello, your {{caseType}} request ({{caseNumber}}) is received: {{summary}}. We will handle it soon. Thank you!',
    },
  },
  case_accepted: {
    'zh-CN': {
      title: '您的{{caseType}}已接单',
      body: '【管家物业】您好，您的{{caseType}}（单号{{caseNumber}}）已接单，预计{{committedAt}}前处理，请留意。谢谢！',
    },
    en: {
      title: 'Your {{caseType}} request is accepted',
      body: 'Hello, your {{caseType}} request ({{caseNumber}}) is accepted and will be handled by {{committedAt}}. Thank you!',
    },
  },
  technician_on_the_way: {
    'zh-CN': {
      title: '维修师傅已出发',
      body: '【管家物业】您好，维修师傅{{technicianName}}（{{technicianPhone}}）已出发前往{{unitLabel}}，请保持电话畅通。谢谢！',
    },
    en: {
      title: 'The technician is on the way',
      body: 'Hello, our technician {{technicianName}} ({{technicianPhone}}) is on the way to {{unitLabel}}. Please keep your phone at hand. Thank you!',
    },
  },
  work_done: {
    'zh-CN': {
      title: '维修已完工，请确认',
      body: '【管家物业】您好，您的{{caseType}}（单号{{caseNumber}}）已完工，请确认处理结果。如有问题请随时联系我们，谢谢！',
    },
    en: {
      title: 'Work done: please confirm',
      body: 'Hello, the work on your {{caseType}} request ({{caseNumber}}) is done. Please confirm the result, or tell us if anything is wrong. Thank you!',
    },
  },
  case_closed: {
    'zh-CN': { title: '您的{{caseType}}已办结', body: '【管家物业】您好，您的{{caseType}}（单号{{caseNumber}}）已办结，感谢您的理解与支持！' },
    en: {
      title: 'Your {{caseType}} request is closed',
      body: 'Hello, your {{caseType}} request ({{caseNumber}}) is closed. Thank you for your understanding and support!',
    },
  },
  rating_replied: {
    'zh-CN': {
      title: '您的评价有了回复',
      body: '【管家物业】您好，您对{{caseType}}（单号{{caseNumber}}）的评价已收到回复：{{reply}} 感谢您的反馈！',
    },
    en: {
      title: 'Your rating has a reply',
      body: 'Hello, your rating of your {{caseType}} request ({{caseNumber}}) has a reply: {{reply}} Thank you for your feedback!',
    },
  },
  case_changed: {
    'zh-CN': { title: '工单{{caseNumber}}有新进展', body: '{{actorName}}：{{change}}（单号{{caseNumber}}）' },
    en: { title: 'Case {{caseNumber}} has news', body: '{{actorName}}: {{change}} (case {{caseNumber}})' },
  },
  clock_alert: {
    'zh-CN': {
      title: '【{{alert}}】工单{{caseNumber}}',
      body: '{{projectName}}工单{{caseNumber}}的{{clock}}{{alert}}（时限{{dueAt}}）{{lateBy}}，请及时处理。',
    },
    en: {
      title: '[{{alert}}] Case {{caseNumber}}',
      body: '{{projectName}} case {{caseNumber}}: {{clock}} {{alert}} (due {{dueAt}}) {{lateBy}}. Please act now.',
    },
  },
  alert_digest: {
    'zh-CN': { title: '您有{{count}}条预警待处理', body: '您好，以下工单需要您关注：\n{{items}}' },
    en: { title: '{{count}} alerts need your attention', body: 'Hello, these cases need your attention:\n{{items}}' },
  },
  statutory_due: {
    'zh-CN': {
      title: '【法定公示{{alert}}】{{title}}',
      body: '{{projectName}}的法定公示“{{title}}”（{{subject}}）{{alert}}，应公示日期{{dueOn}}。请及时张贴公示并在系统中登记。',
    },
    en: {
      title: '[Statutory posting {{alert}}] {{title}}',
      body: '{{projectName}}: the statutory posting "{{title}}" ({{subject}}) is {{alert}}, due on {{dueOn}}. Please post it and record the posting.',
    },
  },
  notice: {
    'zh-CN': { title: '{{title}}', body: '【管家物业】{{projectName}}通知：{{title}}，时间{{startsAt}}至{{endsAt}}，范围{{area}}。{{body}}' },
    en: { title: '{{title}}', body: '{{projectName}} notice: {{title}}, from {{startsAt}} to {{endsAt}}, in {{area}}. {{body}}' },
  },
  notice_emergency: {
    'zh-CN': {
      title: '【紧急】{{title}}',
      body: '【管家物业】紧急通知：{{projectName}}{{title}}，范围{{area}}，{{startsAt}}起。{{body}}请您提前做好准备，谢谢配合！',
    },
    en: {
      title: '[Urgent] {{title}}',
      body: 'Urgent notice: {{projectName}} {{title}} in {{area}}, from {{startsAt}}. {{body}} Please be prepared. Thank you!',
    },
  },
  survey_invitation: {
    'zh-CN': {
      title: '{{title}}',
      body: '【管家物业】尊敬的业主，{{projectName}}诚邀您参加{{title}}（{{unitLabel}}，问卷编号{{code}}），请于{{endsOn}}前在业主服务中作答：{{portalUrl}} 感谢您的支持！',
    },
    en: {
      title: '{{title}}',
      body: 'Dear owner, {{projectName}} invites you to answer {{title}} ({{unitLabel}}, questionnaire {{code}}) by {{endsOn}} in the owner portal: {{portalUrl}} Thank you!',
    },
  },
  visit_appointment: {
    'zh-CN': {
      title: '上门拜访预约',
      body: '【管家物业】尊敬的业主，{{projectName}}的{{visitors}}将于{{visitDate}} {{visitTime}}上门拜访（{{unitLabel}}），听取您的意见和建议。如时间不便，请回复或致电客服中心。谢谢！',
    },
    en: {
      title: 'Your visit appointment',
      body: 'Dear owner, {{visitors}} of {{projectName}} will visit you at {{unitLabel}} on {{visitDate}} at {{visitTime}} to hear your views. If the time does not suit you, please reply or call the service centre. Thank you!',
    },
  },
  channel_test: {
    'zh-CN': { title: '渠道测试', body: '{{organizationName}}：这是一条{{channel}}测试消息，发送于{{sentAt}}。收到即表示配置正确，无需回复。' },
    en: {
      title: 'Channel test',
      body: '{{organizationName}}: a test message on {{channel}}, sent at {{sentAt}}. If you read this, the settings work; no reply needed.',
    },
  },
};

const CASE_SAMPLE = {
  caseNumber: 'BX20261125-0012',
  caseType: '报修',
  summary: '厨房水龙头漏水',
  projectName: '翠湖花园',
  unitLabel: '3栋2单元1201',
  committedAt: '11月25日 18:00',
  technicianName: '李建国',
  technicianPhone: '138****5678',
  portalUrl: 'https://portal.example.cn/portal/#/cases/c-0012',
};

/** Realistic zh-CN values of every variable, for the console's preview. */
export const SAMPLE_VARIABLES: Record<MessageKind, Record<string, string>> = {
  case_received: CASE_SAMPLE,
  case_accepted: CASE_SAMPLE,
  technician_on_the_way: CASE_SAMPLE,
  work_done: CASE_SAMPLE,
  case_closed: CASE_SAMPLE,
  rating_replied: { ...CASE_SAMPLE, reply: '感谢您的评价，我们已提醒师傅上门前电话联系。' },
  case_changed: { caseNumber: 'TS20261125-0003', change: '已转工程维修部处理', actorName: '王芳' },
  clock_alert: {
    caseNumber: 'TS20261125-0003',
    clock: '部门联系业主',
    alert: '超时',
    dueAt: '11月25日 16:00',
    lateBy: '已超时1小时20分',
    projectName: '翠湖花园',
  },
  statutory_due: { projectName: '翠湖花园', title: '公共部位经营收支公示', subject: '公共部位经营收支', alert: '即将到期', dueOn: '12月10日' },
  alert_digest: { count: '2', items: '· TS20261125-0003 部门联系业主 已超时1小时20分\n· BX20261125-0012 维修到场 15分钟后到期' },
  notice: {
    title: '计划停水',
    projectName: '翠湖花园',
    startsAt: '11月27日 09:00',
    endsAt: '11月27日 15:00',
    area: '3栋、5栋',
    body: '因二次供水设施检修，请提前储水。咨询电话0755-86001234。',
    portalUrl: 'https://portal.example.cn/portal/#/notices/n-0042',
  },
  notice_emergency: {
    title: '停电抢修',
    projectName: '翠湖花园',
    startsAt: '11月25日 14:30',
    endsAt: '11月25日 18:00',
    area: '5号楼',
    body: '因供电线路故障抢修，电梯暂停运行。',
    portalUrl: 'https://portal.example.cn/portal/#/notices/n-0043',
  },
  survey_invitation: {
    title: '2026年11月业主满意度调查',
    projectName: '翠湖花园',
    unitLabel: '3栋-1201',
    endsOn: '11月10日',
    code: 'K7M2Q9XA',
    portalUrl: 'https://portal.example.cn/portal/#/surveys',
  },
  visit_appointment: { projectName: '翠湖花园', unitLabel: '3栋-1201', visitDate: '12月8日', visitTime: '19:00', visitors: '客服主管黄丽、物业管家赵磊' },
  channel_test: { organizationName: '翠湖物业服务有限公司', channel: '短信', sentAt: '11月25日 10:05' },
};

/** A `{{name}}` placeholder (spaces inside allowed). */
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const PLACEHOLDER_TEST = /\{\{[^{}]*\}\}/;

/** The placeholders' names in a text, in order, each once. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!.trim()))];
}

/**
 * A text with its placeholders filled in; a placeholder without a value becomes the empty string.
 * Then whatever still reads as a placeholder (one formed by the removals, as in '{{{{x}}}}', or one
 * inside a value) is removed too: never '{{x}}' in the output.
 */
function renderText(text: string, variables: Record<string, string>): string {
  let out = text.replace(PLACEHOLDER, (_, name: string) => {
    const key = name.trim();
    return Object.hasOwn(variables, key) ? String(variables[key] ?? '') : '';
  });
  while (PLACEHOLDER_TEST.test(out)) out = out.replace(PLACEHOLDER, '');
  return out;
}

/** The template with its variables filled in: unknown or missing ones become the empty string. A value is not rendered again. */
export function renderTemplate(template: MessageTemplate, variables: Record<string, string>): MessageTemplate {
  return { title: renderText(template.title, variables), body: renderText(template.body, variables) };
}

/** Placeholders this kind does not offer (an administrator's typo, or a variable of another kind); empty when the template is fine. */
export function checkTemplate(kind: MessageKind, template: MessageTemplate): { field: 'title' | 'body'; variable: string }[] {
  const offered = new Set(MESSAGE_VARIABLES[kind]);
  return (['title', 'body'] as const).flatMap((field) =>
    placeholdersOf(template[field])
      .filter((v) => !offered.has(v))
      .map((variable) => ({ field, variable })),
  );
}
