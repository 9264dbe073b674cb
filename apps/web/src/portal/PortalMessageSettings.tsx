import { NOTICE_CHANNELS, NOTICE_KINDS, type NoticeChannel, type NoticeKind } from '@guanjia/vocabulary';
import { useEffect, useState } from 'react';
import type { ApiError } from '../shared/api';
import { dictionary, label, type Lang } from '../shared/i18n';
import { DELIVERY_CHANNEL_LABELS } from '../shared/i18n-messaging';
import { NOTICE_KIND_TEXT } from '../shared/i18n-notices';
import { useMessageSettings, useSaveMessageSettings, type MessageSettings } from './notice-queries';
import './notices.css';

/**
 * 消息设置 in the owner portal (issue 13 items 3 and 7): the channel tried first (短信, 微信, 电子邮件,
 * or none: the company's order), 免打扰 times (common messages wait until they end; emergencies come
 * anyway), and kinds of common notice muted per channel (an emergency notice always comes).
 */
export function PortalMessageSettings({ lang, onBack }: { lang: Lang; onBack: () => void }) {
  const t = dictionary(lang);
  const loaded = useMessageSettings();
  const save = useSaveMessageSettings();
  const [draft, setDraft] = useState<MessageSettings | null>(null);
  const [done, setDone] = useState(false);
  useEffect(() => {
    if (loaded.data && !draft) setDraft(loaded.data);
  }, [loaded.data, draft]);
  if (!draft)
    return (
      <div className="card">
        {loaded.error ? (
          <div className="error" role="alert">
            {(loaded.error as ApiError).message}
          </div>
        ) : (
          t.loading
        )}
      </div>
    );
  const change = (patch: Partial<MessageSettings>) => {
    setDone(false);
    setDraft({ ...draft, ...patch });
  };
  const muted = (kind: NoticeKind, channel: NoticeChannel) => draft.mutes.some((m) => m.kind === kind && m.channel === channel);
  const toggleMute = (kind: NoticeKind, channel: NoticeChannel) =>
    change({
      mutes: muted(kind, channel) ? draft.mutes.filter((m) => !(m.kind === kind && m.channel === channel)) : [...draft.mutes, { kind, channel }],
    });
  const setSpan = (i: number, key: 'from' | 'to', value: string) =>
    change({ doNotDisturb: draft.doNotDisturb.map((s, j) => (j === i ? { ...s, [key]: value } : s)) });
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const saved = await save.mutateAsync({ preferredChannel: draft.preferredChannel, doNotDisturb: draft.doNotDisturb, mutes: draft.mutes });
      setDraft(saved);
      setDone(true);
    } catch {
      setDone(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} data-testid="message-settings">
      <button type="button" className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <h2>{t.messaging}</h2>
      <fieldset style={{ border: 'none', padding: 0, margin: 0 }}>
        <legend>{t.pnPreferredChannel}</legend>
        {[null, ...NOTICE_CHANNELS].map((c) => (
          <label key={c ?? 'none'} className="choice">
            <input
              type="radio"
              name="preferredChannel"
              checked={draft.preferredChannel === c}
              onChange={() => change({ preferredChannel: c })}
              value={c ?? ''}
            />
            {c ? label(DELIVERY_CHANNEL_LABELS, c, lang) : t.pnNoPreference}
          </label>
        ))}
      </fieldset>
      <h2>{t.pnQuietHours}</h2>
      <p className="muted">{t.pnQuietHoursHint}</p>
      {draft.doNotDisturb.map((s, i) => (
        <div className="span-row" key={i} data-testid="quiet-span">
          <input type="time" aria-label={t.pnFrom} value={s.from} onChange={(e) => setSpan(i, 'from', e.target.value)} required />
          <span>–</span>
          <input type="time" aria-label={t.pnTo} value={s.to} onChange={(e) => setSpan(i, 'to', e.target.value)} required />
          <button type="button" onClick={() => change({ doNotDisturb: draft.doNotDisturb.filter((_, j) => j !== i) })}>
            {t.pnRemove}
          </button>
        </div>
      ))}
      {draft.doNotDisturb.length < 10 && (
        <button type="button" onClick={() => change({ doNotDisturb: [...draft.doNotDisturb, { from: '22:00', to: '07:00' }] })} data-testid="quiet-add">
          {t.pnAddQuiet}
        </button>
      )}
      <h2>{t.pnMutes}</h2>
      <p className="muted">{t.pnMutesHint}</p>
      <table className="settings-grid">
        <thead>
          <tr>
            <th>{t.ntcKind}</th>
            {NOTICE_CHANNELS.map((c) => (
              <th key={c}>{label(DELIVERY_CHANNEL_LABELS, c, lang)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {NOTICE_KINDS.map((k) => (
            <tr key={k}>
              <td>{label(NOTICE_KIND_TEXT, k, lang)}</td>
              {NOTICE_CHANNELS.map((c) => (
                <td key={c}>
                  <input
                    type="checkbox"
                    checked={muted(k, c)}
                    onChange={() => toggleMute(k, c)}
                    aria-label={`${t.pnMute} ${label(NOTICE_KIND_TEXT, k, lang)} ${label(DELIVERY_CHANNEL_LABELS, c, lang)}`}
                    data-mute={`${k}:${c}`}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {save.error && (
        <div className="error" role="alert">
          {(save.error as ApiError).message}
        </div>
      )}
      {done && (
        <p className="ok" data-testid="settings-saved">
          {t.pnSaved}
        </p>
      )}
      <button type="submit" className="primary" disabled={save.isPending} style={{ marginTop: 12 }}>
        {t.save}
      </button>
    </form>
  );
}
