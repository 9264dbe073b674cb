import { NOTICE_KINDS, NOTICE_LEAD_HOURS, type NoticeKind } from '@guanjia/vocabulary';

/**
 * Rules of notices (通知公告, SPEC §9): the least notice period of a planned disruption, the personal
 * data a notice must not show (an owner's phone, ID number, email, or name next to their home), and
 * when a notice expires. Pure: instants (epoch ms) are inputs.
 */

export { NOTICE_KINDS, NOTICE_LEAD_HOURS };
export type { NoticeKind };

const HOUR = 3_600_000;
const DAY = 86_400_000;

/** How long a notice without an end of validity stays up: one month. */
export const NOTICE_DEFAULT_VALIDITY_MS = 30 * DAY;

/**
 * A disruption starting sooner than its lead time after publishing is refused — unless it is an
 * emergency with a non-empty reason (a burst pipe does not wait 24 hours). A notice of a kind with a
 * lead time names its start, emergency or not (without one the lead time could not be checked). null
 * when fine, and for kinds without a lead time.
 */
export function leadTimeProblem(
  kind: NoticeKind,
  publishAt: number,
  startsAt: number | null,
  emergency: boolean,
  emergencyReason: string | null,
): null | {
  field: 'startsAt' | 'emergencyReason';
  reason: 'start_required' | 'lead_time_too_short' | 'emergency_reason_required';
  hours: number;
} {
  const hours = NOTICE_LEAD_HOURS[kind];
  if (hours === undefined) return null;
  if (startsAt === null) return { field: 'startsAt', reason: 'start_required', hours };
  if (startsAt - publishAt >= hours * HOUR) return null;
  if (!emergency) return { field: 'startsAt', reason: 'lead_time_too_short', hours };
  if (!emergencyReason?.trim()) return { field: 'emergencyReason', reason: 'emergency_reason_required', hours };
  return null;
}

/** SPEC §9: a notice expires when its validity ends, or one month (30 days) after publishing when it has none. */
export function defaultExpiry(publishAt: number, endsAt: number | null): number {
  return endsAt ?? publishAt + NOTICE_DEFAULT_VALIDITY_MS;
}

// ---- personal data in a notice's text ----

export type PersonalDataKind = 'phone' | 'id_number' | 'name_with_unit' | 'email';
export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The text found, as written. */
  excerpt: string;
  /** Where it starts in the text (UTF-16 index). */
  index: number;
}

/** The ~100 commonest surnames (百家姓 by frequency today), and the commonest two-character ones. */
export const COMMON_SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩邓冯曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文',
  '欧阳',
  '司马',
  '诸葛',
  '上官',
] as const;

/** Words after a surname that make a person: 张先生, 李女士 … */
const PERSON_TITLES = ['先生', '女士', '小姐', '阿姨', '师傅', '太太', '老师', '叔叔'];
/** Staff titles after a surname: 王经理 is the office's manager, not an owner. */
const STAFF_TITLES = ['经理', '主任', '主管', '管家', '队长', '班长', '总', '工', '秘书', '助理', '专员'];
/**
 * Characters that do not make a given name: function words and the words of units, times and
 * notices ("1201室于明日停水" is not 于明 living in 1201; "101室周边" is not 周边).
 */
const NOT_GIVEN_NAME =
  '于的在是和及与或将已从向对由至把被请因为所了着过也都就还又要会能可以等各全该本此这那个位户室楼栋幢座号层区期单元日月年时分秒点周天前后上下内外中水电气梯停供通知公告业主住租物管理经任师傅生士姐姨先女边侧门口面起止间';
/** What may follow a name written without a title (张伟请…, 张伟家…, or the end of a word). */
const AFTER_BARE_NAME = '请家户业您已于反投报来在等同及和与的是';
/** What may stand between a unit and a name: spaces, punctuation, 业主, 住户 … (up to three of them). */
const CONNECTOR = '(?:\\s|[，,、:：()（）]|业主|住户|租户|户主|的){0,3}';

const HAN = '\\u4e00-\\u9fff';
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const SURNAME = `(?:${[...COMMON_SURNAMES]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join('|')})`;
const TITLED_NAME = `${SURNAME}(?:${PERSON_TITLES.join('|')})`;
/** Surnames that are also words starting a phrase ("业主于明日…", "向3栋…"): a name of theirs counts only with a title (于先生). */
const WORD_SURNAMES = '于向常易';
const BARE_SURNAME = `(?![${WORD_SURNAMES}])${SURNAME}`;
const BARE_NAME = `${BARE_SURNAME}(?!${STAFF_TITLES.join('|')})[^${NOT_GIVEN_NAME}\\P{Script=Han}]{1,2}(?=$|[^${HAN}]|[${AFTER_BARE_NAME}])`;
/** After 业主 / 住户 the name needs no end: 业主李建国尽快挪车. */
const NAME_AFTER_ROLE = `(?<=(?:业主|住户|租户|户主)[:：\\s]?)${BARE_SURNAME}(?!${STAFF_TITLES.join('|')})[^${NOT_GIVEN_NAME}\\P{Script=Han}]{1,2}`;
const NAME = `(?:${TITLED_NAME}|${BARE_NAME}|${NAME_AFTER_ROLE})`;
/** A household: 3栋2单元1201, 5号楼101室, A座1801, 12-3-502, 1201室. */
const UNIT =
  '(?<![0-9A-Za-z])(?:' +
  '(?:[A-Za-z]|\\d{1,3})(?:栋|幢|座|号楼)(?:\\d{1,2}单元)?\\d{3,4}(?!\\d)(?:室|号|房)?' +
  '|\\d{1,3}-\\d{1,2}-\\d{3,4}(?!\\d)(?:室|号|房)?' +
  '|\\d{3,4}(?:室|房)' +
  ')';

const PATTERNS: { kind: PersonalDataKind; pattern: RegExp }[] = [
  // 18-digit (17 digits + digit/X) and old 15-digit ID numbers, with a plausible birth date
  {
    kind: 'id_number',
    pattern:
      /(?<![0-9A-Za-z])(?:\d{6}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx]|\d{8}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3})(?![0-9A-Za-z])/gu,
  },
  // mainland mobiles: 13812345678, 138-1234-5678, 138 1234 5678, +86 138…; landlines and 400 numbers are not mobiles
  { kind: 'phone', pattern: /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/gu },
  { kind: 'email', pattern: /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu },
  { kind: 'name_with_unit', pattern: new RegExp(`${UNIT}${CONNECTOR}${NAME}|${NAME}${CONNECTOR}${UNIT}`, 'gu') },
];

/** Full-width digits, letters and dashes read as ASCII, one character for one (indices stay those of the text). */
function halfWidth(text: string): string {
  return text.replace(/[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff0d\uff0b]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * Personal data in a notice's text, in the order it appears: mainland mobile numbers, ID numbers,
 * email addresses, and a person named next to a unit ("3栋2单元1201张先生"). A property office's
 * landline or 400 hotline is expected in a notice and is not reported; nor is a unit alone
 * ("3栋停水") or a name alone ("物业经理王经理"). A heuristic, for warning the author before publishing.
 */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const readable = halfWidth(text);
  const found: PersonalDataFinding[] = [];
  for (const { kind, pattern } of PATTERNS) {
    for (const m of readable.matchAll(pattern)) found.push({ kind, excerpt: text.slice(m.index, m.index + m[0].length), index: m.index });
  }
  found.sort((a, b) => a.index - b.index || b.excerpt.length - a.excerpt.length);
  // a finding inside another one (the phone inside an email …) is said once
  return found.filter(
    (f, i) =>
      !found.some(
        (g, j) => j !== i && g.index <= f.index && f.index + f.excerpt.length <= g.index + g.excerpt.length && (j < i || g.excerpt.length > f.excerpt.length),
      ),
  );
}
