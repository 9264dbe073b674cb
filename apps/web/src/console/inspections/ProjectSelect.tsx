import { Select } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';
import { it } from './inspection-text';

/** The project picker of the inspection pages: the projects in scope, the first chosen (or 全部项目 where allowed). */
export function ProjectSelect({ value, onChange, allowAll = false }: { value: string; onChange: (id: string) => void; allowAll?: boolean }) {
  const { lang } = useI18n();
  const projects = useProjects().data ?? [];
  useEffect(() => {
    if (!value && !allowAll && projects[0]) onChange(projects[0].id);
  }, [value, allowAll, projects, onChange]);
  return (
    <Select
      style={{ minWidth: 180 }}
      value={value}
      onChange={onChange}
      data-testid="inspection-project"
      options={[...(allowAll ? [{ value: '', label: it('allProjects', lang) }] : []), ...projects.map((p) => ({ value: p.id, label: p.name }))]}
    />
  );
}
