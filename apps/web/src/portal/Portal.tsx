import { QueryClientProvider } from '@tanstack/react-query';
import { RATING_SCORE_LABELS, TEXT_LIMITS } from '@guanjia/vocabulary';
import { useState } from 'react';
import { ApiError, newIdempotencyKey, ownerApi as api, session, setApiLanguage, type CaseCommand } from '../shared/api';
import { formatInstant } from '../shared/format';
import { CASE_TYPE_LABELS, EVENT_LABELS, STATUS_LABELS, dictionary, initialLang, label, type Lang } from '../shared/i18n';
import { LiveProvider } from '../shared/live';
import { newQueryClient } from '../shared/query-client';
import { DemoBanner } from '../shared/DemoBanner';
import {
  useCaseCommand,
  useMyCase,
  useMyCases,
  useMyRating,
  useMyUnits,
  useNewCase,
  usePortalLiveInvalidation,
  useProjectZones,
  type CaseType,
} from './queries';
import { ratingText } from './rating-text';
import { PortalMessageSettings } from './PortalMessageSettings';
import { PortalNav } from './PortalNav';
import { PortalNoticeDetail, PortalNotices } from './PortalNotices';
import { PortalStatutory } from './PortalStatutory';
import { PortalSurveys } from './PortalSurveys';

/**
 * The owner portal (业主端), mobile first: sign in, report a repair, complaint, inquiry or
 * suggestion with photos, follow one's own cases, reply, confirm the result and rate it.
 */
const CASE_TYPES: readonly CaseType[] = ['repair', 'complaint', 'inquiry', 'suggestion'];

const queryClient = newQueryClient();

type View =
  | { page: 'list' }
  | { page: 'new' }
  | { page: 'case'; id: string }
  | { page: 'password' }
  | { page: 'notices' }
  | { page: 'notice'; id: string }
  | { page: 'statutory' }
  | { page: 'settings' }
  | { page: 'surveys' };

/** The first page: a notice when the link of a message named one (…/portal/#/notices/<id>), else the owner's cases. */
function initialView(): View {
  const notice = /^#\/notices\/([^/?#]+)/.exec(location.hash)?.[1];
  if (/^#\/surveys/.test(location.hash)) return { page: 'surveys' }; // a survey invitation's link
  if (/^#\/statutory/.test(location.hash)) return { page: 'statutory' };
  return notice ? { page: 'notice', id: decodeURIComponent(notice) } : { page: 'list' };
}

export function Portal() {
  return (
    <QueryClientProvider client={queryClient}>
      <PortalPages />
    </QueryClientProvider>
  );
}

function PortalPages() {
  const [lang, setLang] = useState<Lang>(initialLang());
  const t = dictionary(lang);
  const [signedIn, setSignedIn] = useState(!!session.token);
  const [view, setView] = useState<View>(initialView);
  setApiLanguage(lang);
  const switchLang = () => {
    const next = lang === 'en' ? 'zh-CN' : 'en';
    localStorage.setItem('gj_lang', next);
    setLang(next);
  };
  if (!signedIn)
    return (
      <Shell title={t.portalName} onLang={switchLang} langLabel={t.language}>
        <Login lang={lang} onDone={() => setSignedIn(true)} />
      </Shell>
    );
  return (
    <Shell
      title={t.portalName}
      onLang={switchLang}
      langLabel={t.language}
      onSignOut={async () => {
        await api('POST /api/auth/logout').catch(() => {});
        session.token = null;
        queryClient.clear(); // the next owner on this device sees none of these cases
        setSignedIn(false);
      }}
      signOutLabel={t.signOut}
      onAccount={() => setView({ page: 'password' })}
      accountLabel={t.changePassword}
    >
      <LiveProvider enabled>
        <LiveInvalidation />
        <DemoBanner lang={lang} />
        <PortalNav
          lang={lang}
          current={
            view.page === 'list'
              ? 'cases'
              : view.page === 'statutory'
                ? 'notices'
                : view.page === 'notices' || view.page === 'settings' || view.page === 'surveys'
                  ? view.page
                  : null
          }
          onGo={(section) => setView({ page: section === 'cases' ? 'list' : section })}
        />
        {view.page === 'notices' && <PortalNotices lang={lang} onOpen={(id) => setView({ page: 'notice', id })} onGo={(page) => setView({ page })} />}
        {view.page === 'statutory' && (
          <PortalStatutory
            lang={lang}
            onGo={(page) => setView({ page })}
            onOpenNotice={(id) => setView({ page: 'notice', id })}
            onOpenCase={(id) => setView({ page: 'case', id })}
          />
        )}
        {view.page === 'notice' && <PortalNoticeDetail key={view.id} lang={lang} id={view.id} onBack={() => setView({ page: 'notices' })} />}
        {view.page === 'surveys' && <PortalSurveys lang={lang} />}
        {view.page === 'settings' && <PortalMessageSettings lang={lang} onBack={() => setView({ page: 'list' })} />}
        {view.page === 'list' && <MyCases lang={lang} onOpen={(id) => setView({ page: 'case', id })} onNew={() => setView({ page: 'new' })} />}
        {view.page === 'new' && <NewCase lang={lang} onDone={(id) => setView({ page: 'case', id })} onBack={() => setView({ page: 'list' })} />}
        {view.page === 'case' && <CaseDetail lang={lang} id={view.id} onBack={() => setView({ page: 'list' })} />}
        {view.page === 'password' && <ChangePassword lang={lang} onBack={() => setView({ page: 'list' })} />}
      </LiveProvider>
    </Shell>
  );
}

/** The tab's one live stream (inside LiveProvider) invalidating the owner's case queries. */
function LiveInvalidation() {
  usePortalLiveInvalidation();
  return null;
}

function Shell(props: {
  title: string;
  children: React.ReactNode;
  onLang: () => void;
  langLabel: string;
  onSignOut?: () => void;
  signOutLabel?: string;
  onAccount?: () => void;
  accountLabel?: string;
}) {
  return (
    <div className="shell">
      <header>
        <strong>{props.title}</strong>
        <span>
          <button className="link" onClick={props.onLang}>
            {props.langLabel}
          </button>
          {props.onAccount && (
            <button className="link" onClick={props.onAccount} data-testid="portal-account">
              {props.accountLabel}
            </button>
          )}
          {props.onSignOut && (
            <button className="link" onClick={props.onSignOut}>
              {props.signOutLabel}
            </button>
          )}
        </span>
      </header>
      <main>{props.children}</main>
    </div>
  );
}

/** A field's error from the server's problem (code, message, field) shown next to it; else a failed load's. */
function useProblem(loadError: ApiError | null = null) {
  const [ownProblem, setProblem] = useState<ApiError | null>(null);
  const problem = ownProblem ?? loadError;
  const fieldError = (field: string) =>
    problem && problem.field === field ? (
      <div className="error" role="alert">
        {problem.message}
      </div>
    ) : null;
  const general =
    problem && !['login', 'password', 'description', 'type', 'rating', 'content'].includes(problem.field ?? '') ? (
      <div className="error" role="alert">
        {problem.message}
      </div>
    ) : null;
  return { problem, setProblem, fieldError, general };
}

/** Changing one's own portal password: the current one, the new one twice; the server checks the policy and ends other sessions. */
function ChangePassword({ lang, onBack }: { lang: Lang; onBack: () => void }) {
  const t = dictionary(lang);
  const [fields, setFields] = useState({ currentPassword: '', newPassword: '', confirm: '' });
  const [problem, setProblem] = useState<{ field: string; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const set = (name: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [name]: e.target.value });
  const error = (field: string) =>
    problem?.field === field ? (
      <div className="error" role="alert">
        {problem.message}
      </div>
    ) : null;
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (fields.newPassword !== fields.confirm) return setProblem({ field: 'confirm', message: t.passwordsDiffer });
    try {
      await api('POST /api/auth/password', { body: { currentPassword: fields.currentPassword, newPassword: fields.newPassword } });
      setProblem(null);
      setDone(true);
    } catch (failure) {
      const apiError = failure as ApiError;
      setProblem({ field: apiError.field === 'currentPassword' ? 'currentPassword' : 'newPassword', message: apiError.message });
    }
  };
  if (done)
    return (
      <div className="card" data-testid="password-changed">
        <p>{t.ownerPasswordChanged}</p>
        <button className="primary" onClick={onBack}>
          {t.back}
        </button>
      </div>
    );
  return (
    <form className="card" onSubmit={submit}>
      <button type="button" className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <label>
        {t.currentPassword}
        <input name="currentPassword" type="password" value={fields.currentPassword} onChange={set('currentPassword')} autoComplete="current-password" />
      </label>
      {error('currentPassword')}
      <label>
        {t.newPassword}
        <input name="newPassword" type="password" value={fields.newPassword} onChange={set('newPassword')} autoComplete="new-password" />
      </label>
      <small>{t.passwordRules}</small>
      {error('newPassword')}
      <label>
        {t.confirmPassword}
        <input name="confirm" type="password" value={fields.confirm} onChange={set('confirm')} autoComplete="new-password" />
      </label>
      {error('confirm')}
      <button type="submit" className="primary">
        {t.changePassword}
      </button>
    </form>
  );
}

function Login({ lang, onDone }: { lang: Lang; onDone: () => void }) {
  const t = dictionary(lang);
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const { setProblem, fieldError, general } = useProblem();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const r = await api('POST /api/portal/login', { body: { login, password } });
      session.token = r.token;
      onDone();
    } catch (error) {
      setProblem(error as ApiError);
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <label>
        {t.phone}
        <input name="login" value={login} onChange={(e) => setLogin(e.target.value)} inputMode="tel" autoComplete="username" />
      </label>
      {fieldError('login')}
      <label>
        {t.password}
        <input name="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="current-password" />
      </label>
      {fieldError('password')}
      {general}
      <button type="submit" className="primary">
        {t.signIn}
      </button>
    </form>
  );
}

function MyCases({ lang, onOpen, onNew }: { lang: Lang; onOpen: (id: string) => void; onNew: () => void }) {
  const t = dictionary(lang);
  const { data: items, error } = useMyCases();
  const zones = useProjectZones();
  return (
    <div>
      <div className="row">
        <h2>{t.myCases}</h2>
        <button className="primary" onClick={onNew}>
          {t.newCase}
        </button>
      </div>
      {!items &&
        (error ? (
          <div className="error" role="alert">
            {error.message}
          </div>
        ) : (
          <p>{t.loading}</p>
        ))}
      {items?.map((c) => (
        <button key={c.id} className="card case" onClick={() => onOpen(c.id)} data-case={c.number}>
          <span className="tag">{label(CASE_TYPE_LABELS, c.type, lang)}</span> <strong>{c.title}</strong>
          <div className="muted">
            {c.number} · {label(STATUS_LABELS, c.status, lang)} · {formatInstant(c.createdAt, zones[c.projectId], lang)}
          </div>
        </button>
      ))}
    </div>
  );
}

function NewCase({ lang, onDone, onBack }: { lang: Lang; onDone: (id: string) => void; onBack: () => void }) {
  const t = dictionary(lang);
  const myUnits = useMyUnits();
  const units = myUnits.data ?? [];
  const [chosenUnit, setUnitId] = useState('');
  const unitId = chosenUnit || (units[0]?.unitId ?? '');
  const [type, setType] = useState<CaseType>('repair');
  const [description, setDescription] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [key] = useState(newIdempotencyKey());
  const create = useNewCase(key);
  const { setProblem, fieldError, general } = useProblem(myUnits.error as ApiError | null);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    const unit = units.find((u) => u.unitId === unitId);
    // checked here first, in plain words: the server's own refusal names the field more technically
    if (!unit) return setProblem(new ApiError(400, 'FIELD_REQUIRED', t.unitRequired, 'unitId'));
    if (!description.trim()) return setProblem(new ApiError(400, 'FIELD_REQUIRED', t.describeRequired, 'description'));
    setProblem(null);
    try {
      const r = await create.mutateAsync({
        projectId: unit.projectId,
        unitId: unit.unitId,
        type,
        channel: 'portal',
        description,
        files,
        ...(type === 'repair' ? { repairGrade: 'normal' as const } : {}),
      });
      onDone(r.case.id);
    } catch (error) {
      setProblem(error as ApiError);
    }
  };
  return (
    <form className="card" onSubmit={submit}>
      <button type="button" className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <label>
        {t.unit}
        <select value={unitId} onChange={(e) => setUnitId(e.target.value)}>
          {units.map((u) => (
            <option key={u.unitId} value={u.unitId}>
              {u.projectName} {u.buildingName} {u.unitCode}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t.type}
        <select name="type" value={type} onChange={(e) => setType(e.target.value as CaseType)}>
          {CASE_TYPES.map((k) => (
            <option key={k} value={k}>
              {label(CASE_TYPE_LABELS, k, lang)}
            </option>
          ))}
        </select>
      </label>
      {fieldError('type')}
      <label>
        {t.description}
        <textarea name="description" rows={4} maxLength={TEXT_LIMITS.long} value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      {fieldError('description')}
      <label>
        {t.photos}
        <input name="photos" type="file" accept="image/*" multiple onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </label>
      {general}
      <button type="submit" className="primary" disabled={create.isPending}>
        {t.submit}
      </button>
    </form>
  );
}

function CaseDetail({ lang, id, onBack }: { lang: Lang; id: string; onBack: () => void }) {
  const t = dictionary(lang);
  const myCase = useMyCase(id);
  const run = useCaseCommand(id);
  const [reply, setReply] = useState('');
  // no stars until the owner picks them (a fact is stated, never assumed); satisfied without stars sends none
  const [rating, setRating] = useState(0);
  const zones = useProjectZones();
  const [opinion, setOpinion] = useState('');
  const [stars, setStars] = useState(0);
  const [speedStars, setSpeedStars] = useState(0);
  const [technicianStars, setTechnicianStars] = useState(0);
  const [rateComment, setRateComment] = useState('');
  const myRating = useMyRating(id, myCase.data?.case.rating !== null && myCase.data?.case.rating !== undefined).data?.rating ?? null;
  const { setProblem, fieldError, general } = useProblem(myCase.error as ApiError | null);
  const c = myCase.data?.case;
  const { allowed = [], events = [], pdfs = new Map<string, string>() } = myCase.data ?? {};
  const act = async (cmd: CaseCommand) => {
    try {
      setProblem(null);
      await run.mutateAsync({ cmd, ...(c ? { version: c.version } : {}) });
      return true;
    } catch (error) {
      setProblem(error as ApiError);
      return false;
    }
  };
  if (!c) return <div className="card">{general ?? t.loading}</div>;
  return (
    <div>
      <button className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <div className="card">
        <span className="tag">{label(CASE_TYPE_LABELS, c.type, lang)}</span> <strong>{c.title}</strong>
        <div className="muted" data-testid="status">
          {c.number} · {label(STATUS_LABELS, c.status, lang)}
        </div>
        <p>{c.description}</p>
        {c.satisfied !== null && (
          <div data-testid="verdict">
            {t.verdict}：<span className={c.satisfied ? 'ok' : 'bad'}>{c.satisfied ? t.satisfied : t.notSatisfied}</span>
            {c.reopenCount > 0 && (
              <span className="muted">
                {' '}
                · {t.reworkTimes} {c.reopenCount}
              </span>
            )}
          </div>
        )}
        {c.rating !== null && (
          <div data-testid="rating">
            {t.rating}：<Stars value={c.rating} label={t.rating} />
            {myRating?.speed != null && (
              <div>
                {RATING_SCORE_LABELS.speed[lang]}：<Stars value={myRating.speed} label={RATING_SCORE_LABELS.speed[lang]} />
              </div>
            )}
            {myRating?.technician != null && (
              <div>
                {RATING_SCORE_LABELS.technician[lang]}：<Stars value={myRating.technician} label={RATING_SCORE_LABELS.technician[lang]} />
              </div>
            )}
            {myRating?.reply && (
              <div className="muted" data-testid="rating-reply">
                {ratingText('reply', lang)}：{myRating.reply}
              </div>
            )}
          </div>
        )}
      </div>
      {allowed.includes('record_satisfaction') && (
        <div className="card" data-testid="confirm">
          <strong>{t.confirmResult}</strong>
          <label>
            {t.rating}
            <select name="rating" value={rating} onChange={(e) => setRating(Number(e.target.value))}>
              <option value={0}>{t.ratingOptional}</option>
              {[5, 4, 3, 2, 1].map((n) => (
                <option key={n} value={n}>
                  {'★'.repeat(n)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t.opinion}
            <input name="opinion" maxLength={TEXT_LIMITS.text} value={opinion} onChange={(e) => setOpinion(e.target.value)} />
          </label>
          <div className="row">
            <button
              className="primary"
              onClick={() => act({ type: 'record_satisfaction', satisfied: true, ...(rating ? { rating } : {}), ...(opinion ? { opinion } : {}) })}
            >
              {t.satisfied}
            </button>
            <button onClick={() => act({ type: 'record_satisfaction', satisfied: false, ...(opinion ? { opinion } : {}) })}>{t.notSatisfied}</button>
          </div>
          {fieldError('rating')}
        </div>
      )}
      {allowed.includes('rate') && (
        <form
          className="card"
          data-testid="rate"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!stars) return setProblem(new ApiError(400, 'FIELD_REQUIRED', t.ratingRequired, 'rating'));
            const scores = { ...(speedStars ? { speed: speedStars } : {}), ...(technicianStars ? { technician: technicianStars } : {}) };
            if (await act({ type: 'rate', rating: stars, ...scores, ...(rateComment.trim() ? { comment: rateComment.trim() } : {}) })) setRateComment('');
          }}
        >
          <strong>{c.rating === null ? t.rateService : t.rateAgain}</strong>
          <div>
            {RATING_SCORE_LABELS.overall[lang]} <Stars value={stars} onChange={setStars} label={RATING_SCORE_LABELS.overall[lang]} />
          </div>
          <div data-testid="rate-speed">
            {RATING_SCORE_LABELS.speed[lang]}
            {ratingText('optional', lang)} <Stars value={speedStars} onChange={setSpeedStars} label={RATING_SCORE_LABELS.speed[lang]} />
          </div>
          <div data-testid="rate-technician">
            {RATING_SCORE_LABELS.technician[lang]}
            {ratingText('optional', lang)} <Stars value={technicianStars} onChange={setTechnicianStars} label={RATING_SCORE_LABELS.technician[lang]} />
          </div>
          {fieldError('speed')}
          {fieldError('technician')}
          <label>
            {t.rateComment}
            <input name="rateComment" maxLength={TEXT_LIMITS.text} value={rateComment} onChange={(e) => setRateComment(e.target.value)} />
          </label>
          {fieldError('rating')}
          <button type="submit" className="primary">
            {t.submitRating}
          </button>
        </form>
      )}
      <div className="card">
        <strong>{t.timeline}</strong>
        <ol className="timeline">
          {events.map((e) => (
            <li key={e.id} className={e.direction === 'inbound' ? 'in' : 'out'}>
              <div className="muted">
                {formatInstant(e.at, zones[c.projectId], lang)} · {label(EVENT_LABELS, e.type, lang)}
              </div>
              {e.content && <div>{e.content}</div>}
              {e.attachmentIds.map((a) =>
                pdfs.has(a) ? (
                  <a key={a} href={`/api/attachments/${a}`} download={pdfs.get(a)} className="file">
                    PDF · {pdfs.get(a)}
                  </a>
                ) : (
                  <img key={a} src={`/api/attachments/${a}`} alt="" className="thumb" />
                ),
              )}
            </li>
          ))}
        </ol>
      </div>
      {allowed.includes('message') && (
        <form
          className="card"
          onSubmit={async (e) => {
            e.preventDefault();
            if (!reply.trim()) return setProblem(new ApiError(400, 'FIELD_REQUIRED', t.messageRequired, 'content'));
            if (await act({ type: 'message', direction: 'inbound', content: reply })) setReply('');
          }}
        >
          <label>
            {t.leaveMessage}
            <textarea name="reply" rows={2} maxLength={TEXT_LIMITS.text} value={reply} onChange={(e) => setReply(e.target.value)} />
          </label>
          {fieldError('content')}
          <button type="submit">{t.send}</button>
        </form>
      )}
      {general}
    </div>
  );
}

/** Star ratings (1–5): read-only, or picked by tapping a star. */
function Stars({ value, onChange, label }: { value: number; onChange?: (n: number) => void; label: string }) {
  if (!onChange)
    return (
      <span className="stars" role="img" aria-label={`${label} ${value}/5`}>
        {'★'.repeat(value)}
        <span className="off">{'★'.repeat(5 - value)}</span>
      </span>
    );
  return (
    <span className="stars" role="radiogroup" aria-label={label}>
      {[1, 2, 3, 4, 5].map((n) => (
        <button
          key={n}
          type="button"
          role="radio"
          aria-checked={value === n}
          aria-label={`${n}/5`}
          className={n <= value ? 'star on' : 'star off'}
          onClick={() => onChange(n)}
          data-star={n}
        >
          ★
        </button>
      ))}
    </span>
  );
}
