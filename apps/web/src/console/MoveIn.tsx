import { OWNER_GRADES } from '@guanjia/vocabulary';
import { Alert, Button, Card, DatePicker, Form, Input, Radio, Result, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { OWNER_GRADE_LABELS, RELATION_LABELS, label, useI18n } from '../shared/i18n';
import { useBuildingUnits, useMoveIn, useOwnerList, useProjectBuildings, type MovedIn } from './owner-queries';
import { useProjects } from './queries';
import { navigate } from './router';

interface Values {
  projectId?: string;
  buildingId?: string;
  unitId: string;
  archive: 'new' | 'existing';
  ownerId?: string;
  relation: 'owner' | 'occupant';
  moveInDate: Dayjs;
  name?: string;
  phone?: string;
  idNumber?: string;
  gender?: 'male' | 'female';
  grade?: (typeof OWNER_GRADES)[number];
  specialNeeds?: string;
}

/** The server's problem on the form: on the field it names (its last segment), else above the form. */
function fieldOf(error: ApiError): keyof Values | null {
  const key = (error.field ?? '').split('.').at(-1) ?? '';
  const map: Record<string, keyof Values> = {
    unitId: 'unitId',
    ownerId: 'ownerId',
    moveInDate: 'moveInDate',
    name: 'name',
    idNumber: 'idNumber',
    value: 'phone',
  };
  return map[key] ?? null;
}

/**
 * 入住登记: pick the unit (project → building → unit), a new archive or an existing owner, 产权人 or
 * 使用人, the move-in date, contacts and ID number; the answer shows the new-owner visit it created.
 */
export function MoveIn() {
  const { t, lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const projects = useProjects().data ?? [];
  const projectId = Form.useWatch('projectId', form) ?? (projects.length === 1 ? projects[0]!.id : undefined);
  const buildingId = Form.useWatch('buildingId', form);
  const archive = Form.useWatch('archive', form) ?? 'new';
  const buildings = useProjectBuildings(projectId).data ?? [];
  const units = useBuildingUnits(buildingId).data ?? [];
  const [find, setFind] = useState('');
  const found = useOwnerList({ q: find || undefined, tenure: 'all', limit: 20, offset: 0 }, archive === 'existing' && find.length > 0).data ?? [];
  const moveIn = useMoveIn();
  const [done, setDone] = useState<MovedIn | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setFailure(null);
    try {
      const r = await moveIn.mutateAsync({
        unitId: v.unitId,
        moveInDate: v.moveInDate.format('YYYY-MM-DD'),
        relation: v.relation,
        ...(v.archive === 'existing'
          ? { ownerId: v.ownerId! }
          : {
              owner: {
                name: v.name!,
                ...(v.idNumber ? { idNumber: v.idNumber } : {}),
                ...(v.gender ? { gender: v.gender } : {}),
                ...(v.grade ? { grade: v.grade } : {}),
                ...(v.specialNeeds ? { specialNeeds: v.specialNeeds } : {}),
                contacts: v.phone ? [{ kind: 'phone' as const, value: v.phone, isPrimary: true }] : [],
              },
            }),
      });
      setDone(r);
    } catch (e) {
      const error = e as ApiError;
      const field = fieldOf(error);
      if (field) form.setFields([{ name: field, errors: [error.message] }]);
      else setFailure(error.message);
    }
  };

  if (done)
    return (
      <Card data-testid="move-in-done">
        <Result
          status="success"
          title={`${t.movedIn} · ${done.name}`}
          subTitle={
            <span data-testid="visit-due">
              {t.visitNewOwner}：{t.visitDue.replace('{date}', done.visit.dueOn)}（{done.visit.unitLabel}）
            </span>
          }
          extra={[
            <Button type="primary" key="open" onClick={() => navigate(`/owners/${done.id}`)} data-testid="open-archive">
              {t.openArchive}
            </Button>,
            <Button
              key="again"
              onClick={() => {
                setDone(null);
                form.resetFields();
              }}
            >
              {t.registerAnother}
            </Button>,
          ]}
        />
      </Card>
    );

  return (
    <Card title={t.moveIn} style={{ maxWidth: 720 }} data-testid="move-in">
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ archive: 'new', relation: 'owner', moveInDate: dayjs() }}>
        <Space wrap align="start" style={{ display: 'flex' }}>
          {projects.length > 1 && (
            <Form.Item name="projectId" label={t.project} rules={[{ required: true }]}>
              <Select
                style={{ width: 180 }}
                options={projects.map((p) => ({ value: p.id, label: p.name }))}
                onChange={() => form.setFieldsValue({ buildingId: undefined, unitId: undefined })}
                data-testid="move-in-project"
              />
            </Form.Item>
          )}
          <Form.Item name="buildingId" label={t.building} rules={[{ required: true }]}>
            <Select
              style={{ width: 140 }}
              disabled={!projectId}
              options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              onChange={() => form.setFieldsValue({ unitId: undefined })}
              data-testid="move-in-building"
            />
          </Form.Item>
          <Form.Item name="unitId" label={t.unit} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              showSearch
              optionFilterProp="label"
              disabled={!buildingId}
              options={units.map((u) => ({ value: u.id, label: u.entrance ? `${u.entrance}单元-${u.code}` : u.code }))}
              data-testid="move-in-unit"
            />
          </Form.Item>
        </Space>
        <Space wrap align="start" style={{ display: 'flex' }}>
          <Form.Item name="relation" label={t.relation}>
            <Radio.Group
              options={(['owner', 'occupant'] as const).map((r) => ({ value: r, label: label(RELATION_LABELS, r, lang) }))}
              optionType="button"
              data-testid="move-in-relation"
            />
          </Form.Item>
          <Form.Item name="moveInDate" label={t.moveInDate} rules={[{ required: true }]}>
            <DatePicker allowClear={false} data-testid="move-in-date" />
          </Form.Item>
        </Space>
        <Form.Item name="archive">
          <Radio.Group
            options={[
              { value: 'new', label: t.newArchive },
              { value: 'existing', label: t.existingArchive },
            ]}
            data-testid="move-in-archive"
          />
        </Form.Item>
        {archive === 'existing' ? (
          <Form.Item name="ownerId" label={t.existingArchive} rules={[{ required: true }]}>
            <Select
              showSearch
              filterOption={false}
              placeholder={t.findArchive}
              onSearch={setFind}
              notFoundContent={null}
              options={found.map((o) => ({
                value: o.id,
                label: [o.name, o.contacts.find((c) => c.kind === 'phone')?.value, ...o.units.map((u) => `${u.buildingName}-${u.unitCode}`)]
                  .filter(Boolean)
                  .join(' · '),
              }))}
              data-testid="move-in-owner"
            />
          </Form.Item>
        ) : (
          <>
            <Space wrap align="start" style={{ display: 'flex' }}>
              <Form.Item name="name" label={t.ownerName} rules={[{ required: true, whitespace: true }]}>
                <Input style={{ width: 160 }} maxLength={50} data-testid="move-in-name" />
              </Form.Item>
              <Form.Item name="phone" label={t.mobile}>
                <Input style={{ width: 170 }} inputMode="tel" maxLength={20} data-testid="move-in-phone" />
              </Form.Item>
              <Form.Item name="idNumber" label={t.idNumber}>
                <Input style={{ width: 220 }} maxLength={32} data-testid="move-in-id" />
              </Form.Item>
            </Space>
            <Space wrap align="start" style={{ display: 'flex' }}>
              <Form.Item name="gender" label={t.gender}>
                <Radio.Group
                  options={[
                    { value: 'male', label: t.male },
                    { value: 'female', label: t.female },
                  ]}
                />
              </Form.Item>
              <Form.Item name="grade" label={t.gradeCol}>
                <Select allowClear style={{ width: 110 }} options={OWNER_GRADES.map((g) => ({ value: g, label: label(OWNER_GRADE_LABELS, g, lang) }))} />
              </Form.Item>
            </Space>
            <Form.Item name="specialNeeds" label={t.needs}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        )}
        <Button type="primary" htmlType="submit" loading={moveIn.isPending} data-testid="move-in-submit">
          {t.register}
        </Button>
      </Form>
    </Card>
  );
}
