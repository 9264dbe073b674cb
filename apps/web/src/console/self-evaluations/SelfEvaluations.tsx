import { Card, Tabs } from 'antd';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate, useRoute } from '../router';
import { MySelfEvaluations } from './MySelfEvaluations';
import { xt } from './self-eval-text';
import { SelfEvaluationRounds } from './SelfEvaluationRounds';

/**
 * 员工自评 (issue 14 item 4, decision 0033): 我的自评 for every staff member, and for the quality
 * department (survey.manage) and the managers (staff.evaluate) the rounds with their sheets and the
 * review. The tab is in the address (?tab=rounds), so a notification or the menu opens the right one.
 */
export function SelfEvaluations({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { query } = useRoute();
  const canManage = me.capabilities.includes('survey.manage');
  const canReview = me.capabilities.includes('staff.evaluate');
  const mine = { key: 'mine', label: xt('mine', lang), children: <MySelfEvaluations /> };
  return (
    <Card title={xt('title', lang)} data-testid="self-evaluations">
      {canManage || canReview ? (
        <Tabs
          activeKey={query.get('tab') === 'rounds' ? 'rounds' : 'mine'}
          onChange={(key) => navigate(key === 'rounds' ? '/self-evaluations?tab=rounds' : '/self-evaluations')}
          destroyOnHidden
          items={[
            mine,
            { key: 'rounds', label: xt('rounds', lang), children: <SelfEvaluationRounds meId={me.id} canManage={canManage} canReview={canReview} /> },
          ]}
        />
      ) : (
        <MySelfEvaluations />
      )}
    </Card>
  );
}
