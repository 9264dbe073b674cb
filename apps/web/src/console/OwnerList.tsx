import { OWNER_GRADES } from '@guanjia/vocabulary';
import { Alert, Button, Card, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { OWNER_GRADE_LABELS, label, useI18n } from '../shared/i18n';
import { ExportButtons } from './ExportButtons';
import { useOwnerList, useProjectBuildings, type OwnerListFilter, type OwnerRow } from './owner-queries';
import { useProjects } from './queries';
import { navigate } from './router';

const PAGE = 50;

/**
 * 业主: the owners of the staff member's projects — search by name, phone (whole or its last 4
 * digits) or unit as written (1-2-301); filters project, building, grade, special needs, current or
 * moved out; 50 a page; contacts masked as everywhere; a row opens the archive.
 */
export function OwnerList() {
  const { t, lang } = useI18n();
  const projects = useProjects().data ?? [];
  const [text, setText] = useState('');
  const [filter, setFilter] = useState<OwnerListFilter>({ tenure: 'current' });
  const [offset, setOffset] = useState(0);
  // the buildings of the project chosen (of the only one, for the staff of one project)
  const buildingProject = filter.projectId ?? (projects.length === 1 ? projects[0]!.id : undefined);
  const buildings = useProjectBuildings(buildingProject).data ?? [];
  const list = useOwnerList({ ...filter, limit: PAGE, offset });
  const rows = list.data ?? [];
  const set = (patch: Partial<OwnerListFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setOffset(0);
  };
  const page = offset / PAGE + 1;
  const needs = filter.specialNeeds ? 'text' : (filter.hasSpecialNeeds ?? 'all');
  return (
    <Card title={t.owners} data-testid="owner-list" extra={<ExportButtons route="GET /api/exports/owners" query={filter} testId="owners-export" />}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          style={{ width: 340 }}
          placeholder={t.ownerSearch}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(q) => set({ q: q.trim() || undefined })}
          data-testid="owner-search"
        />
        {projects.length > 1 && (
          <Select
            allowClear
            style={{ width: 170 }}
            placeholder={t.project}
            value={filter.projectId}
            onChange={(projectId?: string) => set({ projectId, buildingId: undefined })}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="owner-project"
          />
        )}
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t.allBuildings}
          disabled={!buildingProject}
          value={filter.buildingId}
          onChange={(buildingId?: string) => set({ buildingId })}
          options={buildings.map((b) => ({ value: b.id, label: b.name }))}
          data-testid="owner-building"
        />
        <Select
          allowClear
          style={{ width: 110 }}
          placeholder={t.allGrades}
          value={filter.grade}
          onChange={(grade?: OwnerListFilter['grade']) => set({ grade })}
          options={OWNER_GRADES.map((g) => ({ value: g, label: label(OWNER_GRADE_LABELS, g, lang) }))}
          data-testid="owner-grade"
        />
        <Select
          style={{ width: 150 }}
          value={needs === 'text' ? 'all' : needs}
          onChange={(v: 'all' | 'true' | 'false') => set({ hasSpecialNeeds: v === 'all' ? undefined : v, specialNeeds: undefined })}
          options={[
            { value: 'all', label: t.specialNeedsAll },
            { value: 'true', label: t.specialNeedsAny },
            { value: 'false', label: t.specialNeedsNone },
          ]}
          data-testid="owner-needs"
        />
        <Input.Search
          allowClear
          style={{ width: 160 }}
          placeholder={t.needs}
          onSearch={(v) => set({ specialNeeds: v.trim() || undefined, hasSpecialNeeds: undefined })}
          data-testid="owner-needs-text"
        />
        <Select
          style={{ width: 120 }}
          value={filter.tenure}
          onChange={(tenure: OwnerListFilter['tenure']) => set({ tenure })}
          options={[
            { value: 'current', label: t.tenureCurrent },
            { value: 'former', label: t.tenureFormer },
            { value: 'all', label: t.tenureAll },
          ]}
          data-testid="owner-tenure"
        />
      </Space>
      {list.error && <Alert type="error" showIcon message={(list.error as ApiError).message} style={{ marginBottom: 12 }} />}
      <Table<OwnerRow>
        size="small"
        rowKey="id"
        loading={list.isFetching}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t.noOwners }}
        data-testid="owner-rows"
        onRow={(o) => ({ onClick: () => navigate(`/owners/${o.id}`), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t.ownerName,
            dataIndex: 'name',
            width: 120,
            render: (v: string, o) => (
              <a href={`/owners/${o.id}`} onClick={(e) => e.preventDefault()}>
                {v}
              </a>
            ),
          },
          {
            title: t.unitsCol,
            render: (_: unknown, o) =>
              o.units.length ? (
                o.units.map((u) => (
                  <div key={u.unitId}>
                    {u.projectName} {u.buildingName}-{u.unitCode} {u.isPrimary && <Tag color="green">{t.primary}</Tag>}
                  </div>
                ))
              ) : (
                <Typography.Text type="secondary">
                  {o.formerUnits.map((u) => `${u.buildingName}-${u.unitCode}（${t.tenureFormer} ${u.movedOutOn}）`).join('、') || '—'}
                </Typography.Text>
              ),
          },
          { title: t.phoneCol, width: 130, render: (_: unknown, o) => o.contacts.find((c) => c.kind === 'phone')?.value ?? '—' },
          { title: t.gradeCol, dataIndex: 'grade', width: 80, render: (g: string) => label(OWNER_GRADE_LABELS, g, lang) },
          { title: t.needs, dataIndex: 'specialNeeds', ellipsis: true, render: (v: string | null) => v ?? '—' },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button size="small" disabled={page === 1} onClick={() => setOffset((o) => Math.max(0, o - PAGE))}>
          {t.previousPage}
        </Button>
        <Typography.Text>{t.pageOf.replace('{page}', String(page))}</Typography.Text>
        <Button size="small" disabled={rows.length < PAGE} onClick={() => setOffset((o) => o + PAGE)}>
          {t.nextPage}
        </Button>
      </Space>
    </Card>
  );
}
