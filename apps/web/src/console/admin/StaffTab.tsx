import { Alert, Select, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { api, type ApiError } from '../../shared/api';
import { STAFF_ROLES } from '@guanjia/vocabulary';
import { label, ROLE_LABELS, useI18n } from '../../shared/i18n';
import { useDepartments, useStaff } from '../queries';
import { adminKeys, useAdminWrite } from './queries';
import { CreateCard, EditButton, type RecordField } from './RecordForm';

type Staff = RouteResponse<'GET /api/staff'>[number];
const ROLES = STAFF_ROLES;

/**
 * The staff of a project: roles changed in place, a member deactivated (离职/停用: they can no longer
 * sign in; their history stays) or activated again, contact details edited, new members created.
 */
export function StaffTab({ projectId, admin, meId }: { projectId: string; admin: boolean; meId: string }) {
  const { t, lang } = useI18n();
  const staff = useStaff(projectId).data ?? [];
  const departments = (useDepartments().data ?? []).filter((x) => x.projectId === projectId || x.projectId === null);
  const [message, setMessage] = useState<string | null>(null);
  // a member's roles, departments and state show in the staff lists, and as heads in the departments
  const write = useAdminWrite(adminKeys.staff, adminKeys.departments);
  const change = async (id: string, body: RouteBody<'PATCH /api/staff/:id'>) => {
    try {
      await write(() => api('PATCH /api/staff/:id', { params: { id }, body }));
      setMessage(null);
    } catch (e) {
      setMessage((e as ApiError).message);
    }
  };
  const roleOptions = ROLES.map((x) => ({ value: x, label: label(ROLE_LABELS, x, lang) }));
  const departmentOptions = departments.map((d) => ({ value: d.id, label: d.name }));
  const editFields: RecordField[] = [
    { name: 'name', label: t.staffName },
    { name: 'phone', label: t.phone },
    { name: 'email', label: t.email },
    { name: 'departmentId', label: t.departmentName, kind: 'select', options: departmentOptions },
  ];
  return (
    <div>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={staff}
        data-testid="staff"
        onRow={(s) => ({ style: s.active ? undefined : { opacity: 0.55 } })}
        columns={[
          { title: t.staffName, dataIndex: 'name' },
          { title: t.username, dataIndex: 'username' },
          { title: t.departmentName, dataIndex: 'departmentId', render: (id: string | null) => departments.find((d) => d.id === id)?.name ?? '—' },
          {
            title: t.roles,
            dataIndex: 'roles',
            render: (r: Staff['roles'], row) =>
              admin ? (
                <Select
                  mode="multiple"
                  size="small"
                  style={{ minWidth: 240 }}
                  value={r}
                  onChange={(v: Staff['roles']) => void change(row.id, { roles: v })}
                  options={roleOptions}
                />
              ) : (
                r.map((x) => <Tag key={x}>{label(ROLE_LABELS, x, lang)}</Tag>)
              ),
          },
          {
            title: t.active,
            dataIndex: 'active',
            render: (a: boolean, row) =>
              admin ? (
                // one's own account cannot be deactivated here (the server refuses it too: SELF_LOCKOUT)
                <Switch
                  size="small"
                  checked={a}
                  disabled={row.id === meId}
                  title={row.id === meId ? t.selfLockoutHint : undefined}
                  checkedChildren={t.active}
                  unCheckedChildren={t.deactivate}
                  onChange={(v) => void change(row.id, { active: v })}
                  data-testid={`active-${row.username}`}
                />
              ) : a ? (
                '✓'
              ) : (
                '—'
              ),
          },
          ...(admin
            ? [
                {
                  title: '',
                  key: 'edit',
                  render: (_: unknown, s: Staff) => (
                    <EditButton
                      title={`${t.edit} · ${s.name}`}
                      fields={editFields}
                      record={s}
                      testId={`edit-staff-${s.username}`}
                      submit={(v) => write(() => api('PATCH /api/staff/:id', { params: { id: s.id }, body: v as RouteBody<'PATCH /api/staff/:id'> }))}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
      {message && <Alert type="error" showIcon message={message} style={{ marginTop: 8 }} data-testid="staff-message" />}
      {admin && (
        <CreateCard
          title={t.newStaff}
          submit={(v) => write(() => api('POST /api/staff', { body: { ...v, projectIds: [projectId] } as RouteBody<'POST /api/staff'> }))}
          fields={[
            { name: 'username', label: t.username },
            { name: 'name', label: t.staffName },
            { name: 'password', label: t.initialPassword },
            { name: 'roles', label: t.roles, kind: 'multi', options: roleOptions },
            { name: 'departmentId', label: t.departmentName, kind: 'select', options: departmentOptions },
          ]}
        />
      )}
    </div>
  );
}
