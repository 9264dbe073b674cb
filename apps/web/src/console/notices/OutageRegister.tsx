import { OUTAGE_KINDS, type OutageKind } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Col, DatePicker, Form, Input, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { outageKindText } from './notice-text';
import { noticeKeys, useBuildings, useProjectOutages, usePublishedNotices, type Outage } from './queries';
import { instantOf, instantOrNull, wallNow } from './wall-clock';

interface OutageValues {
  kind: OutageKind;
  buildingIds: string[];
  startsAt: Dayjs;
  endsAt: Dayjs | null;
  cause: string;
  callerScript: string;
  noticeId?: string;
}

/**
 * 停水停电登记 (the outage register, issue 13 item 7): a project's outages in effect now (or the whole
 * register) — what, where (buildings; none: the whole project), when, why, what to tell callers
 * (答复口径) and how many cases are linked —; the service centre (case.intake) registers one (linking
 * the notice that announced it, if any) and closes it when it is over. The desk sees the active ones
 * at intake for a caller whose unit lies inside (IntakeOutages).
 */
export function OutageRegister({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const tz = projects.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai';
  const [active, setActive] = useState(true);
  const outages = useProjectOutages(projectId, active);
  const canRegister = me.capabilities.includes('case.intake');
  const reload = () => client.invalidateQueries({ queryKey: noticeKeys.outages });
  const close = async (o: Outage) => {
    try {
      await api('POST /api/outages/:id/close', { params: { id: o.id } });
      void message.success(t.outgClosed);
      await reload();
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  const when = (iso: string | null) => formatInstant(iso, tz, lang);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="outages">
      <Card
        title={t.outages}
        extra={
          <Space wrap>
            <Segmented
              value={active ? 'active' : 'all'}
              onChange={(v) => setActive(v === 'active')}
              options={[
                { value: 'active', label: t.outgActive },
                { value: 'all', label: t.outgAll },
              ]}
            />
            <Select
              style={{ width: 220 }}
              value={projectId || undefined}
              onChange={setChosen}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              aria-label={t.project}
              data-testid="outage-project"
            />
          </Space>
        }
      >
        {outages.error && <Alert type="error" showIcon message={(outages.error as ApiError).message} />}
        <Table
          size="small"
          rowKey="id"
          loading={outages.isLoading}
          dataSource={outages.data ?? []}
          pagination={false}
          scroll={{ x: 1200 }}
          locale={{ emptyText: t.outgNone }}
          data-testid="outage-list"
          onRow={(o: Outage) => ({ 'data-outage': o.id }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t.outgKind, width: 100, render: (_: unknown, o: Outage) => <Tag color="volcano">{outageKindText(o.kind, lang)}</Tag> },
            { title: t.outgArea, width: 140, render: (_: unknown, o: Outage) => (o.buildingNames.length ? o.buildingNames.join('、') : t.outgWholeProject) },
            { title: t.ntcPeriod, width: 230, render: (_: unknown, o: Outage) => `${when(o.startsAt)} – ${o.endsAt ? when(o.endsAt) : t.outgUntilClosed}` },
            { title: t.outgCause, width: 180, render: (_: unknown, o: Outage) => o.cause },
            { title: t.outgScript, render: (_: unknown, o: Outage) => o.callerScript },
            {
              title: t.outgLinkedCases,
              width: 90,
              render: (_: unknown, o: Outage) => <span data-testid="outage-linked">{o.linkedCases}</span>,
            },
            {
              title: t.status,
              width: 90,
              render: (_: unknown, o: Outage) => (o.active ? <Tag color="red">{t.outgInEffect}</Tag> : <Tag>{o.closedAt ? t.outgClosedTag : t.outgEnded}</Tag>),
            },
            {
              title: t.msgActions,
              width: 150,
              render: (_: unknown, o: Outage) => (
                <Space size={4}>
                  {o.noticeId && <Typography.Link onClick={() => navigate(`/notices/${o.noticeId}`)}>{t.outgNotice}</Typography.Link>}
                  {canRegister && !o.closedAt && (
                    <Popconfirm title={t.outgCloseConfirm} onConfirm={() => void close(o)}>
                      <Button size="small" data-testid="outage-close">
                        {t.outgClose}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {canRegister && projectId && (
        <NewOutage
          key={projectId}
          projectId={projectId}
          timeZone={tz}
          canLinkNotice={me.capabilities.includes('notice.write') || me.capabilities.includes('notice.approve')}
        />
      )}
    </Space>
  );
}

/** 登记停水停电: kind, buildings (none: the whole project), period, cause, what to tell callers, the notice that announced it. */
function NewOutage({ projectId, timeZone, canLinkNotice }: { projectId: string; timeZone: string; canLinkNotice: boolean }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<OutageValues>();
  const buildings = useBuildings(projectId).data ?? [];
  const notices = usePublishedNotices(projectId, canLinkNotice).data ?? [];
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    form.setFieldValue('startsAt', wallNow(timeZone));
  }, [form, timeZone]);
  const register = async (v: OutageValues) => {
    setProblem(null);
    setSaving(true);
    try {
      await api('POST /api/outages', {
        body: {
          projectId,
          kind: v.kind,
          buildingIds: v.buildingIds ?? [],
          startsAt: instantOf(v.startsAt, timeZone),
          endsAt: instantOrNull(v.endsAt, timeZone),
          cause: v.cause,
          callerScript: v.callerScript,
          noticeId: v.noticeId || null,
        },
      });
      void message.success(t.outgRegistered);
      form.resetFields(['cause', 'callerScript', 'noticeId', 'buildingIds', 'endsAt']);
      await client.invalidateQueries({ queryKey: noticeKeys.outages });
    } catch (e) {
      const error = e as ApiError;
      const field = (error.field ?? '').split('.')[0] ?? '';
      if (['kind', 'buildingIds', 'startsAt', 'endsAt', 'cause', 'callerScript', 'noticeId'].includes(field))
        form.setFields([{ name: field as keyof OutageValues, errors: [error.message] }]);
      else setProblem(error.message);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Card size="small" title={t.outgRegister} data-testid="outage-form">
      <Form<OutageValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void register(v)}
        initialValues={{ kind: 'water', buildingIds: [], startsAt: wallNow(timeZone) }}
      >
        <Row gutter={12}>
          <Col xs={24} md={4}>
            <Form.Item name="kind" label={t.outgKind} rules={[{ required: true }]}>
              <Select options={OUTAGE_KINDS.map((k) => ({ value: k, label: outageKindText(k, lang) }))} data-testid="outage-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="buildingIds" label={t.outgBuildings} extra={t.outgBuildingsHint}>
              <Select mode="multiple" options={buildings.map((b) => ({ value: b.id, label: b.name }))} data-testid="outage-buildings" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="startsAt" label={t.ntcStartsAt} rules={[{ required: true }]}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="outage-starts" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="endsAt" label={t.outgEndsAt}>
              <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="outage-ends" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="cause" label={t.outgCause} rules={[{ required: true }]}>
          <Input maxLength={200} data-testid="outage-cause" />
        </Form.Item>
        <Form.Item name="callerScript" label={t.outgScriptLabel} rules={[{ required: true }]} extra={t.outgScriptHint}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="outage-script" />
        </Form.Item>
        {canLinkNotice && (
          <Form.Item name="noticeId" label={t.outgNoticeLabel}>
            <Select allowClear options={notices.map((n) => ({ value: n.id, label: n.title }))} />
          </Form.Item>
        )}
        {problem && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={problem} />}
        <Button type="primary" htmlType="submit" loading={saving} data-testid="outage-register">
          {t.outgRegister}
        </Button>
      </Form>
    </Card>
  );
}
