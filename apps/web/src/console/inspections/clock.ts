import { useEffect, useState } from 'react';

/** 10:30 on the project's wall clock. */
export function hm(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** 11-25 from a local date 2026-11-25. */
export const monthDay = (date: string) => date.slice(5);

/** The time now, re-read every `ms` while mounted (countdowns). */
export function useNow(ms = 1_000): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(id);
  }, [ms]);
  return now;
}

/** 14:05 (minutes and seconds) of a span in milliseconds, never negative. */
export function minutesSeconds(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1_000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}
