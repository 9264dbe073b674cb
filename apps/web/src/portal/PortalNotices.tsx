import { useEffect, useRef } from 'react';
import type { ApiError } from '../shared/api';
import { formatInstant } from '../shared/format';
import { dictionary, label, type Lang } from '../shared/i18n';
import { NOTICE_KIND_TEXT } from '../shared/i18n-notices';
import { useMarkNoticeRead, usePortalNotices, type PortalNotice } from './notice-queries';
import { NoticeTabs } from './PortalStatutory';
import { useMyUnits } from './queries';
import './notices.css';

/**
 * 通知公告 in the owner portal (issue 13 items 5 and 7): the notices in force for the owner's homes,
 * emergencies pinned first and in red, unread ones marked; opening one shows it whole and sends its
 * read receipt (the console's notice page then shows it read).
 */

/** A project's time zone by its name (the notices name their project; the owner's units carry its zone). */
function useZoneOf(): (projectName: string) => string {
  const units = useMyUnits().data ?? [];
  return (name) => units.find((u) => u.projectName === name)?.timeZone ?? 'Asia/Shanghai';
}

function period(n: PortalNotice, zone: string, lang: Lang): string | null {
  if (!n.startsAt) return null;
  return `${formatInstant(n.startsAt, zone, lang)} – ${formatInstant(n.endsAt, zone, lang)}`;
}

export function PortalNotices({ lang, onOpen, onGo }: { lang: Lang; onOpen: (id: string) => void; onGo: (page: 'notices' | 'statutory') => void }) {
  const t = dictionary(lang);
  const { data: notices, error } = usePortalNotices();
  const zoneOf = useZoneOf();
  return (
    <div data-testid="portal-notices">
      <NoticeTabs lang={lang} current="notices" onGo={onGo} />
      <h2>{t.notices}</h2>
      {!notices &&
        (error ? (
          <div className="error" role="alert">
            {(error as ApiError).message}
          </div>
        ) : (
          <p>{t.loading}</p>
        ))}
      {notices?.length === 0 && <p className="muted">{t.pnNoNotices}</p>}
      {notices?.map((n) => {
        const when = period(n, zoneOf(n.projectName), lang);
        return (
          <button
            key={n.id}
            className={`card notice${n.emergency ? ' emergency' : ''}`}
            onClick={() => onOpen(n.id)}
            data-notice={n.id}
            data-emergency={n.emergency}
          >
            {n.emergency && <span className="tag emergency">{t.ntcEmergencyShort}</span>} <span className="tag">{label(NOTICE_KIND_TEXT, n.kind, lang)}</span>{' '}
            {!n.readAt && <span className="tag unread">{t.ntcUnread}</span>} <strong>{n.title}</strong>
            <div className="muted">
              {n.area}
              {when ? ` · ${when}` : ''}
            </div>
          </button>
        );
      })}
    </div>
  );
}

export function PortalNoticeDetail({ lang, id, onBack }: { lang: Lang; id: string; onBack: () => void }) {
  const t = dictionary(lang);
  const { data: notices, error } = usePortalNotices();
  const markRead = useMarkNoticeRead();
  const zoneOf = useZoneOf();
  const n = notices?.find((x) => x.id === id);
  // the read receipt, once per opening of an unread notice
  const sent = useRef(false);
  useEffect(() => {
    if (n && !n.readAt && !sent.current) {
      sent.current = true;
      markRead.mutate(n.id);
    }
  }, [n, markRead]);
  if (!n)
    return (
      <div className="card">
        <button className="link" onClick={onBack}>
          ← {t.back}
        </button>
        {notices ? <p>{t.pnNoticeGone}</p> : error ? <div className="error">{(error as ApiError).message}</div> : <p>{t.loading}</p>}
      </div>
    );
  const zone = zoneOf(n.projectName);
  const when = period(n, zone, lang);
  return (
    <div>
      <button className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <article className={`card${n.emergency ? ' notice emergency' : ''}`} data-testid="portal-notice">
        {n.emergency && <span className="tag emergency">{t.ntcEmergencyShort}</span>} <span className="tag">{label(NOTICE_KIND_TEXT, n.kind, lang)}</span>
        <h2>{n.title}</h2>
        <div className="muted">
          {n.projectName} · {n.area}
        </div>
        {when && (
          <div className="muted">
            {t.ntcPeriod}：{when}
          </div>
        )}
        <p className="notice-body">{n.body}</p>
        <div className="muted">
          {t.ntcPublishedAt} {formatInstant(n.publishedAt, zone, lang)}
          {n.expiresAt ? ` · ${t.ntcExpiresAt} ${formatInstant(n.expiresAt, zone, lang)}` : ''}
        </div>
      </article>
    </div>
  );
}
