import { LETTER_PROMISE_VERDICT_LABELS, OPEN_LETTER_STATUS_LABELS, type Locale } from '@guanjia/vocabulary';

/** The words of the open letter (公开信) and internal review (内部评审) pages: zh-CN first, English second. */
const TEXT = {
  lettersTab: ['公开信', 'Open letters'],
  reviewsTab: ['内部评审', 'Internal reviews'],
  draftLetter: ['起草公开信', 'Draft the open letter'],
  openLetter: ['查看公开信', 'Open the letter'],
  letterStarted: ['已根据统计结果起草公开信', 'The letter is drafted from the statistics'],
  noLetter: ['暂无公开信', 'No open letter yet'],
  letterTitle: ['标题', 'Title'],
  letterBody: ['正文', 'Text'],
  survey: ['调查活动', 'Survey'],
  status: ['状态', 'Status'],
  promises: ['承诺事项', 'Promises'],
  promise: ['承诺', 'Promise'],
  promiseText: ['承诺内容', 'What is promised'],
  dueOn: ['完成日期', 'Due on'],
  addPromise: ['添加承诺', 'Add a promise'],
  remove: ['删除', 'Remove'],
  needText: ['请填写', 'Required'],
  save: ['保存', 'Save'],
  saved: ['已保存', 'Saved'],
  submit: ['提交管理者代表审批', 'Submit to the management representative'],
  submitted: ['已提交审批', 'Submitted for approval'],
  approve: ['批准并发布', 'Approve and post'],
  approveConfirm: [
    '批准后将作为公告发布到全项目（公告栏纸质张贴并推送业主），确定？',
    'Approving posts it as a notice to the whole project (paper boards and each owner’s channel). Go ahead?',
  ],
  approved: ['已批准，公开信已作为公告发布', 'Approved: the letter is posted as a notice'],
  returnLetter: ['退回', 'Return'],
  returnReason: ['退回原因', 'Reason for returning'],
  returned: ['已退回起草人', 'Returned to its author'],
  returnedBy: ['退回意见', 'Returned with'],
  report: ['报送品质部', 'Send to quality'],
  reportConfirm: ['将公开信和统计结果报送品质部？', 'Send the letter and the statistics to the quality department?'],
  reported: ['已报送品质部', 'Sent to the quality department'],
  viewNotice: ['查看公告', 'Open the notice'],
  postedAsNotice: ['已作为公告发布', 'Posted as a notice'],
  postBy: ['发布期限', 'Post by'],
  reportBy: ['报送期限', 'Report by'],
  notYet: ['发布后计算', 'From posting'],
  draftedBy: ['起草人', 'Drafted by'],
  approvedBy: ['批准人', 'Approved by'],
  reportedAt: ['报送时间', 'Sent'],
  verified: ['已核实', 'Verified'],
  verdict: ['核实结果', 'Finding'],
  verifyNote: ['核实说明', 'Note'],
  verify: ['核实', 'Verify'],
  verifyDone: ['已记录核实结果', 'Finding recorded'],
  notVerified: ['待核实', 'To check'],
  verifyAfterReport: ['报送品质部后由品质部逐项核实承诺', 'The quality department checks each promise once the letter is sent'],
  ownLetter: ['不能审批自己起草的公开信', 'One cannot approve one’s own letter'],
  awaiting: ['等待管理者代表审批', 'Awaiting the management representative'],
  cancel: ['取消', 'Cancel'],
  confirm: ['确定', 'OK'],
  back: ['返回列表', 'Back to the list'],
  // 内部评审
  reviewsHint: ['项目满意率低于目标时自动生成内部评审任务', 'A project under its satisfaction target gets an internal review task'],
  project: ['项目', 'Project'],
  rate: ['满意率', 'Rate'],
  target: ['目标', 'Target'],
  createdAt: ['生成时间', 'Raised'],
  reviewOpen: ['待评审', 'Open'],
  reviewDone: ['已完成', 'Done'],
  findings: ['评审结论与整改措施', 'Findings and measures'],
  finishReview: ['完成评审', 'Close the review'],
  finished: ['内部评审已完成', 'Review closed'],
  doneBy: ['完成人', 'Closed by'],
  noReview: ['暂无内部评审任务', 'No internal review task'],
  goReviews: ['查看内部评审任务', 'See the internal review tasks'],
} satisfies Record<string, [string, string]>;

export type LetterTextKey = keyof typeof TEXT;
export const lt = (key: LetterTextKey, lang: string) => TEXT[key][lang === 'en' ? 1 : 0];

const loc = (lang: string): Locale => (lang === 'en' ? 'en' : 'zh-CN');
export const letterStatusText = (s: keyof typeof OPEN_LETTER_STATUS_LABELS, lang: string) => OPEN_LETTER_STATUS_LABELS[s][loc(lang)];
export const verdictText = (v: keyof typeof LETTER_PROMISE_VERDICT_LABELS, lang: string) => LETTER_PROMISE_VERDICT_LABELS[v][loc(lang)];
export const LETTER_STATUS_COLORS = { draft: 'default', submitted: 'blue', returned: 'orange', published: 'green' } as const;

/** A deadline's state: 进行中 (running), 已逾期 (overdue), 按时完成 (met), 逾期完成 (late), in its colour. */
const DEADLINE = {
  running: { text: ['进行中', 'Running'], color: 'blue' },
  overdue: { text: ['已逾期', 'Overdue'], color: 'red' },
  met: { text: ['按时完成', 'Met'], color: 'green' },
  late: { text: ['逾期完成', 'Late'], color: 'orange' },
} as const;
export type DeadlineState = keyof typeof DEADLINE;
export const deadlineText = (s: DeadlineState, lang: string) => DEADLINE[s].text[lang === 'en' ? 1 : 0];
export const deadlineColor = (s: DeadlineState) => DEADLINE[s].color;
