/** Dates in the project's time zone (Asia/Shanghai unless the project says otherwise). */
export function formatInstant(iso: string | null | undefined, timeZone = 'Asia/Shanghai', lang: 'zh-CN' | 'en' = 'zh-CN', withYear = true): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone,
    ...(withYear ? { year: 'numeric' } : {}),
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "还剩 12 分" / "超时 3 时 05 分" from now to a due instant. */
export function countdown(dueIso: string | null, now: number, lang: 'zh-CN' | 'en' = 'zh-CN'): { text: string; overdue: boolean } | null {
  if (!dueIso) return null;
  const ms = Date.parse(dueIso) - now;
  const overdue = ms < 0;
  const total = Math.floor(Math.abs(ms) / 60_000);
  const h = Math.floor(total / 60);
  const m = total % 60;
  const span = lang === 'en' ? (h ? `${h} h ${String(m).padStart(2, '0')} min` : `${m} min`) : h ? `${h} 时 ${String(m).padStart(2, '0')} 分` : `${m} 分`;
  return { overdue, text: lang === 'en' ? (overdue ? `${span} late` : `${span} left`) : overdue ? `超时 ${span}` : `还剩 ${span}` };
}

/** A due instant, short (月-日 时:分), in the project's time zone. */
export const formatShort = (iso: string | null | undefined, timeZone = 'Asia/Shanghai', lang: 'zh-CN' | 'en' = 'zh-CN') =>
  formatInstant(iso, timeZone, lang, false);
