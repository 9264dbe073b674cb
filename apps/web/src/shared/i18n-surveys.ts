import type { Lang } from './i18n';

/** The words of the survey pages (满意度调查), zh-CN first; the service areas and scale words are the vocabulary's. */
const WORDS = {
  surveys: ['满意度调查', 'Surveys'],
  noSurveys: ['目前没有需要您填写的调查', 'No survey for you to answer now'],
  answerBy: ['请于 {date} 前作答', 'Please answer by {date}'],
  answered: ['已作答', 'Answered'],
  pending: ['待作答', 'To answer'],
  comment: ['意见和建议（选填）', 'Comments and suggestions (optional)'],
  submit: ['提交问卷', 'Submit'],
  thanks: ['问卷已提交，感谢您的支持！', 'Thank you: your answers are in.'],
  chooseEach: ['请为每一题选择一个评价', 'Please choose an answer for every question'],
  rateSteward: ['请为您的管家 {name} 评分', 'Please rate your steward {name}'],
  yourSteward: ['您的管家：{name}', 'Your steward: {name}'],
} as const satisfies Record<string, readonly [string, string]>;

export type SurveyWord = keyof typeof WORDS;
export function surveyText(lang: Lang, key: SurveyWord, params: Record<string, string> = {}): string {
  const text: string = WORDS[key][lang === 'en' ? 1 : 0];
  return text.replace(/\{(\w+)\}/g, (_, k: string) => params[k] ?? '');
}
