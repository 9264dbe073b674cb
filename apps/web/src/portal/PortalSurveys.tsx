import { useState } from 'react';
import { SURVEY_AREA_LABELS } from '@guanjia/vocabulary';
import type { ApiError } from '../shared/api';
import { dictionary, type Lang } from '../shared/i18n';
import { surveyText } from '../shared/i18n-surveys';
import { useAnswerSurvey, usePortalSurveys, type PortalSurvey } from './survey-queries';

/**
 * 满意度调查 in the owner portal (issue 14 item 4): the running surveys the owner's homes are sampled in;
 * each answered on one page (made for a phone's width): every item's five answers as large choices, a
 * free comment, one submit; a 管家评价 names the steward rated above its items. The server's refusals
 * (an item left out, the end date passed, answered already) are shown as they come.
 */
export function PortalSurveys({ lang }: { lang: Lang }) {
  const { data: surveys, error } = usePortalSurveys();
  const [open, setOpen] = useState<string | null>(null);
  const t = dictionary(lang);
  const chosen = surveys?.find((s) => `${s.id}:${s.unitId}` === open);
  if (chosen) return <SurveyForm key={open} lang={lang} survey={chosen} onBack={() => setOpen(null)} />;
  return (
    <div data-testid="portal-surveys">
      <h2>{surveyText(lang, 'surveys')}</h2>
      {!surveys && (error ? <div className="error">{(error as ApiError).message}</div> : <p>{t.loading}</p>)}
      {surveys?.length === 0 && <p className="muted">{surveyText(lang, 'noSurveys')}</p>}
      {surveys?.map((s) => (
        <button key={`${s.id}:${s.unitId}`} className="card notice" data-survey={s.id} onClick={() => setOpen(`${s.id}:${s.unitId}`)}>
          <span className="tag">{surveyText(lang, s.status === 'answered' ? 'answered' : 'pending')}</span> <strong>{s.title}</strong>
          <div className="muted">
            {s.projectName} · {s.unitLabel} · {surveyText(lang, 'answerBy', { date: s.endsOn })}
          </div>
          {s.stewardName && <div className="muted">{surveyText(lang, 'yourSteward', { name: s.stewardName })}</div>}
        </button>
      ))}
    </div>
  );
}

function SurveyForm({ lang, survey, onBack }: { lang: Lang; survey: PortalSurvey; onBack: () => void }) {
  const t = dictionary(lang);
  const answer = useAnswerSurvey();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const done = survey.status === 'answered' || answer.isSuccess;
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (survey.items.some((i) => scores[i.id] === undefined)) return setMissing(true);
    setMissing(false);
    answer.mutate({ id: survey.id, body: { unitId: survey.unitId, scores, comment: comment.trim() || null } });
  };
  return (
    <div>
      <button type="button" className="link" onClick={onBack}>
        ← {t.back}
      </button>
      <form className="card survey" onSubmit={submit} data-testid="survey-form">
        <h2>{survey.title}</h2>
        <div className="muted">
          {survey.unitLabel} · {surveyText(lang, 'answerBy', { date: survey.endsOn })}
        </div>
        {done ? (
          <p role="status" data-testid="survey-thanks">
            {surveyText(lang, 'thanks')}
          </p>
        ) : (
          <>
            {survey.kind === 'steward_rating' && survey.stewardName && (
              <p className="survey-steward" data-testid="survey-steward">
                <strong>{surveyText(lang, 'rateSteward', { name: survey.stewardName })}</strong>
              </p>
            )}
            {survey.items.map((item, n) => (
              <fieldset key={item.id} className="survey-item" data-question={item.id}>
                <legend>
                  {n + 1}. {item.text} <span className="muted">（{SURVEY_AREA_LABELS[item.area][lang]}）</span>
                </legend>
                {item.options.map((o) => (
                  <label key={o.score} className={`survey-option${scores[item.id] === o.score ? ' on' : ''}`}>
                    <input
                      type="radio"
                      name={item.id}
                      value={o.score}
                      checked={scores[item.id] === o.score}
                      onChange={() => setScores({ ...scores, [item.id]: o.score })}
                    />
                    {o.label}
                  </label>
                ))}
              </fieldset>
            ))}
            <label className="survey-comment">
              {survey.commentPrompt ?? surveyText(lang, 'comment')}
              <textarea value={comment} maxLength={2000} rows={3} onChange={(e) => setComment(e.target.value)} />
            </label>
            {missing && <div className="error">{surveyText(lang, 'chooseEach')}</div>}
            {answer.error && (
              <div className="error" role="alert">
                {(answer.error as ApiError).message}
              </div>
            )}
            <button type="submit" className="primary" disabled={answer.isPending}>
              {surveyText(lang, 'submit')}
            </button>
          </>
        )}
      </form>
    </div>
  );
}
