import { dictionary, type Lang } from '../shared/i18n';
import { usePortalNotices } from './notice-queries';
import { surveyText } from '../shared/i18n-surveys';
import { usePortalSurveys } from './survey-queries';
import './notices.css';

export type PortalSection = 'cases' | 'notices' | 'surveys' | 'settings';

/** The portal's sections: 我的报修, 通知公告 (with how many are unread), 消息设置. */
export function PortalNav({ lang, current, onGo }: { lang: Lang; current: PortalSection | null; onGo: (s: PortalSection) => void }) {
  const t = dictionary(lang);
  const unread = (usePortalNotices().data ?? []).filter((n) => !n.readAt).length;
  const toAnswer = (usePortalSurveys().data ?? []).filter((s) => s.status === 'pending').length;
  const item = (section: PortalSection, text: string) => (
    <button type="button" className={current === section ? 'on' : ''} onClick={() => onGo(section)} data-section={section}>
      {text}
    </button>
  );
  return (
    <nav className="nav">
      {item('cases', t.myCases)}
      {item('notices', unread ? `${t.notices}（${unread}）` : t.notices)}
      {item('surveys', toAnswer ? `${surveyText(lang, 'surveys')}（${toAnswer}）` : surveyText(lang, 'surveys'))}
      {item('settings', t.messaging)}
    </nav>
  );
}
