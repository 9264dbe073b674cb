import type { Locale } from './locales.ts';

/** What an outage (停水/停电/电梯停运 …) of the outage register cuts off (SPEC §9). */
export const OUTAGE_KINDS = ['water', 'power', 'elevator', 'gas', 'network', 'other'] as const;
export type OutageKind = (typeof OUTAGE_KINDS)[number];

export const OUTAGE_KIND_LABELS: Record<OutageKind, Record<Locale, string>> = {
  water: { 'zh-CN': '停水', en: 'Water cut' },
  power: { 'zh-CN': '停电', en: 'Power cut' },
  elevator: { 'zh-CN': '电梯停运', en: 'Elevator out of service' },
  gas: { 'zh-CN': '停气', en: 'Gas cut' },
  network: { 'zh-CN': '网络中断', en: 'Network outage' },
  other: { 'zh-CN': '其他停运', en: 'Other outage' },
};
