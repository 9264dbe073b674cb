import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../shared/i18n';
import type { Me } from './App';
import { CalendarTab } from './admin/CalendarTab';
import { DisplayTokensTab } from './admin/DisplayTokensTab';
import { ServiceLanguageTab } from './admin/ServiceLanguageTab';
import { SlaRulesTab } from './admin/SlaRulesTab';
import { StaffTab } from './admin/StaffTab';
import { StructureTab } from './admin/StructureTab';
import { ADMIN_TABS, type AdminTabKey } from './admin/tabs';
import { useProjects } from './queries';
import { wt } from './wallboard/wallboard-text';

/** Administration: the business calendar (a month, load a year), SLA rules, structure, staff (created and edited), the barred phrases. */
export function Admin({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [chosenProject, setProjectId] = useState<string>('');
  const projectId = chosenProject || projects[0]?.id || '';
  const project = projects.find((p) => p.id === projectId);
  const admin = me.capabilities.includes('structure.admin');
  const pages: Record<AdminTabKey, ReactNode> = {
    calendar: <CalendarTab projectId={projectId} admin={admin && me.companyWide} projectAdmin={admin} />,
    sla: <SlaRulesTab projectId={projectId} admin={admin} />,
    structure: project && <StructureTab project={project} admin={admin} />,
    staff: <StaffTab projectId={projectId} admin={me.capabilities.includes('staff.admin')} meId={me.id} />,
    'service-language': <ServiceLanguageTab admin={me.companyWide && (admin || me.capabilities.includes('staff.admin'))} />,
  };
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t.project}</Typography.Text>
        <Select style={{ width: 220 }} value={projectId} onChange={setProjectId} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
      </Space>
      {project && (
        <Tabs
          items={[
            ...ADMIN_TABS.map((tab) => ({ key: tab.key, label: t[tab.label], children: pages[tab.key] })),
            // the wallboard's display tokens (大屏令牌): the administrators' only
            ...(me.capabilities.includes('staff.admin') ? [{ key: 'display-tokens', label: wt('tab', lang), children: <DisplayTokensTab /> }] : []),
          ]}
        />
      )}
    </Card>
  );
}
