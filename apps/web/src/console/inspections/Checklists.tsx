import { useQueryClient } from '@tanstack/react-query';
import { INSPECTION_KINDS } from '@guanjia/vocabulary';
import { Alert, App as AntApp, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { ChecklistForm } from './ChecklistForm';
import { checkKeys, keeperOf, useChecklists, type ChecklistTemplate, type InspectionKind } from './checks-queries';
import { checkKindText, it, specialtyText } from './inspection-text';

/**
 * 检查表: the organization's checklists by kind (the seven kinds) — name, kind, items, total points, in
 * use or not; a row unfolds its items. Those who keep a kind (inspection.admin the office's daily and
 * night lists, inspection.audit the quality department's) create and edit its lists and take them in
 * or out of use (checks begun keep the list they began with); the other readers read.
 */
export function Checklists({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [kind, setKind] = useState<InspectionKind | ''>('');
  const list = useChecklists(kind || undefined);
  const [editing, setEditing] = useState<{ template: ChecklistTemplate | null } | null>(null);
  const keeps = (k: InspectionKind) => me.capabilities.includes(keeperOf(k));
  const kept = INSPECTION_KINDS.filter(keeps);
  const toggle = async (t: ChecklistTemplate) => {
    try {
      await api('PATCH /api/checklist-templates/:id', { params: { id: t.id }, body: { active: !t.active } });
      void message.success(it('saved', lang));
      await client.invalidateQueries({ queryKey: checkKeys.templates });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="checklists">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('checklistsMenu', lang)}
        </Typography.Title>
        <Select
          style={{ minWidth: 200 }}
          value={kind}
          onChange={setKind}
          data-testid="checklists-kind"
          options={[{ value: '', label: it('allKinds', lang) }, ...INSPECTION_KINDS.map((k) => ({ value: k, label: checkKindText(k, lang) }))]}
        />
        {kept.length > 0 && (
          <Button type="primary" onClick={() => setEditing({ template: null })} data-testid="checklist-new">
            {it('newChecklist', lang)}
          </Button>
        )}
      </Space>
      {kept.length === 0 && <Alert type="info" showIcon message={it('checklistReadOnly', lang)} />}
      {list.error && <Alert type="error" showIcon message={(list.error as ApiError).message} />}
      <Table<ChecklistTemplate>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: it('noChecklists', lang) }}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(t) => ({ 'data-checklist': t.name }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (t) => (
            <ol style={{ margin: 0, paddingInlineStart: 20 }} data-testid="checklist-items">
              {t.items.map((i) => (
                <li key={i.id}>
                  {i.text} <Tag>{specialtyText(i.specialty, lang)}</Tag>
                  <Typography.Text type="secondary">{it('pointsOf', lang, { n: i.points })}</Typography.Text>
                </li>
              ))}
            </ol>
          ),
        }}
        columns={[
          { title: it('name', lang), render: (_, t) => <span style={{ display: 'inline-block', maxWidth: 300, whiteSpace: 'normal' }}>{t.name}</span> },
          { title: it('kind', lang), render: (_, t) => checkKindText(t.kind, lang) },
          { title: it('checklistItems', lang), render: (_, t) => it('nItems', lang, { n: t.items.length }) },
          { title: it('totalPoints', lang), render: (_, t) => <span data-testid="checklist-total">{t.totalPoints}</span> },
          {
            title: it('state', lang),
            render: (_, t) => (
              <Tag color={t.active ? 'green' : 'default'} data-testid="checklist-state">
                {it(t.active ? 'active' : 'inactive', lang)}
              </Tag>
            ),
          },
          {
            title: it('actions', lang),
            render: (_, t) =>
              keeps(t.kind) ? (
                <Space size={4}>
                  <Button size="small" onClick={() => setEditing({ template: t })} data-testid="checklist-edit">
                    {it('edit', lang)}
                  </Button>
                  <Button size="small" danger={t.active} onClick={() => void toggle(t)} data-testid="checklist-toggle">
                    {it(t.active ? 'deactivate' : 'activate', lang)}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {editing && (
        <ChecklistForm
          template={editing.template}
          kinds={kept}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(it('saved', lang));
            void client.invalidateQueries({ queryKey: checkKeys.templates });
          }}
        />
      )}
    </Space>
  );
}
