import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';
import { it } from './inspection-text';

const KEY = 'gj_inspection_project';

/** The project the inspection pages show, shared by them and kept for the tab (a reload keeps it). '' is 全部项目 where allowed. */
export function useInspectionProject(): [string, (id: string) => void] {
  const [value, setValue] = useState(() => sessionStorage.getItem(KEY) ?? '');
  const set = (id: string) => {
    sessionStorage.setItem(KEY, id);
    setValue(id);
  };
  return [value, set];
}

/** The project picker of the inspection pages: the projects in scope, the first chosen where one is needed (or 全部项目 where allowed). */
export function ProjectSelect({ value, onChange, allowAll = false }: { value: string; onChange: (id: string) => void; allowAll?: boolean }) {
  const { lang } = useI18n();
  const projects = useProjects().data;
  useEffect(() => {
    if (!projects) return;
    // none chosen where one is needed, or one this user does not see (another's choice in this tab)
    const known = projects.some((p) => p.id === value);
    if ((!value && !allowAll) || (value && !known)) onChange(allowAll ? '' : (projects[0]?.id ?? ''));
  }, [value, allowAll, projects, onChange]);
  return (
    <Select
      style={{ minWidth: 180 }}
      value={value}
      onChange={onChange}
      data-testid="inspection-project"
      options={[...(allowAll ? [{ value: '', label: it('allProjects', lang) }] : []), ...(projects ?? []).map((p) => ({ value: p.id, label: p.name }))]}
    />
  );
}
