import { INTERNAL_MEETING_KIND_LABELS } from '@guanjia/vocabulary';

/** The texts of 内部会议 (issue 16 item 3, decision 0038): zh-CN first, English second; the vocabulary's labels for the kinds. */
const TEXT = {
  group: ['督办', 'Tracking'],
  menu: ['内部会议', 'Meetings'],
  mineMenu: ['我的会议事项', 'My meeting actions'],
  title: ['内部会议', 'Internal meetings'],
  meetingsTab: ['会议', 'Meetings'],
  newMeeting: ['新建会议', 'New meeting'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  cancel: ['取消', 'Cancel'],
  kind: ['会议类型', 'Kind'],
  allKinds: ['全部类型', 'All kinds'],
  lateOnly: ['只看纪要逾期', 'Late minutes only'],
  heldOn: ['会议日期', 'Date'],
  subject: ['会议名称', 'Title'],
  holder: ['召开单位', 'Held by'],
  holderKind: ['召开单位类型', 'Held by'],
  office: ['管理处', 'Office'],
  department: ['部门', 'Department'],
  agenda: ['议题', 'Agenda'],
  organizer: ['召集人', 'Organizer'],
  secretary: ['记录人', 'Secretary'],
  secretaryHint: [
    '负责整理会议纪要（默认为召集人）；纪要逾期时提醒记录人和召集人',
    'Writes the minutes (the organizer by default); reminded with the organizer when they are late',
  ],
  attendees: ['参会人员', 'Attendees'],
  minutes: ['会议纪要', 'Minutes'],
  minutesDue: ['纪要应于 {date} 前完成', 'Minutes due by {date}'],
  minutesMissing: ['待记录', 'Not written'],
  minutesDone: ['已记录', 'Written'],
  minutesLate: ['纪要逾期', 'Minutes late'],
  minutesBy: ['记录', 'Written by'],
  writeMinutes: ['保存纪要', 'Save minutes'],
  minutesSaved: ['纪要已保存', 'Minutes saved'],
  resolutions: ['决议事项', 'Resolutions'],
  resolution: ['决议事项', 'Resolution'],
  responsible: ['责任人', 'Responsible'],
  deadline: ['完成期限', 'Deadline'],
  status: ['状态', 'Status'],
  open: ['待完成', 'Open'],
  done: ['已完成', 'Done'],
  overdue: ['逾期', 'Overdue'],
  addResolution: ['添加决议', 'Add resolution'],
  added: ['决议已添加，已通知责任人', 'Added; the responsible person is told'],
  complete: ['完成', 'Done'],
  completeTitle: ['完成决议事项', 'Complete the resolution'],
  doneNote: ['完成情况', 'What was done'],
  completed: ['已标记完成', 'Marked done'],
  meeting: ['会议', 'Meeting'],
  none: ['暂无会议', 'No meetings'],
  noneMine: ['暂无会议事项', 'No meeting actions'],
  openActions: ['{open}/{all} 项待完成', '{open} of {all} open'],
  showDone: ['含已完成', 'Include done'],
  created: ['会议已记录', 'Meeting recorded'],
} as const;

export type MeetingTextKey = keyof typeof TEXT;
const pick = (lang: string) => (lang === 'en' ? 1 : 0);

export function mtx(key: MeetingTextKey, lang: string, vars: Record<string, string | number> = {}): string {
  return TEXT[key][pick(lang)].replace(/\{(\w+)\}/g, (_m, name: string) => String(vars[name] ?? ''));
}

export const meetingKindText = (kind: string, lang: string) =>
  (INTERNAL_MEETING_KIND_LABELS as Readonly<Record<string, readonly [string, string]>>)[kind]?.[pick(lang)] ?? '—';
