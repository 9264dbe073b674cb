import { App as AntApp, Button, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { navigate } from '../router';
import { useOpenLetters, useSurveyViewer } from './letter-queries';
import { lt } from './letter-text';
import { useSurveyWrite, type Survey } from './survey-queries';

const openLetter = (id: string) => navigate(`/surveys?tab=letters&letter=${id}`);

/**
 * On a closed campaign's result page, for whoever writes letters (notice.write or survey.manage):
 * 起草公开信 starts the campaign's open letter, drafted from its statistics, and opens it in the
 * 公开信 tab; once there is one, 查看公开信 opens it.
 */
export function DraftLetterButton({ survey }: { survey: Survey }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const viewer = useSurveyViewer();
  const write = useSurveyWrite();
  const letters = useOpenLetters(viewer.canWrite && survey.status === 'closed' ? survey.projectId : '');
  const [busy, setBusy] = useState(false);
  if (!viewer.canWrite || survey.status !== 'closed' || !letters.data) return null;
  const existing = letters.data.find((l) => l.surveyId === survey.id);
  if (existing)
    return (
      <Button size="small" onClick={() => openLetter(existing.id)} data-testid="survey-open-letter">
        {lt('openLetter', lang)}
      </Button>
    );
  const start = async () => {
    setBusy(true);
    try {
      const letter = await write(() => api('POST /api/open-letters', { body: { surveyId: survey.id } }));
      void message.success(lt('letterStarted', lang));
      openLetter(letter.id);
    } catch (e) {
      void message.error((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button size="small" type="primary" loading={busy} onClick={() => void start()} data-testid="survey-draft-letter">
      {lt('draftLetter', lang)}
    </Button>
  );
}

/** In the under-target warning, for survey.manage: a link to the internal review tasks (内部评审). */
export function ReviewLink() {
  const { lang } = useI18n();
  if (!useSurveyViewer().canManage) return null;
  return (
    <Typography.Link onClick={() => navigate('/surveys?tab=reviews')} data-testid="survey-reviews-link">
      {lt('goReviews', lang)}
    </Typography.Link>
  );
}
