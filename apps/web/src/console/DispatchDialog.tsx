import { Select } from 'antd';
import { ROLE_LABELS, label, useI18n } from '../shared/i18n';
import { useAssignableStaff } from './desk-queries';

/**
 * The assignee of dispatch and reassign (issue 10, item 7): only the people the server says may take
 * this case (GET /api/cases/:id/assignable-staff — the department's technicians and head for a repair,
 * never the archivist, the administrator or the accused), each with role, department and open
 * workload. A dispatch into another department lists that department's people. The server's
 * STAFF_NOT_ASSIGNABLE lands on this field (showServerError: field assigneeId).
 */
export function AssignableStaffSelect(props: { caseId: string; departmentId?: string; value?: string; onChange?: (v: string) => void }) {
  const { t, lang } = useI18n();
  const list = useAssignableStaff(props.caseId, props.departmentId);
  const items = list.data?.items ?? [];
  return (
    <Select
      showSearch
      optionFilterProp="search"
      data-testid="assignable-staff"
      loading={list.isFetching}
      value={props.value}
      onChange={props.onChange}
      notFoundContent={list.isFetching ? t.loading : t.noAssignable}
      options={items.map((s) => ({
        value: s.id,
        search: s.name,
        label: (
          <span data-staff={s.name}>
            {s.name} · {s.roles.map((r) => label(ROLE_LABELS, r, lang)).join('、')}
            {s.departmentName ? ` · ${s.departmentName}` : ''} · {t.openAssigned} {s.openAssigned} {t.cases}
          </span>
        ),
      }))}
    />
  );
}
