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

/**
 * A table as a CSV file the browser downloads: UTF-8 with a byte-order mark so that Excel opens the
 * Chinese text correctly; fields quoted when they hold a comma, quote or line break.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const field = (v: string | number | null | undefined) => {
    const s = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  return '\uFEFF' + [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(fileName: string, csv: string): void {
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

/** A due instant, short (月-日 时:分), in the project's time zone. */
export const formatShort = (iso: string | null | undefined, timeZone = 'Asia/Shanghai', lang: 'zh-CN' | 'en' = 'zh-CN') =>
  formatInstant(iso, timeZone, lang, false);
