import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Modal, Popconfirm, Radio, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { navigate } from '../router';
import { showServerError } from '../server-errors';
import { LetterEditor } from './LetterEditor';
import { useOpenLetter, useOpenLetters, useSurveyViewer, type LetterPromise, type OpenLetter } from './letter-queries';
import { deadlineColor, deadlineText, LETTER_STATUS_COLORS, letterStatusText, lt, verdictText, type DeadlineState } from './letter-text';
import { useSurveyWrite } from './survey-queries';

/** A deadline with its state in colour: 2026-12-20 14:00 · 进行中. */
export function Deadline({ at, state, testId }: { at: string | null; state: DeadlineState | null; testId: string }) {
  const { lang } = useI18n();
  if (!at || !state) return <span data-testid={testId}>{lt('notYet', lang)}</span>;
  return (
    <Space size={4} data-testid={testId} data-state={state}>
      <span>{formatShort(at, undefined, lang)}</span>
      <Tag color={deadlineColor(state)}>{deadlineText(state, lang)}</Tag>
    </Space>
  );
}

/**
 * 公开信 (issue 14 item 4, decision 0032): the project's open letters with their two deadlines (posted
 * within 14 days of the survey's close, sent to the quality department within 5 days of posting), and
 * the one chosen: edited and submitted by its writer (notice.write or survey.manage), approved — which
 * posts it as a notice — or returned with a reason by the management representative (never its
 * author), sent to the quality department, whose officer marks each promise kept or not.
 */
export function OpenLetters({ projectId, letterId, onOpen }: { projectId: string; letterId: string | null; onOpen: (id: string) => void }) {
  const { lang } = useI18n();
  const letters = useOpenLetters(projectId);
  const names = useStaffNames(projectId);
  const listed = letters.data?.find((l) => l.id === letterId);
  // a letter named in the address but of another project than the one chosen (a reload, a shared link) is read by itself
  const named = useOpenLetter(letterId, !!letters.data && !listed).data;
  const current = listed ?? named ?? letters.data?.[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="open-letters">
      <Table<OpenLetter>
        rowKey="id"
        size="small"
        pagination={false}
        loading={letters.isLoading}
        dataSource={letters.data ?? []}
        locale={{ emptyText: lt('noLetter', lang) }}
        onRow={(l) => ({ onClick: () => onOpen(l.id), style: { cursor: 'pointer' }, 'data-letter': l.id }) as object}
        rowClassName={(l) => (l.id === current?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: lt('letterTitle', lang), dataIndex: 'title' },
          { title: lt('survey', lang), dataIndex: 'surveyTitle' },
          {
            title: lt('status', lang),
            dataIndex: 'status',
            render: (s: OpenLetter['status']) => <Tag color={LETTER_STATUS_COLORS[s]}>{letterStatusText(s, lang)}</Tag>,
          },
          { title: lt('postBy', lang), key: 'postBy', render: (_, l) => <Deadline at={l.postBy} state={l.postState} testId="letter-row-post" /> },
          { title: lt('reportBy', lang), key: 'reportBy', render: (_, l) => <Deadline at={l.reportBy} state={l.reportState} testId="letter-row-report" /> },
          { title: lt('verified', lang), key: 'verified', render: (_, l) => `${l.promisesVerified} / ${l.promises.length}` },
        ]}
      />
      {current && <LetterCard key={current.id} letter={current} names={names} />}
    </Space>
  );
}

/** Names of the project's staff by id (ids stand in while they load or when one may not read the staff list). */
function useStaffNames(projectId: string): (id: string | null) => string {
  const staff = useStaff(projectId || undefined, !!projectId).data ?? [];
  const byId = new Map(staff.map((s) => [s.id, s.name]));
  return (id) => (id ? (byId.get(id) ?? id) : '—');
}

function LetterCard({ letter, names }: { letter: OpenLetter; names: (id: string | null) => string }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const viewer = useSurveyViewer();
  const write = useSurveyWrite();
  const [error, setError] = useState<string | null>(null);
  const [returning, setReturning] = useState(false);
  const [verifying, setVerifying] = useState<LetterPromise | null>(null);
  const editable = viewer.canWrite && (letter.status === 'draft' || letter.status === 'returned');
  const own = letter.draftedBy === viewer.id;
  const act = async (action: 'approve' | 'report') => {
    setError(null);
    try {
      await write(() => api(action === 'approve' ? 'POST /api/open-letters/:id/approve' : 'POST /api/open-letters/:id/report', { params: { id: letter.id } }));
      void message.success(lt(action === 'approve' ? 'approved' : 'reported', lang));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  return (
    <Card
      data-testid="open-letter"
      data-letter={letter.id}
      title={
        <Space wrap>
          {letter.title}
          <Tag color={LETTER_STATUS_COLORS[letter.status]} data-testid="letter-status">
            {letterStatusText(letter.status, lang)}
          </Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {letter.status === 'submitted' && viewer.canApprove && !own && (
            <>
              <Button onClick={() => setReturning(true)} data-testid="letter-return">
                {lt('returnLetter', lang)}
              </Button>
              <Popconfirm title={lt('approveConfirm', lang)} okText={lt('confirm', lang)} cancelText={lt('cancel', lang)} onConfirm={() => act('approve')}>
                <Button type="primary" data-testid="letter-approve">
                  {lt('approve', lang)}
                </Button>
              </Popconfirm>
            </>
          )}
          {letter.status === 'published' && viewer.canWrite && !letter.reportedAt && (
            <Popconfirm title={lt('reportConfirm', lang)} okText={lt('confirm', lang)} cancelText={lt('cancel', lang)} onConfirm={() => act('report')}>
              <Button type="primary" data-testid="letter-report">
                {lt('report', lang)}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        {error && <Alert type="error" showIcon message={error} closable onClose={() => setError(null)} data-testid="letter-action-error" />}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} data-testid="letter-overview">
          <Descriptions.Item label={lt('survey', lang)}>{letter.surveyTitle}</Descriptions.Item>
          <Descriptions.Item label={lt('draftedBy', lang)}>{names(letter.draftedBy)}</Descriptions.Item>
          <Descriptions.Item label={lt('postBy', lang)}>
            <Deadline at={letter.postBy} state={letter.postState} testId="letter-post" />
          </Descriptions.Item>
          <Descriptions.Item label={lt('reportBy', lang)}>
            <Deadline at={letter.reportBy} state={letter.reportState} testId="letter-report-by" />
          </Descriptions.Item>
          {letter.approvedBy && <Descriptions.Item label={lt('approvedBy', lang)}>{names(letter.approvedBy)}</Descriptions.Item>}
          {letter.reportedAt && (
            <Descriptions.Item label={lt('reportedAt', lang)}>
              <span data-testid="letter-reported-at">
                {formatShort(letter.reportedAt, undefined, lang)} · {names(letter.reportedBy)}
              </span>
            </Descriptions.Item>
          )}
          {letter.noticeId && (
            <Descriptions.Item label={lt('postedAsNotice', lang)}>
              {viewer.canOpenNotices ? (
                <Typography.Link onClick={() => navigate(`/notices/${letter.noticeId}`)} data-testid="letter-notice">
                  {lt('viewNotice', lang)}
                </Typography.Link>
              ) : (
                <span data-testid="letter-notice">{letter.publishedAt ? formatShort(letter.publishedAt, undefined, lang) : ''}</span>
              )}
            </Descriptions.Item>
          )}
        </Descriptions>
        {letter.status === 'returned' && letter.returnedReason && (
          <Alert
            type="warning"
            showIcon
            data-testid="letter-returned"
            message={`${lt('returnedBy', lang)}（${names(letter.returnedBy)}${letter.returnedAt ? ` · ${formatShort(letter.returnedAt, undefined, lang)}` : ''}）`}
            description={<span data-testid="letter-returned-reason">{letter.returnedReason}</span>}
          />
        )}
        {letter.status === 'submitted' && viewer.canApprove && own && <Alert type="info" showIcon message={lt('ownLetter', lang)} />}
        {letter.status === 'submitted' && !viewer.canApprove && <Alert type="info" showIcon message={lt('awaiting', lang)} />}
        {editable ? (
          <LetterEditor key={letter.updatedAt} letter={letter} />
        ) : (
          <>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="letter-body">
              {letter.body}
            </Typography.Paragraph>
            <PromiseTable letter={letter} names={names} onVerify={setVerifying} />
          </>
        )}
      </Space>
      {returning && <ReturnLetter letter={letter} onClose={() => setReturning(false)} />}
      {verifying && <VerifyPromise letter={letter} promise={verifying} onClose={() => setVerifying(null)} />}
    </Card>
  );
}

/** The letter's promises; once it is posted, the quality department's finding on each (survey.manage marks them). */
function PromiseTable({ letter, names, onVerify }: { letter: OpenLetter; names: (id: string | null) => string; onVerify: (p: LetterPromise) => void }) {
  const { lang } = useI18n();
  const viewer = useSurveyViewer();
  const published = letter.status === 'published';
  return (
    <Table<LetterPromise>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={letter.promises}
      data-testid="letter-promises"
      onRow={(p) => ({ 'data-promise': p.id }) as object}
      title={() => <strong>{lt('promises', lang)}</strong>}
      columns={[
        { title: '#', key: 'n', width: 40, render: (_, _p, i) => i + 1 },
        { title: lt('promiseText', lang), dataIndex: 'text' },
        { title: lt('dueOn', lang), dataIndex: 'dueOn', width: 120, render: (d: string | null) => d ?? '—' },
        ...(published
          ? [
              {
                title: lt('verdict', lang),
                key: 'verdict',
                width: 110,
                render: (_: unknown, p: LetterPromise) =>
                  p.verdict ? (
                    <Tag color={p.verdict === 'kept' ? 'green' : 'red'} data-testid="promise-verdict">
                      {verdictText(p.verdict, lang)}
                    </Tag>
                  ) : (
                    <Tag data-testid="promise-verdict">{lt('notVerified', lang)}</Tag>
                  ),
              },
              {
                title: lt('verifyNote', lang),
                key: 'note',
                render: (_: unknown, p: LetterPromise) =>
                  p.verifiedAt ? `${p.note ?? ''}（${names(p.verifiedBy)} · ${formatShort(p.verifiedAt, undefined, lang)}）` : '—',
              },
              ...(viewer.canVerify
                ? [
                    {
                      title: '',
                      key: 'verify',
                      width: 80,
                      render: (_: unknown, p: LetterPromise) => (
                        <Button size="small" onClick={() => onVerify(p)} data-testid="promise-verify">
                          {lt('verify', lang)}
                        </Button>
                      ),
                    },
                  ]
                : []),
            ]
          : []),
      ]}
    />
  );
}

/** 退回: the management representative sends the letter back to its author with a reason (the server's refusal on the field). */
function ReturnLetter({ letter, onClose }: { letter: OpenLetter; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  const [form] = Form.useForm<{ reason: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async ({ reason }: { reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await write(() => api('POST /api/open-letters/:id/return', { params: { id: letter.id }, body: { reason } }));
      void message.success(lt('returned', lang));
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${lt('returnLetter', lang)} · ${letter.title}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={lt('returnLetter', lang)}
      cancelText={lt('cancel', lang)}
      okButtonProps={{ 'data-testid': 'letter-return-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => void save(v)} data-testid="letter-return-form">
        <Form.Item name="reason" label={lt('returnReason', lang)} rules={[{ required: true, whitespace: true, message: lt('needText', lang) }]}>
          <Input.TextArea rows={3} maxLength={200} data-testid="letter-return-reason" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

/** 核实: the quality department's finding on one promise, kept or not kept, with a note. */
function VerifyPromise({ letter, promise, onClose }: { letter: OpenLetter; promise: LetterPromise; onClose: () => void }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const write = useSurveyWrite();
  type Values = { verdict: 'kept' | 'not_kept'; note?: string };
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const save = async ({ verdict, note }: Values) => {
    setBusy(true);
    setError(null);
    try {
      const body = note?.trim() ? { verdict, note: note.trim() } : { verdict };
      await write(() => api('POST /api/open-letters/:id/promises/:promiseId/verify', { params: { id: letter.id, promiseId: promise.id }, body }));
      void message.success(lt('verifyDone', lang));
      onClose();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['verdict', 'note']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={`${lt('verify', lang)} · ${promise.text}`}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={busy}
      okText={lt('save', lang)}
      cancelText={lt('cancel', lang)}
      okButtonProps={{ 'data-testid': 'promise-verify-save' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => void save(v)}
        initialValues={{ verdict: promise.verdict ?? undefined, note: promise.note ?? '' }}
        data-testid="promise-verify-form"
      >
        <Form.Item name="verdict" label={lt('verdict', lang)} rules={[{ required: true, message: lt('needText', lang) }]}>
          <Radio.Group
            options={(['kept', 'not_kept'] as const).map((v) => ({ value: v, label: verdictText(v, lang) }))}
            optionType="button"
            data-testid="promise-verdict-choice"
          />
        </Form.Item>
        <Form.Item name="note" label={lt('verifyNote', lang)}>
          <Input.TextArea rows={3} maxLength={200} data-testid="promise-verify-note" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
