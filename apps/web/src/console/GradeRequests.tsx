import type { RouteQuery, RouteResponse } from '@guanjia/api-contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../shared/api';
import { formatInstant } from '../shared/format';
import { OWNER_GRADE_LABELS, label, rt, useI18n } from '../shared/i18n';
import { keys, useStaff } from './queries';
import { navigate } from './router';

type GradeRequest = RouteResponse<'GET /api/grade-requests'>[number];
type Status = NonNullable<RouteQuery<'GET /api/grade-requests'>['status']>;
type Grade = GradeRequest['toGrade'];
const GRADES = Object.keys(OWNER_GRADE_LABELS) as Grade[];
const gradeRequestsKey = ['grade-requests'] as const;

/** Customer-grade change requests (客户分级变更, seed 004), of one owner or of every owner in scope. */
function useGradeRequests(filter: { ownerId?: string; status?: Status }) {
  return useQuery({
    queryKey: [...gradeRequestsKey, filter.ownerId ?? 'all', filter.status ?? 'any'],
    queryFn: () => api('GET /api/grade-requests', { query: { ...filter, limit: 200 } }),
  });
}

/**
 * The owner's customer grade on the archive: 申请变更分级 (target grade and reason) for those who keep
 * the archive; the owner's requests below, with 批准/驳回 for an office manager or leadership.
 */
export function OwnerGradePanel({ ownerId, grade, canRequest, canApprove }: { ownerId: string; grade: string; canRequest: boolean; canApprove: boolean }) {
  const { lang } = useI18n();
  const [asking, setAsking] = useState(false);
  const requests = useGradeRequests({ ownerId }).data ?? [];
  const pending = requests.some((r) => r.status === 'pending');
  return (
    <Card
      title={rt('gradeChange', lang)}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="grade-panel"
      extra={
        <Space>
          <Tag color="gold" data-testid="owner-grade">
            {label(OWNER_GRADE_LABELS, grade, lang)}
          </Tag>
          {canRequest && !pending && (
            <Button size="small" onClick={() => setAsking(true)} data-testid="request-grade">
              {rt('requestGrade', lang)}
            </Button>
          )}
        </Space>
      }
    >
      <GradeRequestTable requests={requests} canApprove={canApprove} />
      {asking && <RequestGradeDialog ownerId={ownerId} current={grade} onClose={() => setAsking(false)} />}
    </Card>
  );
}

/** 分级审批: every request in the caller's projects, pending first; the owner's archive one click away. */
export function GradeRequestsPage({ canApprove }: { canApprove: boolean }) {
  const { lang } = useI18n();
  const [status, setStatus] = useState<Status>('pending');
  const requests = useGradeRequests({ status }).data ?? [];
  return (
    <Card title={rt('gradeRequests', lang)} data-testid="grade-requests-page">
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as Status)}
        options={(['pending', 'approved', 'rejected'] as const).map((s) => ({ value: s, label: rt(s, lang) }))}
      />
      <GradeRequestTable requests={requests} canApprove={canApprove} withOwner />
    </Card>
  );
}

function GradeRequestTable({ requests, canApprove, withOwner = false }: { requests: GradeRequest[]; canApprove: boolean; withOwner?: boolean }) {
  const { t, lang } = useI18n();
  const names = new Map((useStaff(undefined).data ?? []).map((s) => [s.id, s.name]));
  const [deciding, setDeciding] = useState<{ request: GradeRequest; approve: boolean } | null>(null);
  return (
    <>
      <Table<GradeRequest>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={requests}
        locale={{ emptyText: rt('noGradeRequests', lang) }}
        onRow={(r) => ({ 'data-grade-request': r.status }) as never}
        columns={[
          ...(withOwner
            ? [
                {
                  title: t.owner,
                  dataIndex: 'ownerId',
                  render: (id: string) => <a onClick={() => navigate(`/owners/${id}`)}>{t.archive}</a>,
                },
              ]
            : []),
          {
            title: rt('gradeChange', lang),
            dataIndex: 'toGrade',
            render: (_: unknown, r: GradeRequest) => `${label(OWNER_GRADE_LABELS, r.fromGrade, lang)} → ${label(OWNER_GRADE_LABELS, r.toGrade, lang)}`,
          },
          { title: rt('gradeReason', lang), dataIndex: 'reason' },
          {
            title: rt('requestedBy', lang),
            dataIndex: 'requestedBy',
            render: (id: string, r: GradeRequest) => `${names.get(id) ?? '—'} · ${formatInstant(r.requestedAt, 'Asia/Shanghai', lang)}`,
          },
          {
            title: rt('decision', lang),
            dataIndex: 'status',
            render: (s: GradeRequest['status'], r: GradeRequest) =>
              s === 'pending' && canApprove ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setDeciding({ request: r, approve: true })} data-testid="grade-approve">
                    {rt('approve', lang)}
                  </Button>
                  <Button size="small" danger onClick={() => setDeciding({ request: r, approve: false })} data-testid="grade-reject">
                    {rt('reject', lang)}
                  </Button>
                </Space>
              ) : (
                <span>
                  <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'orange'} data-testid="grade-status">
                    {rt(s, lang)}
                  </Tag>
                  {r.decisionNote ?? ''}
                </span>
              ),
          },
        ]}
      />
      {deciding && <DecideDialog {...deciding} onClose={() => setDeciding(null)} />}
    </>
  );
}

/** After a change: the requests, and the owner's archive (its grade). */
function useRefresh() {
  const client = useQueryClient();
  return (ownerId: string) => {
    void client.invalidateQueries({ queryKey: gradeRequestsKey });
    void client.invalidateQueries({ queryKey: keys.owner(ownerId) });
  };
}

function RequestGradeDialog({ ownerId, current, onClose }: { ownerId: string; current: string; onClose: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<{ toGrade: Grade; reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const submit = async (values: { toGrade: Grade; reason: string }) => {
    try {
      await api('POST /api/owners/:id/grade-requests', { params: { id: ownerId }, body: values });
      refresh(ownerId);
      onClose();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Modal open title={rt('requestGrade', lang)} onCancel={onClose} onOk={() => form.submit()} okButtonProps={{ 'data-testid': 'grade-request-ok' } as never}>
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="toGrade" label={rt('toGrade', lang)} rules={[{ required: true }]}>
          <Select
            data-testid="grade-target"
            options={GRADES.filter((g) => g !== current).map((g) => ({ value: g, label: label(OWNER_GRADE_LABELS, g, lang) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={rt('gradeReason', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={2} data-testid="grade-reason" />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="grade-error" />}
    </Modal>
  );
}

/** 批准 (a note if wished) or 驳回 (a note is required: why). */
function DecideDialog({ request, approve, onClose }: { request: GradeRequest; approve: boolean; onClose: () => void }) {
  const { lang } = useI18n();
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const refresh = useRefresh();
  const decide = async () => {
    try {
      const body = note.trim() ? { note: note.trim() } : {};
      if (approve) await api('POST /api/grade-requests/:id/approve', { params: { id: request.id }, body });
      else await api('POST /api/grade-requests/:id/reject', { params: { id: request.id }, body });
      refresh(request.ownerId);
      onClose();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Modal
      open
      title={`${rt(approve ? 'approve' : 'reject', lang)} · ${label(OWNER_GRADE_LABELS, request.fromGrade, lang)} → ${label(OWNER_GRADE_LABELS, request.toGrade, lang)}`}
      onCancel={onClose}
      onOk={() => void decide()}
      okButtonProps={{ disabled: !approve && !note.trim(), 'data-testid': 'grade-decide-ok' } as never}
    >
      <Typography.Paragraph>{request.reason}</Typography.Paragraph>
      <Input.TextArea
        rows={2}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={rt(approve ? 'approveNote' : 'rejectNote', lang)}
        data-testid="grade-note"
      />
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} data-testid="grade-error" />}
    </Modal>
  );
}
