import { NOTICE_CHANNELS, NOTICE_KINDS, NOTICE_LEAD_HOURS, type NoticeChannel, type NoticeKind, type NoticeTargetScope } from '@guanjia/vocabulary';
import type { RouteBody } from '@guanjia/api-contract';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Checkbox, Col, DatePicker, Form, Input, Radio, Row, Select, Space, Switch, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { label, useI18n } from '../../shared/i18n';
import { DELIVERY_CHANNEL_LABELS } from '../../shared/i18n-messaging';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { noticeKindText } from './notice-text';
import { noticeKeys, useBuildings, useUnits, type Notice } from './queries';
import { ReachPanel } from './ReachPanel';
import { instantOrNull, wallClock } from './wall-clock';

interface NoticeFormValues {
  projectId: string;
  kind: NoticeKind;
  title: string;
  body: string;
  targetScope: NoticeTargetScope;
  buildingIds: string[];
  unitIds: string[];
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
  expiresAt: Dayjs | null;
  emergency: boolean;
  emergencyReason?: string;
  channels: NoticeChannel[];
  paperPosting: boolean;
}

/** The fields the server names in its refusals, and where each shows on this form. */
const FIELDS = ['projectId', 'kind', 'title', 'body', 'startsAt', 'endsAt', 'expiresAt', 'emergencyReason', 'channels'] as const;

function initialValues(n: Notice | null, tz: string, projectId: string): Partial<NoticeFormValues> {
  if (!n)
    return {
      projectId,
      kind: 'water_cut',
      targetScope: 'project',
      buildingIds: [],
      unitIds: [],
      emergency: false,
      channels: [...NOTICE_CHANNELS],
      paperPosting: false,
    };
  return {
    projectId: n.projectId,
    kind: n.kind,
    title: n.title,
    body: n.body,
    targetScope: n.targetScope,
    buildingIds: n.targetScope === 'buildings' ? n.targetIds : [],
    unitIds: n.targetScope === 'units' ? n.targetIds : [],
    startsAt: n.startsAt ? wallClock(n.startsAt, tz) : null,
    endsAt: n.endsAt ? wallClock(n.endsAt, tz) : null,
    expiresAt: n.expiresAt ? wallClock(n.expiresAt, tz) : null,
    emergency: n.emergency,
    emergencyReason: n.emergencyReason ?? '',
    channels: n.channels,
    paperPosting: n.paperPosting,
  };
}

/**
 * A notice's editor (起草通知, issue 13 item 5), for a new notice or its author's draft: kind (停水, 停电,
 * 消杀, 电梯停运, 温馨提示 …), title and text, whom it is for (the whole project, some buildings, some
 * units), the disruption's period, its expiry, 紧急通知 with its reason, the channels to push it on and
 * paper posting. 保存草稿 keeps it (the reach and 导出名单 follow); 提交审批 saves and submits it — the
 * server's checks (the lead time, an emergency's reason and expiry, personal data in the text, shown
 * masked) come back on their fields. Times are the project's wall clock.
 */
export function NoticeEditor({ me, notice }: { me: Me; notice: Notice | null }) {
  const { t, lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const projects = useProjects().data ?? [];
  const [form] = Form.useForm<NoticeFormValues>();
  const [saved, setSaved] = useState<Notice | null>(notice);
  const [busy, setBusy] = useState<'save' | 'submit' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const projectId = Form.useWatch('projectId', form) ?? saved?.projectId ?? '';
  const scope = Form.useWatch('targetScope', form) ?? 'project';
  const emergency = Form.useWatch('emergency', form) ?? false;
  const kind = Form.useWatch('kind', form) ?? notice?.kind ?? 'water_cut';
  const tz = projects.find((p) => p.id === projectId)?.timeZone ?? 'Asia/Shanghai';
  const buildings = useBuildings(projectId).data ?? [];
  const units = useUnits(projectId, scope === 'units').data ?? [];
  const buildingName = new Map(buildings.map((b) => [b.id, b.name]));
  // a new notice: the first project, once the list has come
  useEffect(() => {
    if (!saved && projects[0] && !form.getFieldValue('projectId')) form.setFieldValue('projectId', projects[0].id);
  }, [projects, saved, form]);

  const bodyOf = (v: NoticeFormValues) => ({
    kind: v.kind,
    title: v.title,
    body: v.body,
    emergency: v.emergency,
    emergencyReason: v.emergency ? v.emergencyReason?.trim() || null : null,
    startsAt: instantOrNull(v.startsAt, tz),
    endsAt: instantOrNull(v.endsAt, tz),
    expiresAt: instantOrNull(v.expiresAt, tz),
    targetScope: v.targetScope,
    targetIds: v.targetScope === 'buildings' ? v.buildingIds : v.targetScope === 'units' ? v.unitIds : [],
    channels: v.channels,
    paperPosting: v.paperPosting,
  });

  /** Shows a refusal on its field (targetIds.N on the buildings or units chosen), else above the buttons. */
  const showRefusal = (e: ApiError) => {
    const field = (e.field ?? '').split('.')[0] ?? '';
    if (field === 'targetIds') form.setFields([{ name: form.getFieldValue('targetScope') === 'units' ? 'unitIds' : 'buildingIds', errors: [e.message] }]);
    else if ((FIELDS as readonly string[]).includes(field)) form.setFields([{ name: field as keyof NoticeFormValues, errors: [e.message] }]);
    else setProblem(e.message);
  };

  /** Saves the form: a new draft (its address becomes the page's, without leaving the form), or the draft's changes. */
  const persist = async (v: NoticeFormValues): Promise<Notice> => {
    const body = bodyOf(v);
    const next = saved
      ? await api('PATCH /api/notices/:id', { params: { id: saved.id }, body: { ...body, expectedVersion: saved.version } })
      : await api('POST /api/notices', { body: { projectId: v.projectId, ...body } as RouteBody<'POST /api/notices'> });
    if (!saved) history.replaceState(null, '', `/notices/${next.id}`);
    setSaved(next);
    void client.invalidateQueries({ queryKey: noticeKeys.notices });
    return next;
  };

  const run = async (action: 'save' | 'submit') => {
    setProblem(null);
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    // the server's earlier refusals are cleared: what it says now is shown afresh
    form.setFields(FIELDS.map((name) => ({ name, errors: [] })));
    setBusy(action);
    try {
      const draft = await persist(values);
      if (action === 'save') {
        void message.success(t.ntcDraftSaved);
        return;
      }
      await api('POST /api/notices/:id/submit', { params: { id: draft.id } });
      void message.success(t.ntcSubmitted);
      await client.invalidateQueries({ queryKey: noticeKeys.notices });
      // the page of the notice (now awaiting approval) takes over
      if (location.pathname === `/notices/${draft.id}`) window.dispatchEvent(new Event('gj:navigate'));
      else navigate(`/notices/${draft.id}`);
    } catch (e) {
      showRefusal(e as ApiError);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card
        title={saved ? t.ntcEditDraft : t.ntcNew}
        extra={
          <Button size="small" onClick={() => navigate('/notices')}>
            {t.ntcBackToLedger}
          </Button>
        }
        data-testid="notice-editor"
      >
        {saved?.supersedesId && (
          <Alert
            style={{ marginBottom: 12 }}
            type="info"
            showIcon
            message={t.ntcCorrectionOf}
            action={
              <Button size="small" onClick={() => navigate(`/notices/${saved.supersedesId}`)}>
                {t.ntcOpen}
              </Button>
            }
          />
        )}
        {saved?.rejectedReason && (
          <Alert
            style={{ marginBottom: 12 }}
            type="warning"
            showIcon
            message={`${t.ntcRejectedBecause}：${saved.rejectedReason}`}
            data-testid="notice-rejected-reason"
          />
        )}
        <Form<NoticeFormValues> form={form} layout="vertical" initialValues={initialValues(notice, tz, '')}>
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="projectId" label={t.project} rules={[{ required: true }]}>
                <Select disabled={!!saved} options={projects.map((p) => ({ value: p.id, label: p.name }))} data-testid="notice-project" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="kind" label={t.ntcKind} rules={[{ required: true }]}>
                <Select options={NOTICE_KINDS.map((k) => ({ value: k, label: noticeKindText(k, lang) }))} data-testid="notice-kind" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="emergency" label={t.ntcEmergency} valuePropName="checked" extra={t.ntcEmergencyHint}>
                <Switch data-testid="notice-emergency" />
              </Form.Item>
            </Col>
          </Row>
          {emergency && (
            <Form.Item name="emergencyReason" label={t.ntcEmergencyReason}>
              <Input.TextArea rows={2} maxLength={500} data-testid="notice-emergency-reason" style={{ borderColor: '#ff4d4f' }} />
            </Form.Item>
          )}
          <Form.Item name="title" label={t.title} rules={[{ required: true }]}>
            <Input maxLength={100} data-testid="notice-title" />
          </Form.Item>
          <Form.Item name="body" label={t.ntcBody} rules={[{ required: true }]} extra={t.ntcBodyHint}>
            <Input.TextArea rows={5} maxLength={2000} showCount data-testid="notice-body" />
          </Form.Item>
          <Form.Item name="targetScope" label={t.ntcTarget}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'project', label: t.ntcTargetProject },
                { value: 'buildings', label: t.ntcTargetBuildings },
                { value: 'units', label: t.ntcTargetUnits },
              ]}
              data-testid="notice-scope"
            />
          </Form.Item>
          {scope === 'buildings' && (
            <Form.Item name="buildingIds" label={t.ntcBuildings} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select mode="multiple" options={buildings.map((b) => ({ value: b.id, label: b.name }))} data-testid="notice-buildings" />
            </Form.Item>
          )}
          {scope === 'units' && (
            <Form.Item name="unitIds" label={t.ntcUnits} rules={[{ required: true, type: 'array', min: 1 }]}>
              <Select
                mode="multiple"
                optionFilterProp="label"
                options={units
                  .filter((u) => u.kind !== 'public_area')
                  .map((u) => ({ value: u.id, label: `${buildingName.get(u.buildingId) ?? ''}${u.entrance ? `-${u.entrance}单元` : ''}-${u.code}` }))}
                data-testid="notice-units"
              />
            </Form.Item>
          )}
          <Row gutter={12}>
            <Col xs={24} md={8}>
              {/* 停水, 停电, 消杀 name their start (the server refuses them without one; a draft may be saved without) */}
              <Form.Item name="startsAt" label={t.ntcStartsAt} extra={t.ntcLeadTimeHint} required={NOTICE_LEAD_HOURS[kind] !== undefined}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="notice-starts" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="endsAt" label={t.ntcEndsAt}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="notice-ends" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="expiresAt" label={t.ntcExpiresAt} extra={t.ntcExpiryHint}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} data-testid="notice-expires" />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={12}>
            <Col xs={24} md={16}>
              <Form.Item name="channels" label={t.ntcChannels} extra={t.ntcChannelsHint}>
                <Checkbox.Group
                  options={NOTICE_CHANNELS.map((c) => ({ value: c, label: label(DELIVERY_CHANNEL_LABELS, c, lang) }))}
                  data-testid="notice-channels"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="paperPosting" valuePropName="checked" label={t.ntcPaperPosting} extra={t.ntcPaperPostingHint}>
                <Switch data-testid="notice-paper" />
              </Form.Item>
            </Col>
          </Row>
          {problem && <Alert style={{ marginBottom: 12 }} type="error" showIcon message={problem} data-testid="notice-problem" />}
          <Space wrap>
            <Button onClick={() => void run('save')} loading={busy === 'save'} disabled={!!busy} data-testid="notice-save">
              {t.ntcSaveDraft}
            </Button>
            <Button type="primary" onClick={() => void run('submit')} loading={busy === 'submit'} disabled={!!busy} data-testid="notice-submit">
              {t.ntcSubmit}
            </Button>
            <Typography.Text type="secondary">{me.name}</Typography.Text>
          </Space>
        </Form>
      </Card>
      {saved ? <ReachPanel noticeId={saved.id} version={saved.version} timeZone={tz} /> : <Alert type="info" showIcon message={t.ntcReachAfterSave} />}
    </Space>
  );
}
