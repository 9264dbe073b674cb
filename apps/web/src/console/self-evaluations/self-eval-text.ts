import { SELF_EVALUATION_STATUS_LABELS, type Locale, type SelfEvaluationStatus } from '@guanjia/vocabulary';

/** The texts of the 员工自评 pages of the console (issue 14 item 4, decision 0033): zh-CN first, English second. */
const TEXT = {
  title: ['员工自评', 'Self-evaluations'],
  mine: ['我的自评', 'My self-evaluation'],
  rounds: ['自评轮次', 'Rounds'],
  noForm: ['目前没有需要您填写的自评表', 'No self-evaluation form for you now'],
  period: ['考评期间', 'Period'],
  dueOn: ['截止日期', 'Due on'],
  status: ['状态', 'Status'],
  items: ['自评项目（5分制）', 'Items (scored 1–5)'],
  summary: ['工作总结', 'Summary of work'],
  summaryHint: ['提交时必填', 'Needed to submit'],
  summaryRequired: ['提交前请填写工作总结', 'Write the summary of your work before submitting'],
  scoreRequired: ['提交前请为本项打分', 'Score this item before submitting'],
  commentRequired: ['请填写评阅意见', 'Write your comment'],
  shortcomings: ['不足', 'Shortcomings'],
  plan: ['改进计划', 'Improvement plan'],
  save: ['保存', 'Save'],
  submit: ['提交', 'Submit'],
  submitConfirm: ['提交后不能再修改。确定提交？', 'Once submitted the form can no longer change. Submit?'],
  saved: ['已保存', 'Saved'],
  submitted: ['自评已提交', 'Submitted'],
  savedAt: ['保存于 {at}', 'Saved at {at}'],
  submittedAt: ['提交时间', 'Submitted at'],
  late: ['逾期提交', 'Late'],
  mean: ['平均分', 'Mean score'],
  roundClosed: ['本轮已结束，不能再填写', 'The round is closed: the form can no longer change'],
  review: ['评阅意见', 'Review'],
  reviewedBy: ['评阅人', 'Reviewed by'],
  reviewedAt: ['评阅时间', 'Reviewed at'],
  awaitingReview: ['已提交，等待评阅', 'Submitted, awaiting review'],
  confirm: ['确定', 'OK'],
  cancel: ['取消', 'Cancel'],
  // rounds
  newRound: ['发起自评', 'Open a round'],
  roundTitle: ['名称', 'Title'],
  periodPlaceholder: ['如：2026年度、2026年下半年', 'e.g. 2026 or 2026 H2'],
  questions: ['自评项目（从题库“员工自评”范围选择，按选择顺序）', 'Items (from the bank’s self-evaluation area, in the order chosen)'],
  noQuestions: [
    '题库中还没有“员工自评”范围的题目：请先在 满意度调查 › 题库 中添加',
    'The bank has no self-evaluation item yet: add some under Surveys › Question bank',
  ],
  projects: ['参评项目（项目内在职员工每人一份）', 'Projects (each active member gets a form)'],
  created: ['自评已发起，员工已收到通知', 'Round opened; the staff have been told'],
  noRound: ['暂无自评轮次', 'No round yet'],
  forms: ['应填', 'Forms'],
  pending: ['待填写', 'To fill in'],
  submittedCount: ['已提交', 'Submitted'],
  reviewedCount: ['已评阅', 'Reviewed'],
  open: ['进行中', 'Open'],
  closed: ['已结束', 'Closed'],
  close: ['结束本轮', 'Close the round'],
  closeConfirm: [
    '结束后员工不能再填写或提交，已提交的仍可评阅。确定结束？',
    'Forms can no longer change or be submitted; submitted ones can still be reviewed. Close?',
  ],
  closedDone: ['本轮已结束', 'Round closed'],
  sheet: ['自评汇总', 'Round sheet'],
  staff: ['员工', 'Staff'],
  department: ['部门', 'Department'],
  reviewAction: ['评阅', 'Review'],
  reviewTitle: ['评阅 {name} 的自评', 'Review {name}’s self-evaluation'],
  reviewComment: ['评阅意见', 'Comment'],
  reviewed: ['已评阅，员工已收到通知', 'Reviewed; the staff member has been told'],
  view: ['查看', 'View'],
  noForms: ['没有您负责的员工的自评表', 'No form of staff you oversee'],
} satisfies Record<string, [string, string]>;

export type SelfEvalTextKey = keyof typeof TEXT;

/** A text of the pages in the language shown ({name}, {at} replaced when given). */
export const xt = (key: SelfEvalTextKey, lang: string, params: Record<string, string | number> = {}) =>
  TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

const loc = (lang: string): Locale => (lang === 'en' ? 'en' : 'zh-CN');
export const formStatusText = (s: SelfEvaluationStatus, lang: string) => SELF_EVALUATION_STATUS_LABELS[s][loc(lang)];
export const FORM_STATUS_COLORS: Record<SelfEvaluationStatus, string> = { pending: 'default', submitted: 'blue', reviewed: 'green' };

/** A mean score with two decimals ('—' for none). */
export const meanText = (x: number | null) => (x === null ? '—' : x.toFixed(2));
