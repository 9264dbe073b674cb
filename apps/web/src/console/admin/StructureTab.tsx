import { Card, Descriptions, Space, Table, Tag } from 'antd';
import type { RouteBody, RouteResponse } from '@guanjia/api-contract';
import { DEPARTMENT_KINDS } from '@guanjia/vocabulary';
import { api } from '../../shared/api';
import { DEPARTMENT_KIND_LABELS, label, useI18n } from '../../shared/i18n';
import { useDepartments, useStaff } from '../queries';
import { adminKeys, useAdminWrite, useBuildings, useUnits } from './queries';
import { CreateCard, EditButton, type RecordField } from './RecordForm';

type Project = RouteResponse<'GET /api/projects'>[number];
type Building = RouteResponse<'GET /api/projects/:id/buildings'>[number];
type Unit = RouteResponse<'GET /api/units'>[number];
type Department = RouteResponse<'GET /api/departments'>[number];
type StaffName = { id: string; name: string };
// the record forms are generic (fields listed per form); the server validates each body against these types again
const as = <K extends Parameters<typeof api>[0]>(_route: K, values: Record<string, unknown>) => values as RouteBody<K>;

const PHASES: Record<string, [string, string]> = {
  sales_support: ['销售配合期', 'Sales support'],
  early_management: ['前期物业管理期', 'Early management'],
  normal: ['正常期', 'Normal'],
};
const UNIT_KINDS: Record<string, [string, string]> = { indoor: ['室内房屋', 'Indoor'], public_area: ['公共区域', 'Public area'] };
const KINDS = DEPARTMENT_KINDS;

/** A project's structure: the project itself, buildings with their units, departments — each created and edited here. */
export function StructureTab({ project, admin }: { project: Project; admin: boolean }) {
  const { t, lang } = useI18n();
  const buildings: Building[] = useBuildings(project.id).data ?? [];
  const departments: Department[] = (useDepartments().data ?? []).filter((x) => x.projectId === project.id || x.projectId === null);
  const staff: StaffName[] = useStaff(project.id).data ?? [];
  const writeProject = useAdminWrite(adminKeys.projects);
  const writeBuilding = useAdminWrite(adminKeys.allBuildings);
  const writeUnit = useAdminWrite(adminKeys.allUnits);
  const writeDepartment = useAdminWrite(adminKeys.departments);
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
              submit={(v) => writeProject(() => api('PATCH /api/projects/:id', { params: { id: project.id }, body: as('PATCH /api/projects/:id', v) }))}
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
                          submit={(v) =>
                            writeBuilding(() => api('PATCH /api/buildings/:id', { params: { id: b.id }, body: as('PATCH /api/buildings/:id', v) }))
                          }
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
          {admin && (
            <CreateCard
              title={t.newBuilding}
              fields={buildingFields}
              submit={(v) =>
                writeBuilding(() => api('POST /api/projects/:id/buildings', { params: { id: project.id }, body: as('POST /api/projects/:id/buildings', v) }))
              }
            />
          )}
          {admin && buildings.length > 0 && (
            <CreateCard
              title={t.newUnit}
              fields={[
                { name: 'buildingId', label: t.building, kind: 'select', options: buildings.map((b) => ({ value: b.id, label: b.name })) },
                { name: 'code', label: t.unitCode },
                { name: 'floor', label: t.floor, kind: 'number' },
              ]}
              submit={({ buildingId, ...v }) =>
                writeUnit(() =>
                  api('POST /api/buildings/:id/units', {
                    params: { id: String(buildingId) },
                    body: as('POST /api/buildings/:id/units', { ...v, kind: 'indoor' }),
                  }),
                )
              }
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
                          submit={(v) =>
                            writeDepartment(() => api('PATCH /api/departments/:id', { params: { id: d.id }, body: as('PATCH /api/departments/:id', v) }))
                          }
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
              submit={(v) => writeDepartment(() => api('POST /api/departments', { body: as('POST /api/departments', { ...v, projectId: project.id }) }))}
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
  const units: Unit[] = useUnits(building.id).data ?? [];
  const writeUnit = useAdminWrite(adminKeys.allUnits);
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
                    submit={(v) => writeUnit(() => api('PATCH /api/units/:id', { params: { id: u.id }, body: as('PATCH /api/units/:id', v) }))}
                  />
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
