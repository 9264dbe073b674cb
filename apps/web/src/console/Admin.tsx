import { Card, Select, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../shared/i18n';
import type { Me } from './App';
import { CalendarTab } from './admin/CalendarTab';
import { ServiceLanguageTab } from './admin/ServiceLanguageTab';
import { SlaRulesTab } from './admin/SlaRulesTab';
import { StaffTab } from './admin/StaffTab';
import { StructureTab } from './admin/StructureTab';
import { useProjects } from './queries';

/** Administration: the business calendar (a month, load a year), SLA rules, structure, staff (created and edited), the barred phrases. */
export function Admin({ me }: { me: Me }) {
  const { t } = useI18n();
  const projects = useProjects().data ?? [];
  const [chosenProject, setProjectId] = useState<string>('');
  const projectId = chosenProject || projects[0]?.id || '';
  const project = projects.find((p) => p.id === projectId);
  const admin = me.capabilities.includes('structure.admin');
  return (
    <Card>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t.project}</Typography.Text>
        <Select style={{ width: 220 }} value={projectId} onChange={setProjectId} options={projects.map((p) => ({ value: p.id, label: p.name }))} />
      </Space>
      {project && (
        <Tabs
          items={[
            { key: 'calendar', label: t.calendar, children: <CalendarTab projectId={projectId} admin={admin && me.companyWide} projectAdmin={admin} /> },
            { key: 'sla', label: t.slaRules, children: <SlaRulesTab projectId={projectId} admin={admin} /> },
            { key: 'structure', label: t.structure, children: <StructureTab project={project} admin={admin} /> },
            { key: 'staff', label: t.staffList, children: <StaffTab projectId={projectId} admin={me.capabilities.includes('staff.admin')} meId={me.id} /> },
            {
              key: 'service-language',
              label: t.serviceLanguage,
              children: <ServiceLanguageTab admin={me.companyWide && (admin || me.capabilities.includes('staff.admin'))} />,
            },
          ]}
        />
      )}
    </Card>
  );
}
