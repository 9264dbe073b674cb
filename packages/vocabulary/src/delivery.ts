// Messages that leave the system (issue 13): the channels they leave on, what becomes of each, and
// the kinds of message (each has its template).

/** Where a message can go: the console's and portal's own inbox, and the outside channels. */
export const DELIVERY_CHANNELS = [
  'in_app', // 站内消息 (console notifications; the portal's inbox for owners)
  'email', // 电子邮件 (SMTP)
  'sms', // 短信 (an SMS provider's HTTP API)
  'wechat', // 微信公众号模板消息
  'wecom', // 企业微信 (app message or group robot)
  'webhook', // a signed HTTP POST to an integrator's URL
] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** The outside channels an organization configures (in_app needs no settings). */
export const CONFIGURABLE_CHANNELS = ['email', 'sms', 'wechat', 'wecom', 'webhook'] as const satisfies readonly DeliveryChannel[];
export type ConfigurableChannel = (typeof CONFIGURABLE_CHANNELS)[number];

/**
 * What became of one message to one recipient on one channel:
 * queued (waiting, maybe for a retry or the end of 免打扰), sending (claimed by a worker), sent (the
 * provider accepted it), delivered / read (where the channel reports it), failed (given up: the
 * dead-letter list), muted (the owner muted this kind on this channel), throttled (a common notice
 * within the hour after another push), unreachable (no address on any channel), cancelled (not sent:
 * its notice was withdrawn, superseded or expired before it went out).
 */
export const DELIVERY_STATUSES = ['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'muted', 'throttled', 'unreachable', 'cancelled'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Kinds of message, each with a template (zh-CN first) and, on WeChat, its own template id. */
export const MESSAGE_KINDS = [
  // to the owner, at the steps of their case that matter
  'case_received', // 已受理
  'case_accepted', // 已接单，承诺时间
  'technician_on_the_way', // 维修师傅已出发
  'work_done', // 已完工，请确认
  'case_closed', // 已办结
  'rating_replied', // 您的评价有了回复: staff answered the owner's rating (业主评价)
  // to staff
  'case_changed', // 首问负责: the first receiver told of a change
  'clock_alert', // a clock's warning or breach paged to the on-duty person
  'alert_digest', // warnings and escalations gathered for one person
  'statutory_due', // 法定公示: a posting falls due soon, or is overdue (the office manager)
  // notices (通知公告)
  'notice',
  'notice_emergency',
  // satisfaction surveys (满意度调查): a sampled owner invited to answer
  'survey_invitation',
  // visits (走访): the owner told of the visit agreed with them (预约上门)
  'visit_appointment',
  // an administrator's test of a channel's settings
  'channel_test',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
