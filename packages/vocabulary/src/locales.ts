/** The languages of every message and label: zh-CN first (the default), English second. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
