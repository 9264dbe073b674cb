import type { RouteResponse } from '@guanjia/api-contract';
import { CASE_TYPE_LABELS, CASE_TYPES, NOTICE_KIND_LABELS } from '@guanjia/vocabulary';
import { useCallback, useEffect, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import { ApiError, api, setApiLanguage } from '../../shared/api';
import { initialLang, type Lang } from '../../shared/i18n';
import { wt } from './wallboard-text';

type Board = RouteResponse<'GET /api/wallboard'>;

/** "01:02:03" (or "2天 01:02:03" / "2 d 01:02:03") of a span in milliseconds. */
function span(ms: number, lang: Lang): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor((total % 86_400) / 3600))}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
  return d ? `${d}${lang === 'en' ? ' d ' : '天 '}${hms}` : hms;
}

const timeOf = (iso: string, lang: Lang) =>
  new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: 'Asia/Shanghai',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

const COLORS = { page: '#0b1220', panel: '#131c2e', line: '#24314a', text: '#e6edf7', dim: '#8da2c0', risk: '#f5a623', late: '#ff4d4f', ok: '#52c41a' };
const panel: CSSProperties = { background: COLORS.panel, border: `1px solid ${COLORS.line}`, borderRadius: 12, padding: '16px 20px', overflow: 'hidden' };
const heading: CSSProperties = { fontSize: 26, fontWeight: 600, margin: '0 0 12px', color: COLORS.text };

/**
 * The wallboard (大屏, issue 16 item 4): full screen, dark, large type, for a TV in the service centre.
 * Opened at /wallboard?token=… with a display token (no sign-in): it loads GET /api/wallboard, listens
 * to /api/wallboard/live (server-sent events) and reloads on each change of its projects, and once a
 * minute besides (clocks crossing their warning time, the roster, notices); the countdowns tick every
 * second from the server's time.
 */
export function Wallboard() {
  const token = new URLSearchParams(window.location.search).get('token') ?? '';
  const [lang, setLang] = useState<Lang>(initialLang());
  const [board, setBoard] = useState<Board | null>(null);
  const [error, setError] = useState<string | null>(token ? null : wt('noToken', lang));
  const [live, setLive] = useState(false);
  const [now, setNow] = useState(Date.now());
  const skew = useRef(0); // server time minus this machine's
  setApiLanguage(lang);

  const load = useCallback(async () => {
    try {
      const b = await api('GET /api/wallboard', { headers: { 'x-display-token': token } });
      skew.current = Date.parse(b.now) - Date.now();
      setBoard(b);
      setError(null);
    } catch (e) {
      setError(e instanceof ApiError && e.status === 401 ? 'refused' : (e as Error).message);
    }
  }, [token]);

  useEffect(() => {
    if (!token) return;
    void load();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const source = new EventSource(`/api/wallboard/live?token=${encodeURIComponent(token)}`);
    source.onopen = () => setLive(true);
    source.onerror = () => setLive(false);
    // a burst of changes (a case created and dispatched) reloads once
    source.addEventListener('changed', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void load(), 300);
    });
    const minutely = setInterval(() => void load(), 60_000);
    return () => {
      source.close();
      clearTimeout(timer);
      clearInterval(minutely);
    };
  }, [token, load]);

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(tick);
  }, []);

  const serverNow = now + skew.current;
  const switchLang = () => {
    const l = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('gj_lang', l);
    setLang(l);
    setApiLanguage(l);
    void load();
  };

  let body: ReactNode;
  if (error)
    body = (
      <div style={{ ...panel, fontSize: 32, textAlign: 'center', padding: 60 }} data-testid="wallboard-error">
        {error === 'refused' ? wt('refused', lang) : error}
      </div>
    );
  else if (!board) body = null;
  else body = <BoardBody board={board} lang={lang} serverNow={serverNow} />;

  return (
    <div
      style={{
        minHeight: '100vh',
        boxSizing: 'border-box',
        background: COLORS.page,
        color: COLORS.text,
        padding: 24,
        fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", sans-serif',
      }}
      data-testid="wallboard"
    >
      <header style={{ display: 'flex', alignItems: 'baseline', gap: 24, marginBottom: 20 }}>
        <h1 style={{ fontSize: 40, margin: 0, fontWeight: 700 }}>{board?.label || wt('title', lang)}</h1>
        <span style={{ fontSize: 22, color: COLORS.dim }}>{board?.projects.map((p) => p.name).join(' · ')}</span>
        <span style={{ flex: 1 }} />
        <span style={{ fontSize: 22, color: live ? COLORS.ok : COLORS.risk }} data-testid="wallboard-live">
          ● {live ? wt('live', lang) : wt('reconnecting', lang)}
        </span>
        <span style={{ fontSize: 40, fontVariantNumeric: 'tabular-nums' }} data-testid="wallboard-clock">
          {timeOf(new Date(serverNow).toISOString(), lang)}
        </span>
        <button
          onClick={switchLang}
          style={{
            background: 'transparent',
            color: COLORS.dim,
            border: `1px solid ${COLORS.line}`,
            borderRadius: 6,
            fontSize: 16,
            padding: '4px 10px',
            cursor: 'pointer',
          }}
        >
          {wt('language', lang)}
        </button>
      </header>
      {body}
    </div>
  );
}

function BoardBody({ board, lang, serverNow }: { board: Board; lang: Lang; serverNow: number }) {
  const li = lang === 'en' ? 1 : 0;
  return (
    <div style={{ display: 'grid', gridTemplateColumns: '2fr 1fr', gap: 20 }}>
      <section style={panel}>
        <div style={{ display: 'flex', gap: 24, alignItems: 'baseline', marginBottom: 12 }}>
          <h2 style={{ ...heading, margin: 0 }}>{wt('clocksTitle', lang)}</h2>
          <Figure label={wt('atRisk', lang)} value={board.totals.atRisk} color={COLORS.risk} testId="wallboard-at-risk" />
          <Figure label={wt('breached', lang)} value={board.totals.breached} color={COLORS.late} testId="wallboard-breached" />
        </div>
        {board.departments.length === 0 && <p style={{ fontSize: 26, color: COLORS.dim }}>{wt('noClocks', lang)}</p>}
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(420px, 1fr))', gap: 16 }}>
          {board.departments.map((d) => (
            <div
              key={d.departmentId ?? 'none'}
              style={{ border: `1px solid ${COLORS.line}`, borderRadius: 10, padding: 12 }}
              data-testid="wallboard-department"
            >
              <div style={{ display: 'flex', alignItems: 'baseline', gap: 16, fontSize: 24, marginBottom: 8 }}>
                <strong style={{ flex: 1 }}>{d.departmentName ?? wt('serviceCentre', lang)}</strong>
                <span style={{ color: COLORS.risk }}>
                  {wt('atRisk', lang)} {d.atRisk}
                </span>
                <span style={{ color: COLORS.late }}>
                  {wt('breached', lang)} {d.breached}
                </span>
              </div>
              {d.clocks.slice(0, 8).map((c) => {
                const ms = Date.parse(c.dueAt) - serverNow;
                const late = ms <= 0;
                return (
                  <div
                    key={`${c.caseNumber}-${c.kind}`}
                    style={{ display: 'flex', gap: 12, fontSize: 22, padding: '4px 0', borderTop: `1px solid ${COLORS.line}` }}
                  >
                    <span style={{ width: 72, color: COLORS.dim }}>{CASE_TYPE_LABELS[c.caseType][li]}</span>
                    <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{c.unitLabel ?? c.caseNumber}</span>
                    <span style={{ color: late ? COLORS.late : COLORS.risk, fontVariantNumeric: 'tabular-nums' }} data-testid="wallboard-countdown">
                      {late ? wt('late', lang) : wt('left', lang)} {span(ms, lang)}
                    </span>
                  </div>
                );
              })}
            </div>
          ))}
        </div>
      </section>
      <div style={{ display: 'grid', gap: 20, alignContent: 'start' }}>
        <section style={panel}>
          <h2 style={heading}>{wt('intakeTitle', lang)}</h2>
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(5, 1fr)', gap: 8, textAlign: 'center' }}>
            {CASE_TYPES.map((type) => (
              <Figure key={type} label={CASE_TYPE_LABELS[type][li]} value={board.intake.byType[type]} testId={`wallboard-intake-${type}`} stacked />
            ))}
            <Figure label={wt('total', lang)} value={board.intake.total} testId="wallboard-intake-total" stacked />
          </div>
        </section>
        <section style={panel}>
          <h2 style={heading}>{wt('onDutyTitle', lang)}</h2>
          {board.onDuty.length === 0 && <p style={{ fontSize: 22, color: COLORS.dim }}>{wt('noOnDuty', lang)}</p>}
          {board.onDuty.map((p, i) => (
            <div key={i} style={{ display: 'flex', gap: 12, fontSize: 24, padding: '4px 0' }} data-testid="wallboard-on-duty">
              <strong>{p.name}</strong>
              <span style={{ flex: 1, color: COLORS.dim }}>{p.departmentName ?? p.projectName}</span>
              <span style={{ color: COLORS.dim }}>{wt('until', lang, { time: timeOf(p.endsAt, lang).slice(0, 5) })}</span>
            </div>
          ))}
        </section>
        <section style={panel}>
          <h2 style={heading}>{wt('noticesTitle', lang)}</h2>
          {board.notices.length === 0 && <p style={{ fontSize: 22, color: COLORS.dim }}>{wt('noNotices', lang)}</p>}
          {board.notices.slice(0, 6).map((n) => (
            <div key={n.id} style={{ fontSize: 22, padding: '4px 0', display: 'flex', gap: 10 }} data-testid="wallboard-notice">
              {n.emergency && <span style={{ color: COLORS.late, fontWeight: 700 }}>{wt('emergency', lang)}</span>}
              <span style={{ color: COLORS.dim }}>{NOTICE_KIND_LABELS[n.kind][lang]}</span>
              <span style={{ flex: 1, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{n.title}</span>
            </div>
          ))}
        </section>
        <div style={{ fontSize: 16, color: COLORS.dim }} data-testid="wallboard-updated">
          {wt('updated', lang, { time: timeOf(board.now, lang) })}
        </div>
      </div>
    </div>
  );
}

function Figure({ label, value, color, testId, stacked }: { label: string; value: number; color?: string; testId: string; stacked?: boolean }) {
  return (
    <span style={{ display: stacked ? 'block' : 'inline-flex', gap: 8, alignItems: 'baseline' }}>
      <span style={{ fontSize: 20, color: COLORS.dim, display: stacked ? 'block' : 'inline' }}>{label}</span>
      <span style={{ fontSize: stacked ? 48 : 40, fontWeight: 700, color: color ?? COLORS.text, fontVariantNumeric: 'tabular-nums' }} data-testid={testId}>
        {value}
      </span>
    </span>
  );
}
