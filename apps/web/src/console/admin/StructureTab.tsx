import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { get, patch, post } from '../../shared/api';
import { DEPARTMENT_KIND_LABELS, label, useI18n } from '../../shared/i18n';
import { CreateCard, EditButton, type RecordField } from './RecordForm';

type Project = { id: string; code: string; name: string; address: string | null; timeZone: string; phase: string; occupancyDate: string | null };
type Building = { id: string; code: string; name: string; floors: number | null };
type Unit = { id: string; code: string; kind: string; floor: number | null; areaSqm: number | null };
type Department = { id: string; code: string; name: string; kind: string; projectId: string | null; isSupervising: boolean; headStaffId: string | null };
type StaffName = { id: string; name: string };

const PHASES: Record<string, [string, string]> = {
  sales_support: ['销售配合期', 'Sales support'],
  early_management: ['前期物业管理期', 'Early management'],
  normal: ['正常期', 'Normal'],
};
const UNIT_KINDS: Record<string, [string, string]> = { indoor: ['室内房屋', 'Indoor'], public_area: ['公共区域', 'Public area'] };
const KINDS = ['service_center', 'engineering', 'security', 'environment', 'finance', 'quality', 'subcontractor', 'other'];

/** A project's structure: the project itself, buildings with their units, departments — each created and edited here. */
export function StructureTab({ project, admin, onProjectChanged }: { project: Project; admin: boolean; onProjectChanged: () => void }) {
  const { t, lang } = useI18n();
  const [buildings, setBuildings] = useState<Building[]>([]);
  const [departments, setDepartments] = useState<Department[]>([]);
  const [staff, setStaff] = useState<StaffName[]>([]);
  const load = () => {
    void get<Building[]>(`/api/projects/${project.id}/buildings`).then(setBuildings);
    void get<Department[]>('/api/departments').then((d) => setDepartments(d.filter((x) => x.projectId === project.id || x.projectId === null)));
    void get<StaffName[]>(`/api/staff?projectId=${project.id}`).then(setStaff, () => setStaff([]));
  };
  useEffect(load, [project.id]);
  const staffName = (id: string | null) => (id ? (staff.find((s) => s.id === id)?.name ?? '—') : '—');
  const projectFields: RecordField[] = [
    { name: 'name', label: t.name },
    { name: 'code', label: t.code },
    { name: 'address', label: t.address },
    { name: 'timeZone', label: t.timeZone },
    { name: 'phase', label: t.phase, kind: 'select', options: Object.keys(PHASES).map((v) => ({ value: v, label: label(PHASES, v, lang) })) },
  ];
  const buildingFields: RecordField[] = [
    { name: 'code', label: t.code },
    { name: 'name', label: t.name },
    { name: 'floors', label: t.floors, kind: 'number' },
  ];
  const departmentFields: RecordField[] = [
    { name: 'code', label: t.code },
    { name: 'name', label: t.name },
    { name: 'kind', label: t.kind, kind: 'select', options: KINDS.map((k) => ({ value: k, label: label(DEPARTMENT_KIND_LABELS, k, lang) })) },
    { name: 'headStaffId', label: t.head, kind: 'select', options: staff.map((s) => ({ value: s.id, label: s.name })) },
    { name: 'isSupervising', label: t.supervising, kind: 'switch' },
  ];
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Card
        size="small"
        title={project.name}
        extra={
          admin && (
            <EditButton
              title={t.editProject}
              fields={projectFields}
              record={project}
              testId="edit-project"
              submit={(v) => patch(`/api/projects/${project.id}`, v)}
              onDone={onProjectChanged}
            />
          )
        }
      >
        <Descriptions
          size="small"
          column={{ xs: 1, md: 4 }}
          items={[
            { key: 'code', label: t.code, children: project.code },
            { key: 'address', label: t.address, children: project.address ?? '—' },
            { key: 'tz', label: t.timeZone, children: project.timeZone },
            { key: 'phase', label: t.phase, children: label(PHASES, project.phase, lang) },
          ]}
        />
      </Card>
      <Space align="start" wrap size="large">
        <div>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={buildings}
            data-testid="buildings"
            expandable={{ expandedRowRender: (b) => <UnitsOf building={b} admin={admin} /> }}
            columns={[
              { title: t.building, dataIndex: 'name' },
              { title: t.code, dataIndex: 'code' },
              { title: t.floors, dataIndex: 'floors' },
              ...(admin
                ? [
                    {
                      title: '',
                      key: 'edit',
                      render: (_: unknown, b: Building) => (
                        <EditButton
                          title={`${t.edit} · ${b.name}`}
                          fields={buildingFields}
                          record={b}
                          testId={`edit-building-${b.code}`}
                          submit={(v) => patch(`/api/buildings/${b.id}`, v)}
                          onDone={load}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {admin && <CreateCard title={t.newBuilding} fields={buildingFields} submit={(v) => post(`/api/projects/${project.id}/buildings`, v)} onDone={load} />}
          {admin && buildings.length > 0 && (
            <CreateCard
              title={t.newUnit}
              fields={[
                { name: 'buildingId', label: t.building, kind: 'select', options: buildings.map((b) => ({ value: b.id, label: b.name })) },
                { name: 'code', label: t.unitCode },
                { name: 'floor', label: t.floor, kind: 'number' },
              ]}
              submit={({ buildingId, ...v }) => post(`/api/buildings/${String(buildingId)}/units`, { ...v, kind: 'indoor' })}
              onDone={load}
            />
          )}
        </div>
        <div>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={departments}
            data-testid="departments"
            columns={[
              { title: t.departmentName, dataIndex: 'name' },
              { title: t.code, dataIndex: 'code' },
              { title: t.kind, dataIndex: 'kind', render: (k: string) => label(DEPARTMENT_KIND_LABELS, k, lang) },
              { title: t.head, dataIndex: 'headStaffId', render: staffName },
              { title: t.supervising, dataIndex: 'isSupervising', render: (v: boolean) => (v ? <Tag color="purple">{t.supervising}</Tag> : null) },
              ...(admin
                ? [
                    {
                      title: '',
                      key: 'edit',
                      render: (_: unknown, d: Department) => (
                        <EditButton
                          title={`${t.edit} · ${d.name}`}
                          fields={departmentFields}
                          record={d}
                          testId={`edit-department-${d.code}`}
                          submit={(v) => patch(`/api/departments/${d.id}`, v)}
                          onDone={load}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {admin && (
            <CreateCard
              title={t.newDepartment}
              fields={departmentFields.slice(0, 3)}
              submit={(v) => post('/api/departments', { ...v, projectId: project.id })}
              onDone={load}
            />
          )}
        </div>
      </Space>
    </Space>
  );
}

/** The units of one building (loaded when its row is opened), each editable. */
function UnitsOf({ building, admin }: { building: Building; admin: boolean }) {
  const { t, lang } = useI18n();
  const [units, setUnits] = useState<Unit[]>([]);
  const load = () => void get<Unit[]>(`/api/units?buildingId=${building.id}&limit=1000`).then(setUnits);
  useEffect(load, [building.id]);
  const fields: RecordField[] = [
    { name: 'code', label: t.unitCode },
    { name: 'floor', label: t.floor, kind: 'number' },
    { name: 'areaSqm', label: t.area, kind: 'number' },
    { name: 'kind', label: t.kind, kind: 'select', options: Object.keys(UNIT_KINDS).map((k) => ({ value: k, label: label(UNIT_KINDS, k, lang) })) },
  ];
  return (
    <Table
      size="small"
      rowKey="id"
      pagination={units.length > 20 ? { pageSize: 20 } : false}
      dataSource={units}
      data-testid={`units-${building.code}`}
      columns={[
        { title: t.unitCode, dataIndex: 'code' },
        { title: t.kind, dataIndex: 'kind', render: (k: string) => label(UNIT_KINDS, k, lang) },
        { title: t.floor, dataIndex: 'floor' },
        { title: t.area, dataIndex: 'areaSqm' },
        ...(admin
          ? [
              {
                title: '',
                key: 'edit',
                render: (_: unknown, u: Unit) => (
                  <EditButton
                    title={`${t.edit} · ${building.name} ${u.code}`}
                    fields={fields}
                    record={u}
                    testId={`edit-unit-${u.code}`}
                    submit={(v) => patch(`/api/units/${u.id}`, v)}
                    onDone={load}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
