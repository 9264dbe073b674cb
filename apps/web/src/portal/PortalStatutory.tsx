import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { dictionary, label, STATUS_LABELS, type Lang } from '../shared/i18n';
import { STATUTORY_SUBJECT_TEXT } from '../shared/i18n-notices';
import { useObjectToPosting, usePortalNotices, usePortalStatutoryPostings, type PortalStatutoryPosting } from './notice-queries';
import './notices.css';

/**
 * 法定公示 in the owner portal (issue 13 item 6): what the company must post to the owners of the
 * owner's projects (民法典 第943条) — the posting in force of each schedule, earlier ones folded away —
 * and a form to object to one. An objection becomes the owner's case (an inquiry with a 3-day reply
 * clock), shown on the posting as 我的异议 and in 我的报事.
 */

/** 通知公告 and 法定公示: the two pages of the portal's notices section. */
export function NoticeTabs({ lang, current, onGo }: { lang: Lang; current: 'notices' | 'statutory'; onGo: (page: 'notices' | 'statutory') => void }) {
  const t = dictionary(lang);
  const tab = (page: 'notices' | 'statutory', text: string) => (
    <button type="button" className={current === page ? 'on' : ''} onClick={() => onGo(page)} data-tab={page} aria-pressed={current === page}>
      {text}
    </button>
  );
  return (
    <div className="subnav">
      {tab('notices', t.notices)}
      {tab('statutory', t.statutory)}
    </div>
  );
}

export function PortalStatutory({
  lang,
  onGo,
  onOpenNotice,
  onOpenCase,
}: {
  lang: Lang;
  onGo: (page: 'notices' | 'statutory') => void;
  onOpenNotice: (id: string) => void;
  onOpenCase: (id: string) => void;
}) {
  const t = dictionary(lang);
  const { data: postings, error } = usePortalStatutoryPostings();
  // a posting's notice is opened only while it is in force for the owner's homes (the portal lists those)
  const notices = new Set((usePortalNotices().data ?? []).map((n) => n.id));
  const inForce = (postings ?? []).filter((p) => p.inForce);
  const earlier = (postings ?? []).filter((p) => !p.inForce);
  const projects = new Set((postings ?? []).map((p) => p.projectId));
  const card = (p: PortalStatutoryPosting) => (
    <PostingCard
      key={p.id}
      lang={lang}
      posting={p}
      withProject={projects.size > 1}
      onOpenNotice={p.noticeId && notices.has(p.noticeId) ? () => onOpenNotice(p.noticeId!) : null}
      onOpenCase={onOpenCase}
    />
  );
  return (
    <div data-testid="portal-statutory">
      <NoticeTabs lang={lang} current="statutory" onGo={onGo} />
      <h2>{t.statutory}</h2>
      <p className="muted">{t.pnStatHelp}</p>
      {!postings &&
        (error ? (
          <div className="error" role="alert">
            {(error as ApiError).message}
          </div>
        ) : (
          <p>{t.loading}</p>
        ))}
      {postings && inForce.length === 0 && <p className="muted">{t.pnStatNone}</p>}
      {inForce.map(card)}
      {earlier.length > 0 && (
        <details className="earlier" data-testid="statutory-earlier">
          <summary>{t.pnStatEarlier.replace('{n}', String(earlier.length))}</summary>
          {earlier.map(card)}
        </details>
      )}
    </div>
  );
}

function PostingCard({
  lang,
  posting: p,
  withProject,
  onOpenNotice,
  onOpenCase,
}: {
  lang: Lang;
  posting: PortalStatutoryPosting;
  withProject: boolean;
  onOpenNotice: (() => void) | null;
  onOpenCase: (id: string) => void;
}) {
  const t = dictionary(lang);
  const object = useObjectToPosting();
  const [open, setOpen] = useState(false);
  const [content, setContent] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sent, setSent] = useState<{ id: string; number: string } | null>(null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!content.trim()) return setProblem(t.pnStatObjectionRequired);
    setProblem(null);
    try {
      const r = await object.mutateAsync({ id: p.id, content: content.trim() });
      setSent({ id: r.case.id, number: r.case.number });
      setContent('');
      setOpen(false);
    } catch (failure) {
      setProblem((failure as ApiError).message);
    }
  };
  return (
    <article className="card posting" data-posting={p.id} data-in-force={p.inForce}>
      <span className="tag">{label(STATUTORY_SUBJECT_TEXT, p.subject, lang)}</span> <strong>{p.title}</strong>
      <div className="muted">
        {withProject ? `${p.projectName} · ` : ''}
        {t.pnStatPostedOn} {p.postedOn}
        {p.inForce ? '' : ` · ${t.pnStatReplaced}`}
      </div>
      {p.myObjections.map((o) => (
        <div key={o.caseId} className="muted" data-objection={o.caseNumber}>
          {t.pnStatMyObjection}：{o.caseNumber} · {label(STATUS_LABELS, o.caseStatus, lang)}{' '}
          <button type="button" className="link" onClick={() => onOpenCase(o.caseId)}>
            {t.pnStatOpenCase}
          </button>
        </div>
      ))}
      {sent && (
        <div className="notice-sent" role="status" data-testid="objection-sent">
          {t.pnStatObjected.replace('{number}', sent.number)}{' '}
          <button type="button" className="link" onClick={() => onOpenCase(sent.id)}>
            {t.pnStatOpenCase}
          </button>
        </div>
      )}
      {open ? (
        <form onSubmit={submit} data-testid="objection-form">
          <label>
            {t.pnStatObjection}
            <textarea name="content" rows={4} maxLength={TEXT_LIMITS.long} value={content} onChange={(e) => setContent(e.target.value)} />
          </label>
          <small className="muted">{t.pnStatObjectionHint}</small>
          {problem && (
            <div className="error" role="alert">
              {problem}
            </div>
          )}
          <div className="row actions">
            <button type="button" onClick={() => setOpen(false)}>
              {t.cancel}
            </button>
            <button type="submit" className="primary" disabled={object.isPending}>
              {t.submit}
            </button>
          </div>
        </form>
      ) : (
        <div className="row actions">
          {onOpenNotice ? (
            <button type="button" className="link" onClick={onOpenNotice}>
              {t.pnStatOpenNotice}
            </button>
          ) : (
            <span />
          )}
          <button type="button" onClick={() => setOpen(true)} data-testid="posting-object">
            {t.pnStatObject}
          </button>
        </div>
      )}
    </article>
  );
}
