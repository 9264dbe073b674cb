import { findForbiddenPhrases } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Checkbox, Input } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../shared/api';
import { useI18n } from '../shared/i18n';

/** The query key of the company's barred phrases: the guard and the administration tab share one copy. */
export const phraseListKey = ['service-language'] as const;
const NO_PHRASES: readonly string[] = [];

/**
 * The company's barred phrases (服务忌语), one query shared by every form and by administration's
 * 服务忌语 tab (its save invalidates this key). They change rarely: kept 5 minutes, and fetched again
 * at once when the server flags a text the page let through.
 */
export function usePhraseList() {
  return useQuery({ queryKey: phraseListKey, queryFn: () => api('GET /api/service-language'), staleTime: 5 * 60_000 });
}

/**
 * The service-language guard before sending (the server's verdict, with the company's list): a text
 * with barred phrases is blocked until the sender chooses 仍然发送 and types a reason. `blocked` stops
 * every way of sending (button, Ctrl+Enter); the server refuses anyway.
 */
export function useLanguageGuard(text: string) {
  const client = useQueryClient();
  const phrases = usePhraseList().data?.phrases ?? NO_PHRASES; // while loading, or refused: none (the server still checks)
  const [chosen, setChosen] = useState(false);
  const [reason, setReason] = useState('');
  const flagged = findForbiddenPhrases(text, phrases);
  const overridden = flagged.length > 0 && chosen && reason.trim().length > 0;
  return {
    flagged,
    blocked: flagged.length > 0 && !overridden,
    languageOverride: overridden ? { reason: reason.trim() } : undefined,
    reset: () => {
      setChosen(false);
      setReason('');
    },
    /** After the server flagged what the page let through (the list changed since it loaded): fetch it again. */
    refreshAfter: (e: unknown) => {
      if (e instanceof ApiError && e.code === 'SERVICE_LANGUAGE_FLAGGED') void client.invalidateQueries({ queryKey: phraseListKey });
    },
    panel: flagged.length > 0 && <Verdict flagged={flagged} chosen={chosen} onChoose={setChosen} reason={reason} onReason={setReason} />,
  };
}

function Verdict(props: { flagged: string[]; chosen: boolean; onChoose: (v: boolean) => void; reason: string; onReason: (v: string) => void }) {
  const { t } = useI18n();
  return (
    <Alert
      style={{ marginTop: 8 }}
      type="error"
      showIcon
      data-testid="language-verdict"
      message={`${t.barredPhrases}：${props.flagged.join('、')}`}
      description={
        <>
          <Checkbox checked={props.chosen} onChange={(e) => props.onChoose(e.target.checked)} data-testid="language-override">
            {t.overrideLanguage}
          </Checkbox>
          {props.chosen && (
            <Input
              style={{ marginTop: 8 }}
              placeholder={t.overrideReason}
              value={props.reason}
              onChange={(e) => props.onReason(e.target.value)}
              data-testid="language-override-reason"
              status={props.reason.trim() ? undefined : 'error'}
            />
          )}
        </>
      }
    />
  );
}
