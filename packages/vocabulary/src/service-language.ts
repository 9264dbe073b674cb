import type { CASE_COMMAND_TYPES } from './cases.ts';

/**
 * The service-language guard (服务用语检查; SPEC §3, seeds 002 and 004): an outgoing reply is checked
 * before it is sent. Each finding names its kind and the words found; the agent may still send.
 */
export type LanguageIssueKind =
  | 'banned_phrase' // 口头语：我晕、天啊、怎么这样、真是的…
  | 'filler_opening' // 以“啊、嗯、那”开头
  | 'rhetorical_question' // 反问、质问：难道…吗、你不知道…吗
  | 'blaming' // 推诿、指责、不耐烦
  | 'informal_you' // 用“你”而不是“您”
  | 'no_form_of_address' // 没有称呼（先生/女士）
  | 'no_courtesy'; // 没有礼貌用语（您好、请、谢谢、对不起、再见）

export interface LanguageIssue {
  kind: LanguageIssueKind;
  /** The words that triggered it (empty for something missing). */
  found: string[];
}

const BANNED = ['我晕', '天啊', '天哪', '怎么这样', '真是的', '烦死了', '搞什么', '有病', '神经', '笨'];
const BLAMING = [
  '不归我管',
  '不关我的事',
  '不是我负责',
  '我不知道',
  '你自己看',
  '你去问别人',
  '没办法',
  '跟我说没用',
  '你听不懂',
  '说了多少遍',
  '你怎么回事',
  '自己去',
];
const COURTESY = ['您好', '请', '谢谢', '感谢', '对不起', '抱歉', '不好意思', '再见'];
const ADDRESS = /(先生|女士|小姐|阿姨|叔叔|业主|老师|师傅)/;
const RHETORICAL = [
  /难道[^。！？?!]*[吗么][?？]?/g,
  /你不知道[^。！？?!]*[吗么][?？]?/g,
  /你没看[^。！？?!]*[吗么][?？]?/g,
  /不是[^。！？?!]{0,12}了吗[?？]?/g,
];

export function checkServiceLanguage(text: string): LanguageIssue[] {
  const t = text.trim();
  const issues: LanguageIssue[] = [];
  const banned = BANNED.filter((w) => t.includes(w));
  if (banned.length) issues.push({ kind: 'banned_phrase', found: banned });
  const filler = /^(啊|嗯|那)[，,、\s]?/.exec(t);
  if (filler) issues.push({ kind: 'filler_opening', found: [filler[1]!] });
  const rhetorical = RHETORICAL.flatMap((r) => t.match(r) ?? []);
  if (rhetorical.length) issues.push({ kind: 'rhetorical_question', found: rhetorical });
  const blaming = BLAMING.filter((w) => t.includes(w));
  if (blaming.length) issues.push({ kind: 'blaming', found: blaming });
  if (/你/.test(t.replace(/你们/g, ''))) issues.push({ kind: 'informal_you', found: ['你'] });
  if (t.length > 0 && !ADDRESS.test(t)) issues.push({ kind: 'no_form_of_address', found: [] });
  if (t.length > 0 && !COURTESY.some((w) => t.includes(w))) issues.push({ kind: 'no_courtesy', found: [] });
  return issues;
}

export const LANGUAGE_ISSUE_TEXT: Record<LanguageIssueKind, { 'zh-CN': string; en: string }> = {
  banned_phrase: { 'zh-CN': '含有禁用口头语', en: 'Contains banned colloquialisms' },
  filler_opening: { 'zh-CN': '不要以“啊、嗯、那”开头', en: 'Do not open with a filler (啊, 嗯, 那)' },
  rhetorical_question: { 'zh-CN': '不要用反问或质问的语气', en: 'No rhetorical or interrogating questions' },
  blaming: { 'zh-CN': '有推诿或指责的说法', en: 'Deflecting or blaming phrasing' },
  informal_you: { 'zh-CN': '请用“您”而不是“你”', en: 'Use 您, not 你' },
  no_form_of_address: { 'zh-CN': '缺少称呼（先生/女士）', en: 'No form of address (先生/女士)' },
  no_courtesy: { 'zh-CN': '缺少礼貌用语（您好、请、谢谢、对不起、再见）', en: 'No courtesy words (您好, 请, 谢谢, 对不起, 再见)' },
};

/**
 * 服务忌语 (seed 004 客服部服务标准规范; seed 002 语言规范): the phrases an owner-facing text must not
 * contain. This is the default list; each company (organization) edits its own (docs/api.md). A text
 * containing any listed phrase is flagged, on the server and in the browser alike.
 */
export const DEFAULT_FORBIDDEN_PHRASES: readonly string[] = [
  // 口头语 (seed 004: 我晕、天啊、怎么这样、真是的)
  '我晕',
  '天啊',
  '天哪',
  '怎么这样',
  '真是的',
  '烦死了',
  '搞什么',
  // 推诿、搪塞、不耐烦 (seed 004: 忌烦躁、不懂装懂、推诿、搪塞客户)
  '不知道',
  '没有办法',
  '没办法',
  '不清楚',
  '管不了',
  '找开发商去',
  '急什么',
  '不归我管',
  '不关我的事',
  '不是我负责',
  '你自己看',
  '你去问别人',
  '跟我说没用',
  '你听不懂',
  '说了多少遍',
  '你怎么回事',
];

/**
 * The field of each command whose text reaches the owner, checked for barred phrases (a `message`
 * only when outbound; acknowledge's content only when given): every staff text that lands in an
 * event owners see (the portal's timeline) or in a case field owners see. A department's draft
 * answer (`submit_answer`) is in the case's `answer`, which owners read until the desk's own answer
 * replaces it, so it is checked too. Internal notes, plans and analyses are not owner-facing: owners
 * never see them. A test (apps/server/test/owner-facing-texts.test.ts) runs every command and fails
 * when a staff text reaches the owner through a field missing here.
 */
export const OWNER_FACING_FIELDS = {
  acknowledge: 'content',
  answer: 'content',
  inform_owner: 'content',
  record_contact: 'content',
  message: 'content',
  close_out_of_scope: 'reason',
  submit_answer: 'content',
  complete: 'summary',
  extend_deadline: 'note',
  record_follow_up: 'content',
} as const satisfies Partial<Record<(typeof CASE_COMMAND_TYPES)[number], string>>;

/** The longest a listed phrase may be, and how many a list may hold. */
export const FORBIDDEN_PHRASE_MAX_LENGTH = 20;
export const FORBIDDEN_PHRASES_MAX = 200;

/** Phrases compared as written, ignoring surrounding space and full-width/half-width spaces inside the text. */
function normalize(text: string): string {
  return text.replace(/[\s\u3000]+/g, '');
}

/**
 * The listed phrases a text contains (in list order, each once): the one verdict of the
 * service-language guard. Spaces inside the text do not hide a phrase (不 知道 is 不知道).
 */
export function findForbiddenPhrases(text: string, phrases: readonly string[]): string[] {
  const t = normalize(text);
  const found: string[] = [];
  for (const p of phrases) {
    const n = normalize(p);
    if (n && t.includes(n) && !found.includes(p)) found.push(p);
  }
  return found;
}
