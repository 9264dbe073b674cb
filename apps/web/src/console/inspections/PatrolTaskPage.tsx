import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Image, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { requiredMessage, useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate } from '../router';
import { CheckForm, type Recorded } from './CheckForm';
import { hm, monthDay } from './clock';
import { useWatchedPosition } from './geo';
import {
  ACCEPTANCE_LABELS,
  GRADE_COLOURS,
  gradeText,
  it,
  PHOTO_FLAG_LABELS,
  PLAN_KIND_LABELS,
  RESULT_LABELS,
  specialtyText,
  taskStatusText,
  word,
} from './inspection-text';
import { inspectionKeys, useProjectZone, useStaffNames, useTask, type PatrolTask, type ScanResult, type TaskCheck } from './queries';
import { ScanPanel } from './ScanPanel';
import { TransferDialog } from './TransferDialog';

/**
 * A patrol task on the inspector's phone: its plan, date and round, and each point in the route's order
 * with its window (时间窗 10:30–11:00) and state — 待检, or 已检 with its grade (提前/准时/迟到; 漏检 once the
 * task ended), result, photos and any photo flagged as reused. An unchecked point of an open task of
 * mine offers 扫码打卡 (ScanPanel); the scanned point's check follows (CheckForm). 转交 hands the task to
 * another inspector with a reason. The phone's position is watched while a point is being scanned.
 */
export function PatrolTaskPage({ id, me }: { id: string; me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const task = useTask(id);
  const zone = useProjectZone(task.data?.projectId);
  const [scanningAt, setScanningAt] = useState<string | null>(null);
  const [scanned, setScanned] = useState<{ scan: ScanResult; at: number } | null>(null);
  const [transferring, setTransferring] = useState(false);
  const position = useWatchedPosition(scanningAt !== null || scanned !== null, lang);
  if (task.error) return <Alert type="error" showIcon message={(task.error as ApiError).message || it('taskNotFound', lang)} />;
  const t = task.data;
  if (!t) return null;
  const mine = t.assigneeId === me.id && t.status === 'open';
  const recorded = async (r: Recorded) => {
    setScanned(null);
    void message.success(it('recorded', lang, { grade: gradeText(r.grade, lang) }));
    await Promise.all([client.invalidateQueries({ queryKey: inspectionKeys.tasks }), client.invalidateQueries({ queryKey: inspectionKeys.defects })]);
  };
  return (
    <div data-testid="patrol-task" style={{ maxWidth: 640 }}>
      <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
        {/* back to where it was opened from: 我的巡检 for its inspector, 巡检任务 for the readers */}
        {t.assigneeId === me.id || !me.capabilities.some((c) => READERS.includes(c)) ? (
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/patrol')}>
            ← {it('myPatrol', lang)}
          </Button>
        ) : (
          <Button type="link" style={{ padding: 0 }} onClick={() => navigate(`/patrol-tasks?date=${t.date}`)}>
            ← {it('backToTasks', lang)}
          </Button>
        )}
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="task-plan">
          {t.planName}
        </Typography.Title>
        <Space wrap size={4}>
          <Typography.Text strong>
            {monthDay(t.date)} · {it('roundAt', lang, { round: t.round })}
          </Typography.Text>
          <Tag>{word(PLAN_KIND_LABELS, t.kind, lang)}</Tag>
          <Tag color={t.status === 'open' ? 'blue' : t.status === 'done' ? 'green' : 'red'} data-testid="task-status">
            {taskStatusText(t.status, lang)}
          </Tag>
          {t.acceptance && <Tag>{word(ACCEPTANCE_LABELS, t.acceptance, lang)}</Tag>}
          <Typography.Text type="secondary">
            {hm(t.startsAt, zone)}–{hm(t.endsAt, zone)}
          </Typography.Text>
        </Space>
        {t.transferReason && <Typography.Text type="secondary">{it('transferredFrom', lang, { reason: t.transferReason })}</Typography.Text>}
        {/* the assignee hands it over; an inspection administrator assigns an open task (one nobody was on duty for) */}
        {(mine || (t.status === 'open' && me.capabilities.includes('inspection.admin'))) && (
          <div>
            <Button size="small" onClick={() => setTransferring(true)} data-testid="task-transfer">
              {it('transfer', lang)}
            </Button>
          </div>
        )}
      </Space>
      {t.kind === 'maintenance' && t.status === 'done' && <Acceptance task={t} me={me} />}
      <Space direction="vertical" size={8} style={{ width: '100%' }}>
        {t.checks.map((c) => (
          <PointCard
            key={c.pointId}
            task={t}
            check={c}
            zone={zone}
            mine={mine}
            scanning={scanningAt === c.pointId}
            checking={scanned?.scan.point.id === c.pointId}
            onScan={() => {
              setScanned(null);
              setScanningAt(scanningAt === c.pointId ? null : c.pointId);
            }}
          >
            {scanningAt === c.pointId && !scanned && (
              <ScanPanel
                taskId={t.id}
                fix={position.fix}
                positionProblem={position.problem}
                onScanned={(scan) => {
                  setScanningAt(null);
                  setScanned({ scan, at: Date.now() });
                }}
              />
            )}
            {scanned?.scan.point.id === c.pointId && (
              <CheckForm
                taskId={t.id}
                scan={scanned.scan}
                receivedAt={scanned.at}
                fix={position.fix}
                onRecorded={(r) => void recorded(r)}
                onExpired={() => void client.invalidateQueries({ queryKey: inspectionKeys.task(t.id) })}
              />
            )}
          </PointCard>
        ))}
      </Space>
      {transferring && (
        <TransferDialog
          task={t}
          onClose={() => setTransferring(false)}
          onDone={() => {
            setTransferring(false);
            void message.success(it('transferred', lang));
            void client.invalidateQueries({ queryKey: inspectionKeys.tasks });
            navigate(mine ? '/patrol' : `/patrol-tasks?date=${t.date}`);
          }}
        />
      )}
    </div>
  );
}

function PointCard({
  task,
  check: c,
  zone,
  mine,
  scanning,
  checking,
  onScan,
  children,
}: {
  task: PatrolTask;
  check: TaskCheck;
  zone: string;
  mine: boolean;
  scanning: boolean;
  checking: boolean;
  onScan: () => void;
  children: React.ReactNode;
}) {
  const { lang } = useI18n();
  const done = c.checkedAt !== null;
  const state = done ? (
    <Space size={4} wrap>
      <Tag color="green">{it('checked', lang)}</Tag>
      <Tag color={GRADE_COLOURS[c.grade ?? '']} data-testid="point-grade">
        {gradeText(c.grade, lang)}
      </Tag>
      <Tag color={c.result === 'abnormal' ? 'red' : 'green'} data-testid="point-result">
        {word(RESULT_LABELS, c.result, lang)}
      </Tag>
      {c.makeup && <Tag color="purple">{it('makeupTag', lang)}</Tag>}
      {c.defectId && <Tag color="volcano">{it('defectOpened', lang)}</Tag>}
    </Space>
  ) : task.status !== 'open' ? (
    <Tag color={GRADE_COLOURS.missed} data-testid="point-grade">
      {gradeText(c.grade ?? 'missed', lang)}
    </Tag>
  ) : (
    <Tag data-testid="point-todo">{it('toCheck', lang)}</Tag>
  );
  return (
    <Card size="small" data-point={c.pointName} data-testid="task-point" data-checked={done ? 'true' : 'false'}>
      <Space wrap size={4} style={{ width: '100%', justifyContent: 'space-between' }}>
        <Typography.Text strong style={{ fontSize: 16 }}>
          {c.seq + 1}. {c.pointName}
        </Typography.Text>
        {state}
      </Space>
      <div>
        <Typography.Text type="secondary">{[c.place, specialtyText(c.specialty, lang)].filter(Boolean).join(' · ')}</Typography.Text>
      </div>
      <div data-testid="point-window">
        {it('windowOf', lang, { from: hm(c.opensAt, zone), to: hm(c.closesAt, zone) })}
        {done && (
          <Typography.Text type="secondary">
            {' '}
            · {it('checked', lang)} {hm(c.checkedAt, zone)}
            {c.distanceM !== null ? ` · ${it('distance', lang, { m: c.distanceM })}` : ''}
          </Typography.Text>
        )}
      </div>
      {c.note && <div>{c.note}</div>}
      {c.photoIds.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={4} style={{ marginTop: 4 }}>
            {c.photoIds.map((pid) => (
              <Image key={pid} width={56} height={56} style={{ objectFit: 'cover' }} src={`/api/attachments/${pid}`} alt="" />
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {c.photoFlags.map((f) => (
        <Alert
          key={f.attachmentId}
          type="warning"
          showIcon
          style={{ marginTop: 4 }}
          message={it('photoFlag', lang, { kind: word(PHOTO_FLAG_LABELS, f.kind, lang) })}
          data-testid="point-photo-flag"
        />
      ))}
      {!done && c.awaitingVerification.length > 0 && (
        <Typography.Paragraph type="warning" style={{ margin: '4px 0 0' }}>
          {it('awaiting', lang)}：{c.awaitingVerification.length}
        </Typography.Paragraph>
      )}
      {!done && mine && !checking && (
        <Button type={scanning ? 'default' : 'primary'} block size="large" style={{ marginTop: 8 }} onClick={onScan} data-testid="point-scan">
          {scanning ? it('closeScan', lang) : it('scan', lang)}
        </Button>
      )}
      {children}
    </Card>
  );
}

const READERS = ['inspection.read', 'inspection.admin', 'inspection.audit', 'defect.manage', 'inspection.check'];

/**
 * 验收 of a finished maintenance task: its state, and for whoever may accept — the plan's acceptor or an
 * inspection administrator, never who did the work (the server decides and says so) — 验收通过 or 验收不通过
 * with the note it needs.
 */
function Acceptance({ task, me }: { task: PatrolTask; me: Me }) {
  const { lang } = useI18n();
  const client = useQueryClient();
  const names = useStaffNames(task.projectId);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const may =
    task.acceptance !== 'accepted' &&
    task.assigneeId !== me.id &&
    (me.capabilities.includes('inspection.admin') || me.capabilities.includes('inspection.check'));
  const decide = async (accepted: boolean) => {
    if (!accepted && !note.trim()) return setError(requiredMessage(it('acceptanceNote', lang), lang));
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/patrol-tasks/:id/acceptance', { params: { id: task.id }, body: { accepted, note: note.trim() || null } });
      setNote('');
      await client.invalidateQueries({ queryKey: inspectionKeys.tasks });
    } catch (e) {
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={it('acceptance', lang)} style={{ marginBottom: 8 }} data-testid="task-acceptance">
      {task.acceptance && (
        <div>
          <Tag color={task.acceptance === 'accepted' ? 'green' : 'red'}>{word(ACCEPTANCE_LABELS, task.acceptance, lang)}</Tag>
          {task.acceptedBy ? (names.get(task.acceptedBy) ?? '—') : ''} {task.acceptanceNote ?? ''}
        </div>
      )}
      {may && (
        <div style={{ marginTop: 8 }}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={it('acceptanceNote', lang)} value={note} onChange={(e) => setNote(e.target.value)} />
          <Space style={{ marginTop: 8 }}>
            <Button type="primary" loading={busy} onClick={() => void decide(true)} data-testid="task-accept">
              {it('accept', lang)}
            </Button>
            <Button danger loading={busy} onClick={() => void decide(false)} data-testid="task-reject">
              {it('reject', lang)}
            </Button>
          </Space>
        </div>
      )}
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} />}
    </Card>
  );
}
