import type { Lang } from '../shared/i18n';

/** The portal's texts of a rating on several scores and the staff's reply (decision 0028): zh-CN first, English second. */
const TEXT = {
  reply: ['物业回复', 'Our reply'],
  optional: ['（选填）', '(optional)'],
} as const satisfies Record<string, readonly [string, string]>;

export const ratingText = (key: keyof typeof TEXT, lang: Lang) => TEXT[key][lang === 'en' ? 1 : 0];
