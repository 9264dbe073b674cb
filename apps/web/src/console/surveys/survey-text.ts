import {
  SURVEY_ANSWER_CHANNEL_LABELS,
  SURVEY_AREA_LABELS,
  SURVEY_KIND_LABELS,
  SURVEY_SAMPLING_LABELS,
  SURVEY_SCALE_LABELS,
  SURVEY_STATUS_LABELS,
  type Locale,
} from '@guanjia/vocabulary';

/** The texts of the 满意度调查 pages of the console (issue 14 item 4): zh-CN first, English second. Words of the vocabulary come from its label tables. */
const TEXT = {
  title: ['满意度调查', 'Satisfaction surveys'],
  campaigns: ['调查活动', 'Campaigns'],
  bank: ['题库', 'Question bank'],
  target: ['满意率目标', 'Satisfaction target'],
  goal: ['目标', 'Target'],
  targetSaved: ['满意率目标已保存', 'Target saved'],
  targetHint: ['低于目标时，结束调查会生成内部评审任务（默认70%）', 'Closing a campaign under it opens an internal review (default 70%)'],
  save: ['保存', 'Save'],
  cancel: ['取消', 'Cancel'],
  none: ['暂无', 'None'],
  noSurvey: ['暂无调查', 'No survey yet'],
  // the bank
  area: ['服务范围', 'Service area'],
  allAreas: ['全部范围', 'All areas'],
  item: ['题目', 'Item'],
  options: ['选项及分值', 'Options and scores'],
  option: ['选项', 'Option'],
  score: ['分值', 'Score'],
  addQuestion: ['新增题目', 'Add an item'],
  questionAdded: ['题目已加入题库', 'Item added to the bank'],
  questionText: ['题目内容', 'Question'],
  emptyBank: ['题库还没有题目', 'The bank has no item yet'],
  // campaigns
  newSurvey: ['新建调查', 'New campaign'],
  editDraft: ['修改草稿', 'Edit draft'],
  surveyTitle: ['调查名称', 'Title'],
  period: ['调查期', 'Period'],
  startsOn: ['开始日期', 'Starts on'],
  endsOn: ['截止日期', 'Ends on'],
  periodHint: ['默认每年6月、11月，为期10天', 'June and November by default, for 10 days'],
  sampling: ['抽样方式', 'Sampling'],
  sampleRate: ['抽样比例（%）', 'Sample rate (%)'],
  sampleRateHint: ['留空即项目最低比例：30%，入伙超过5年的项目15%', 'Blank: the project’s floor, 30% (15% for an estate occupied over 5 years)'],
  questions: ['问卷题目（从题库选择，按选择顺序）', 'Items (from the bank, in the order chosen)'],
  commentPrompt: ['意见栏提问（选填）', 'Comment question (optional)'],
  commentPromptDefault: ['您对我们的服务还有什么意见和建议？', 'Any other comments or suggestions about our service?'],
  saved: ['已保存', 'Saved'],
  created: ['调查草稿已创建', 'Draft created'],
  launch: ['发起调查', 'Launch'],
  launchConfirm: [
    '发起后将抽取样本并通知样本户，问卷不能再修改。确定发起？',
    'Launching draws the sample and invites its households; the questionnaire can no longer change. Launch?',
  ],
  launched: ['调查已发起', 'Campaign launched'],
  close: ['结束调查', 'Close'],
  closeConfirm: ['结束后不再接收答卷，并生成统计结果。确定结束？', 'No more answers are taken once closed, and the statistics are final. Close?'],
  closed: ['调查已结束', 'Campaign closed'],
  confirm: ['确定', 'OK'],
  status: ['状态', 'Status'],
  sampled: ['样本户数', 'Sampled'],
  answered: ['已答户数', 'Answered'],
  households: ['入住户数', 'Occupied households'],
  distributeBy: ['发放截止', 'Distribute by'],
  phoneCap: ['电话访问上限', 'Phone answers at most'],
  seed: ['抽样种子', 'Sample seed'],
  questionnaire: ['问卷', 'Questionnaire'],
  // a launched campaign
  tabHouseholds: ['样本户', 'Households'],
  tabRecovery: ['回收进度', 'Recovery'],
  tabPaper: ['纸质问卷', 'Paper questionnaires'],
  tabRegister: ['客户意见登记', 'Comment register'],
  tabResult: ['统计结果', 'Statistics'],
  allBuildings: ['全部楼栋', 'All buildings'],
  allStatuses: ['全部', 'All'],
  pending: ['未作答', 'Not answered'],
  answeredStatus: ['已作答', 'Answered'],
  code: ['问卷编号', 'Code'],
  unit: ['房号', 'Home'],
  building: ['楼栋', 'Building'],
  channel: ['作答方式', 'Channel'],
  answeredAt: ['作答时间', 'Answered at'],
  comment: ['意见和建议', 'Comment'],
  total: ['共 {n} 户', '{n} households'],
  enterPaper: ['录入纸质问卷', 'Enter a paper questionnaire'],
  enterPhone: ['电话访问录入', 'Enter a phone interview'],
  phone: ['电话', 'Phone'],
  entered: ['答卷已录入', 'Answer entered'],
  codeHint: ['问卷右上角的8位编号', 'The 8-character code at the top of the questionnaire'],
  chooseEach: ['请为每一题选择一个评价', 'Please choose an answer for every item'],
  phoneNote: ['电话访问由员工代填，最多占样本的20%', 'Phone answers are staff-filled: at most 20% of the sample'],
  // recovery
  recovery: ['回收率', 'Recovery'],
  recoveryTarget: ['目标：10天内回收率不低于 {p}', 'Target: at least {p} within 10 days'],
  dueOn: ['第10天', 'Day 10'],
  day: ['日期', 'Date'],
  dayN: ['第{n}天', 'Day {n}'],
  cumulative: ['累计已答', 'Answered (cumulative)'],
  reached: ['已达标', 'Reached'],
  notReached: ['未达标', 'Not reached'],
  byBuilding: ['各楼栋', 'By building'],
  // paper
  print: ['打印问卷', 'Print'],
  printHint: ['每户一页，含问卷编号与房号（不含姓名）；请使用浏览器打印', 'One page per household with its code and home (no names); printed by the browser'],
  sheetIntro: [
    '尊敬的业主：为了解您对我们服务的评价，请在每题选择一项（在□内打√），于 {date} 前交回管理处。',
    'Dear owner: please tick one box per item and return this form to the management office by {date}.',
  ],
  sheetThanks: ['感谢您的支持！', 'Thank you!'],
  preview: ['预览（前 {n} 页）', 'Preview (first {n} pages)'],
  // the register
  registerOpen: ['待处理', 'Open'],
  registerHandled: ['已处理', 'Handled'],
  handle: ['处理', 'Handle'],
  handleNote: ['处理说明', 'What was done'],
  handledDone: ['已登记处理结果', 'Marked handled'],
  handledBy: ['处理时间', 'Handled at'],
  received: ['登记时间', 'Received'],
  // result
  result: ['客户满意率统计表', 'Satisfaction statistics'],
  export: ['导出 Excel', 'Export Excel'],
  project: ['项目满意率', 'Project rate'],
  previous: ['上次调查', 'Previous survey'],
  change: ['变化', 'Change'],
  significant: ['差异显著（5%）', 'Significant (5%)'],
  notSignificant: ['差异不显著', 'Not significant'],
  below: ['低于目标：已生成内部评审任务', 'Under target: an internal review is due'],
  answers: ['答案数', 'Answers'],
  rate: ['满意率', 'Rate'],
  interval: ['95%置信区间', '95% interval'],
  channels: ['作答方式', 'Channels'],
  respondents: ['作答户数', 'Households answered'],
  comments: ['意见条数', 'Comments'],
  draftNoResult: ['草稿：发起后可查看样本户与统计', 'Draft: households and statistics once launched'],
  // 管家评价 and 楼栋管家
  kind: ['类型', 'Kind'],
  kindHint: [
    '管家评价：每年一次，默认12月、每户都参加，各户评价其楼栋的管家',
    'Steward rating: once a year, in December and of every household by default; each rates its building’s steward',
  ],
  stewardsTab: ['楼栋管家', 'Building stewards'],
  stewardsHint: [
    '管家评价按楼栋的物业管家统计；发起前每栋楼都需指定管家',
    'A steward rating is counted per building steward: every building needs one before launch',
  ],
  steward: ['物业管家', 'Area steward'],
  noSteward: ['未指定', 'None named'],
  assignedAt: ['指定时间', 'Named at'],
  stewardSaved: ['已指定 {building} 的管家', 'Steward of {building} saved'],
  stewardRemoved: ['已取消 {building} 的管家', 'Steward of {building} removed'],
  chooseSteward: ['选择管家', 'Choose a steward'],
  noStewards: ['本项目还没有在职的物业管家（请在系统管理中添加）', 'The project has no active area steward (add one under Admin)'],
  goStewards: ['去指定楼栋管家', 'Name the building stewards'],
  byStewardTitle: ['各管家评价', 'By steward'],
  stewardSampled: ['评价户数', 'Households'],
  stewardAnswered: ['已答户数', 'Answered'],
  mean: ['平均分', 'Mean score'],
  itemRate: ['各题一栏：满意率 / 平均分', 'Item columns: rate / mean score'],
} satisfies Record<string, [string, string]>;

export type SurveyTextKey = keyof typeof TEXT;

/** A text of the pages in the language shown ({n}, {p}, {date} replaced when given). */
export const st = (key: SurveyTextKey, lang: string, params: Record<string, string | number> = {}) =>
  TEXT[key][lang === 'en' ? 1 : 0].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? ''));

const loc = (lang: string): Locale => (lang === 'en' ? 'en' : 'zh-CN');
export const areaText = (key: keyof typeof SURVEY_AREA_LABELS, lang: string) => SURVEY_AREA_LABELS[key][loc(lang)];
export const statusText = (key: keyof typeof SURVEY_STATUS_LABELS, lang: string) => SURVEY_STATUS_LABELS[key][loc(lang)];
export const kindText = (key: keyof typeof SURVEY_KIND_LABELS, lang: string) => SURVEY_KIND_LABELS[key][loc(lang)];
export const samplingText = (key: keyof typeof SURVEY_SAMPLING_LABELS, lang: string) => SURVEY_SAMPLING_LABELS[key][loc(lang)];
export const channelText = (key: keyof typeof SURVEY_ANSWER_CHANNEL_LABELS | null, lang: string) => (key ? SURVEY_ANSWER_CHANNEL_LABELS[key][loc(lang)] : '—');
export const scaleText = (score: 1 | 2 | 3 | 4 | 5, lang: string) => SURVEY_SCALE_LABELS[score][loc(lang)];

export const KIND_COLORS: Record<string, string> = { owner_satisfaction: 'cyan', steward_rating: 'purple' };
export const STATUS_COLORS: Record<string, string> = { draft: 'default', launched: 'blue', closed: 'green' };

/** A share as a percentage with one decimal ('—' for none). */
export const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)}%`);

/** The suggested period of the next campaign from a local date: the 1st of the next June or November (today if it is one), for 10 days. */
export function suggestedPeriod(today: string): { startsOn: string; endsOn: string } {
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  let year = y;
  let month = [6, 11].find((x) => x > m || (x === m && d === 1));
  if (month === undefined) {
    year += 1;
    month = 6;
  }
  const startsOn = `${year}-${String(month).padStart(2, '0')}-01`;
  return { startsOn, endsOn: `${year}-${String(month).padStart(2, '0')}-10` };
}

/** The suggested period of a steward rating (as the server's default): December 1st of this year, today when past it and still in time for 10 days, else next year's. */
export function suggestedStewardPeriod(today: string): { startsOn: string; endsOn: string } {
  const year = Number(today.slice(0, 4));
  const startsOn = today <= `${year}-12-01` ? `${year}-12-01` : today <= `${year}-12-22` ? today : `${year + 1}-12-01`;
  const end = new Date(Date.parse(`${startsOn}T00:00:00Z`) + 9 * 86_400_000).toISOString().slice(0, 10);
  return { startsOn, endsOn: end };
}

/** The suggested title of a steward rating: 2026年度管家评价. */
export const suggestedStewardTitle = (startsOn: string, lang: string) =>
  lang === 'en' ? `${startsOn.slice(0, 4)} steward rating` : `${startsOn.slice(0, 4)}年度管家评价`;

/** The suggested title of a campaign starting on a date: 2027年上半年业主满意度调查 (June) or 下半年 (November and later). */
export function suggestedTitle(startsOn: string, lang: string): string {
  const year = startsOn.slice(0, 4);
  const second = Number(startsOn.slice(5, 7)) > 6;
  return lang === 'en' ? `${year} ${second ? 'H2' : 'H1'} owner satisfaction survey` : `${year}年${second ? '下' : '上'}半年业主满意度调查`;
}
