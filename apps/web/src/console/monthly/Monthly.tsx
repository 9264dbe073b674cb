import { Card, Segmented, Select, Space, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { ContactList } from './ContactList';
import { MeetingsPanel } from './MeetingsPanel';
import { mt } from './monthly-text';
import { OpinionsPanel, SummaryPanel } from './SummaryPanel';

/**
 * 月度沟通 (issue 14 item 3): for a project and month, the supervisor's contact list with its clocks,
 * the monthly summary (figures and text, submitted; the office manager's review assigning each
 * opinion), the opinions tracked, and meetings with their minutes and actions.
 */
export function Monthly({ me }: { me: Me }) {
  const { lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const [which, setWhich] = useState<'this' | 'last'>('this');
  const month = (which === 'this' ? dayjs() : dayjs().subtract(1, 'month')).format('YYYY-MM');
  const canWrite = me.capabilities.includes('monthly.write');
  const canReview = me.capabilities.includes('monthly.review');
  return (
    <Card
      title={mt('monthly', lang)}
      data-testid="monthly"
      extra={
        <Space wrap>
          <Segmented
            value={which}
            onChange={(v) => setWhich(v as 'this' | 'last')}
            options={[
              { value: 'last', label: dayjs().subtract(1, 'month').format('YYYY-MM') },
              { value: 'this', label: dayjs().format('YYYY-MM') },
            ]}
          />
          <Select style={{ width: 200 }} value={projectId || undefined} onChange={setChosen} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
        </Space>
      }
    >
      {projectId && (
        <Tabs
          items={[
            { key: 'contacts', label: mt('contacts', lang), children: <ContactList projectId={projectId} month={month} canWrite={canWrite} /> },
            {
              key: 'summary',
              label: mt('summary', lang),
              children: <SummaryPanel projectId={projectId} month={month} canWrite={canWrite} canReview={canReview} />,
            },
            { key: 'opinions', label: mt('opinions', lang), children: <OpinionsPanel projectId={projectId} /> },
            { key: 'meetings', label: mt('meetings', lang), children: <MeetingsPanel projectId={projectId} canWrite={canWrite} /> },
          ]}
        />
      )}
    </Card>
  );
}
