import type { RouteResponse } from '@guanjia/api-contract';
import { findForbiddenPhrases } from '@guanjia/vocabulary';
import { Alert, Checkbox, Input } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, api } from '../shared/api';
import { useI18n } from '../shared/i18n';

type PhraseList = RouteResponse<'GET /api/service-language', 'staff'>;

/** The company's barred phrases (服务忌语), fetched once per page load and shared by every form. */
let phraseList: Promise<PhraseList> | null = null;
export function loadPhraseList(refresh = false): Promise<PhraseList> {
  if (!phraseList || refresh) phraseList = api('GET /api/service-language');
  return phraseList;
}

/**
 * The service-language guard before sending (the server's verdict, with the company's list): a text
 * with barred phrases is blocked until the sender chooses 仍然发送 and types a reason. `blocked` stops
 * every way of sending (button, Ctrl+Enter); the server refuses anyway.
 */
export function useLanguageGuard(text: string) {
  const [phrases, setPhrases] = useState<readonly string[]>([]);
  const [chosen, setChosen] = useState(false);
  const [reason, setReason] = useState('');
  const load = (refresh = false) =>
    loadPhraseList(refresh).then(
      (l) => setPhrases(l.phrases),
      () => setPhrases([]), // the server still checks
    );
  useEffect(() => void load(), []);
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
      if (e instanceof ApiError && e.code === 'SERVICE_LANGUAGE_FLAGGED') void load(true);
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
