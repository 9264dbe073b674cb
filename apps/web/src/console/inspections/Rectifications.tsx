import type { RouteBody } from '@guanjia/api-contract';
import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, DatePicker, Descriptions, Drawer, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant, formatShort } from '../../shared/format';
import { requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { showServerError } from '../server-errors';
import { it, RECTIFICATION_STATUS_LABELS, word } from './inspection-text';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { useStaff } from '../queries';
import { inspectionKeys, useDefects, useProjectZone, useRectifications, useStaffNames, type Rectification } from './queries';

/**
 * 整改通知: a project's rectification notices — title, defects, responsible person, deadline (已逾期 in
 * red), round and step — and 下达整改通知 (defect.manage or inspection.audit) for its unverified defects.
 * A notice opens its steps: the responsible person's measures, then report; the re-inspection passes it
 * (verifying its defects) or sends it back with a new deadline (defect.manage or inspection.audit).
 */
export function Rectifications({ me }: { me: Me }) {
  const { lang } = useI18n();
  const [projectId, setProjectId] = useInspectionProject();
  const list = useRectifications(projectId);
  const names = useStaffNames(projectId);
  const zone = useProjectZone(projectId);
  const can = (c: string) => me.capabilities.includes(c);
  const mayIssue = can('defect.manage') || can('inspection.audit');
  const [issuing, setIssuing] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const rows = (list.data?.items ?? []).filter((r) => r.projectId === projectId);
  const current = rows.find((r) => r.id === open) ?? null;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="rectifications">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('rectifications', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        {mayIssue && (
          <Button type="primary" onClick={() => setIssuing(true)} disabled={!projectId} data-testid="rectification-new">
            {it('issue', lang)}
          </Button>
        )}
      </Space>
      <Table<Rectification>
        rowKey="id"
        size="small"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({ 'data-rectification': r.title, onClick: () => setOpen(r.id), style: { cursor: 'pointer' } }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: it('title', lang), dataIndex: 'title' },
          { title: it('defectsOf', lang), render: (_, r) => it('nDefects', lang, { n: r.defectIds.length }) },
          { title: it('responsible', lang), render: (_, r) => names.get(r.responsibleId) ?? '—' },
          {
            title: it('deadline', lang),
            render: (_, r) => (
              <Space size={4}>
                {formatShort(r.deadline, zone, lang)}
                {r.late && <Tag color="red">{it('lateTag', lang)}</Tag>}
              </Space>
            ),
          },
          { title: it('round', lang), render: (_, r) => it('roundN', lang, { n: r.round }) },
          {
            title: it('status', lang),
            render: (_, r) => (
              <Tag color={r.status === 'passed' ? 'green' : 'blue'} data-testid="rectification-status">
                {word(RECTIFICATION_STATUS_LABELS, r.status, lang)}
              </Tag>
            ),
          },
        ]}
      />
      {issuing && <IssueForm projectId={projectId} onClose={() => setIssuing(false)} />}
      {current && <RectificationDrawer r={current} me={me} zone={zone} names={names} onClose={() => setOpen(null)} />}
    </Space>
  );
}

type IssueValues = { title: string; requirement: string; defectIds: string[]; responsibleId: string; deadline: Dayjs };

function IssueForm({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<IssueValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const defects = (useDefects({ projectId }).data?.items ?? []).filter((d) => d.status !== 'verified');
  const staff = (useStaff(projectId).data ?? []).filter((s) => s.active);
  const send = async (v: IssueValues) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/rectifications', {
        body: {
          projectId,
          title: v.title.trim(),
          requirement: v.requirement.trim(),
          defectIds: v.defectIds,
          responsibleId: v.responsibleId,
          deadline: v.deadline.toDate().toISOString(),
        },
      });
      void message.success(it('issued', lang));
      await client.invalidateQueries({ queryKey: inspectionKeys.rectifications });
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['title', 'requirement', 'defectIds', 'responsibleId', 'deadline']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it('issue', lang)}
      width={Math.min(640, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={it('issue', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'rectification-issue' } as Record<string, string>) }}
      data-testid="rectification-form"
    >
      <Form form={form} layout="vertical" onFinish={send}>
        <Form.Item name="title" label={it('title', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="rectification-title" />
        </Form.Item>
        <Form.Item name="requirement" label={it('requirement', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.long} data-testid="rectification-requirement" />
        </Form.Item>
        <Form.Item name="defectIds" label={it('defectsOf', lang)} rules={[{ required: true, type: 'array', min: 1 }]}>
          <Select
            mode="multiple"
            optionFilterProp="label"
            options={defects.map((d) => ({ value: d.id, label: d.description }))}
            data-testid="rectification-defects"
          />
        </Form.Item>
        <Form.Item name="responsibleId" label={it('responsible', lang)} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="rectification-responsible" />
        </Form.Item>
        <Form.Item name="deadline" label={it('deadline', lang)} rules={[{ required: true }]}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" data-testid="rectification-deadline" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function RectificationDrawer({ r, me, zone, names, onClose }: { r: Rectification; me: Me; zone: string; names: Map<string, string>; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const defects = useDefects({ projectId: r.projectId }).data?.items;
  const described = useMemo(() => new Map((defects ?? []).map((d) => [d.id, d.description])), [defects]);
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const [deadline, setDeadline] = useState<Dayjs | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const responsible = r.responsibleId === me.id;
  const reinspector = me.capabilities.includes('defect.manage') || me.capabilities.includes('inspection.audit');
  const at = (iso: string | null) => formatInstant(iso, zone, lang);
  const step = async (body: Parameters<typeof stepOf>[1], done: string) => {
    setBusy(true);
    setError(null);
    try {
      await stepOf(r.id, body);
      setText('');
      setNote('');
      setDeadline(null);
      void message.success(done);
      await client.invalidateQueries({ queryKey: inspectionKeys.rectifications });
      await client.invalidateQueries({ queryKey: inspectionKeys.defects });
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  const textStep = (kind: 'measures' | 'report') => {
    if (!text.trim()) return setError(requiredMessage(it(kind, lang), lang));
    void step(
      kind === 'measures' ? { kind, measures: text.trim() } : { kind, report: text.trim() },
      it(kind === 'measures' ? 'submitMeasures' : 'submitReport', lang),
    );
  };
  return (
    <Drawer open title={r.title} width={Math.min(560, window.innerWidth)} onClose={onClose} data-testid="rectification-drawer">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space wrap size={4}>
          <Tag color={r.status === 'passed' ? 'green' : 'blue'}>{word(RECTIFICATION_STATUS_LABELS, r.status, lang)}</Tag>
          <Tag>{it('roundN', lang, { n: r.round })}</Tag>
          {r.late && <Tag color="red">{it('lateTag', lang)}</Tag>}
        </Space>
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={it('requirement', lang)}>{r.requirement}</Descriptions.Item>
          <Descriptions.Item label={it('defectsOf', lang)}>
            {r.defectIds.map((id) => (
              <div key={id}>{described.get(id) ?? '—'}</div>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={it('responsible', lang)}>{names.get(r.responsibleId) ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={it('deadline', lang)}>{at(r.deadline)}</Descriptions.Item>
          <Descriptions.Item label={it('issued', lang)}>
            {names.get(r.issuedBy) ?? '—'} · {at(r.issuedAt)}
          </Descriptions.Item>
          {r.measures && (
            <Descriptions.Item label={it('measures', lang)}>
              {r.measures} <Typography.Text type="secondary">· {at(r.measuresAt)}</Typography.Text>
            </Descriptions.Item>
          )}
          {r.report && (
            <Descriptions.Item label={it('report', lang)}>
              {r.report} <Typography.Text type="secondary">· {at(r.reportedAt)}</Typography.Text>
            </Descriptions.Item>
          )}
          {r.reinspectedAt && (
            <Descriptions.Item label={it('reinspect', lang)}>
              {r.reinspectionNote ?? '—'}{' '}
              <Typography.Text type="secondary">
                · {names.get(r.reinspectedBy ?? '') ?? '—'} {at(r.reinspectedAt)}
              </Typography.Text>
            </Descriptions.Item>
          )}
        </Descriptions>
        {responsible && (r.status === 'issued' || r.status === 'measures') && (
          <div data-testid="rectification-step">
            <Input.TextArea
              rows={3}
              maxLength={4000}
              placeholder={it(r.status === 'issued' ? 'measures' : 'report', lang)}
              value={text}
              onChange={(e) => setText(e.target.value)}
              data-testid="rectification-text"
            />
            <Button
              type="primary"
              style={{ marginTop: 8 }}
              loading={busy}
              onClick={() => textStep(r.status === 'issued' ? 'measures' : 'report')}
              data-testid="rectification-step-send"
            >
              {it(r.status === 'issued' ? 'submitMeasures' : 'submitReport', lang)}
            </Button>
          </div>
        )}
        {reinspector && r.status === 'reported' && (
          <div data-testid="rectification-reinspect">
            <Input.TextArea
              rows={2}
              maxLength={2000}
              placeholder={it('reinspectNote', lang)}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              data-testid="rectification-note"
            />
            <div style={{ margin: '8px 0' }}>
              <DatePicker
                showTime={{ format: 'HH:mm' }}
                format="YYYY-MM-DD HH:mm"
                placeholder={it('reinspectDeadline', lang)}
                value={deadline}
                onChange={setDeadline}
                style={{ width: '100%' }}
              />
            </div>
            <Space>
              <Button
                type="primary"
                loading={busy}
                onClick={() => void step({ kind: 'reinspect', passed: true, note: note.trim() || null }, it('reinspectPass', lang))}
                data-testid="rectification-pass"
              >
                {it('reinspectPass', lang)}
              </Button>
              <Button
                danger
                loading={busy}
                onClick={() => {
                  // a failed re-inspection says why (the server's own message names its field by its key)
                  if (!note.trim()) return setError(requiredMessage(it('reinspectNote', lang), lang));
                  void step(
                    { kind: 'reinspect', passed: false, note: note.trim(), deadline: deadline ? deadline.toDate().toISOString() : null },
                    it('reinspectFail', lang),
                  );
                }}
                data-testid="rectification-fail"
              >
                {it('reinspectFail', lang)}
              </Button>
            </Space>
          </div>
        )}
        {error && <Alert type="error" showIcon message={error} data-testid="rectification-error" />}
      </Space>
    </Drawer>
  );
}

const stepOf = (id: string, body: RouteBody<'POST /api/rectifications/:id/steps'>) => api('POST /api/rectifications/:id/steps', { params: { id }, body });
