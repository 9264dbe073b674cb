import type { RouteResponse } from '@guanjia/api-contract';
import { CALLBACK_FOLLOW_UP_LABELS, CALLBACK_VERDICT_LABELS, QUALITY_MARK_REASON_LABELS, QUALITY_MARK_REASONS } from '@guanjia/vocabulary';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Card, Descriptions, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { api, ApiError, downloadFile } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects, useStaff } from '../queries';
import { rt } from './round-text';

type Round = RouteResponse<'GET /api/callback-rounds'>[number];
const keys = { rounds: (p: string) => ['callback-rounds', p] as const, summary: (id: string) => ['callback-round-summary', id] as const };
/** The roles that may make callbacks (callback.make; the server checks the caller again). */
const CALLER_ROLES = ['agent', 'front_desk', 'area_steward', 'service_supervisor', 'office_manager', 'quality_officer', 'admin'];
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);
const monthsBack = (n: number) => {
  const d = new Date();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
};

/**
 * 抽样回访 (issue 14 item 1, decision 0028): a project's weekly samples (生成本周抽样 for callback.admin:
 * the week just ended), each round's summary report (回访总结报告) with its figures, the not-satisfied and
 * their follow-ups, its workbook and the audit of the draw; a round moved to another caller (callback.admin: company
 * staff outside the office); and the quality marks (质量评定) by month and reason.
 */
export function CallbackRounds({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const projects = useProjects().data ?? [];
  const [chosen, setChosen] = useState('');
  const projectId = chosen || projects[0]?.id || '';
  const [open, setOpen] = useState<string | null>(null);
  const rounds = useQuery({
    queryKey: keys.rounds(projectId),
    queryFn: () => api('GET /api/callback-rounds', { query: { projectId, limit: 52 } }),
    enabled: !!projectId,
  });
  const canDraw = me.capabilities.includes('callback.admin');
  const draw = async () => {
    try {
      const round = await api('POST /api/callback-rounds', { body: { projectId } });
      void message.success(rt('drawn', lang));
      setOpen(round.id);
      await client.invalidateQueries({ queryKey: keys.rounds(projectId) });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="callback-rounds">
      <Card
        title={rt('rounds', lang)}
        extra={
          <Space wrap>
            <Select
              style={{ width: 220 }}
              value={projectId || undefined}
              onChange={(v) => {
                setChosen(v);
                setOpen(null);
              }}
              options={projects.map((p) => ({ value: p.id, label: p.name }))}
              data-testid="round-project"
            />
            {canDraw && (
              <Button type="primary" onClick={() => void draw()} data-testid="draw-round">
                {rt('draw', lang)}
              </Button>
            )}
          </Space>
        }
      >
        {rounds.error && <Alert type="error" showIcon message={(rounds.error as ApiError).message} />}
        <Table<Round>
          rowKey="id"
          size="small"
          dataSource={rounds.data ?? []}
          pagination={false}
          locale={{ emptyText: rt('noRounds', lang) }}
          onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: rt('week', lang), render: (_, r) => `${r.weekStart} – ${r.weekEnd}` },
            { title: rt('population', lang), dataIndex: 'populationSize' },
            { title: rt('sampled', lang), render: (_, r) => r.sampledIds.length },
            { title: rt('caller', lang), render: (_, r) => r.callerName ?? (r.createdBy ? '—' : rt('byScheduler', lang)) },
            {
              title: rt('progress', lang),
              render: (_, r) => `${r.progress.done + r.progress.unreachable} / ${r.sampledIds.length}`,
            },
          ]}
        />
      </Card>
      {open && <RoundSummary id={open} canAssign={canDraw} />}
      {projectId && <QualityMarkTable projectId={projectId} />}
    </Space>
  );
}

/** callback.admin gives the round (and its callbacks still due) to another caller: company staff outside the office. */
function RoundCaller({ round }: { round: Round }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const staff = useStaff(undefined).data ?? [];
  const [to, setTo] = useState<string | undefined>();
  const callers = staff.filter(
    (s) => s.active && s.companyWide && !s.projectIds.includes(round.projectId) && s.id !== round.callerId && s.roles.some((r) => CALLER_ROLES.includes(r)),
  );
  const save = async () => {
    try {
      await api('PUT /api/callback-rounds/:id/caller', { params: { id: round.id }, body: { callerId: to! } });
      void message.success(rt('callerSet', lang));
      setTo(undefined);
      await client.invalidateQueries({ queryKey: keys.rounds(round.projectId) });
      await client.invalidateQueries({ queryKey: keys.summary(round.id) });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Space wrap style={{ marginBottom: 12 }} data-testid="round-caller">
      <span>
        {rt('caller', lang)}：<b data-testid="round-caller-name">{round.callerName ?? '—'}</b>
      </span>
      <Select
        style={{ minWidth: 200 }}
        value={to}
        onChange={setTo}
        placeholder={rt('callerHint', lang)}
        options={callers.map((s) => ({ value: s.id, label: s.name }))}
        data-testid="round-caller-select"
      />
      <Button disabled={!to} onClick={() => void save()} data-testid="round-caller-save">
        {rt('setCaller', lang)}
      </Button>
    </Space>
  );
}

function RoundSummary({ id, canAssign }: { id: string; canAssign: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const summary = useQuery({ queryKey: keys.summary(id), queryFn: () => api('GET /api/callback-rounds/:id/summary', { params: { id } }) });
  const [audit, setAudit] = useState<RouteResponse<'GET /api/callback-rounds/:id/audit'> | null>(null);
  const verdict = (v: string | null) => (v ? CALLBACK_VERDICT_LABELS[v as keyof typeof CALLBACK_VERDICT_LABELS][lang] : '—');
  if (summary.error) return <Alert type="error" showIcon message={(summary.error as ApiError).message} />;
  const s = summary.data;
  if (!s) return null;
  const f = s.figures;
  const runAudit = async () => setAudit(await api('GET /api/callback-rounds/:id/audit', { params: { id } }));
  const download = async () => {
    try {
      await downloadFile(`/api/callback-rounds/${encodeURIComponent(id)}/summary/export?format=xlsx`);
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Card
      title={`${rt('summary', lang)} · ${s.round.projectName} ${s.round.weekStart}`}
      data-testid="round-summary"
      extra={
        <Space>
          <Button size="small" onClick={() => void runAudit()} data-testid="round-audit">
            {rt('audit', lang)}
          </Button>
          <Button size="small" onClick={() => void download()} data-testid="round-xlsx">
            Excel
          </Button>
        </Space>
      }
    >
      {canAssign && <RoundCaller round={s.round} />}
      {audit && (
        <Alert
          style={{ marginBottom: 12 }}
          type={audit.sampleMatches && audit.digestMatches ? 'success' : 'error'}
          showIcon
          message={`${audit.sampleMatches && audit.digestMatches ? rt('auditOk', lang) : rt('auditBad', lang)}（${rt('seed', lang)} ${audit.seed}）`}
          description={audit.livePopulationMatches ? undefined : rt('liveChanged', lang)}
          data-testid="round-audit-result"
        />
      )}
      <Descriptions size="small" column={{ xs: 1, sm: 3 }} bordered>
        <Descriptions.Item label={rt('sampled', lang)}>{`${f.sampled} / ${s.round.populationSize}`}</Descriptions.Item>
        <Descriptions.Item label={rt('reached', lang)}>{`${f.reached}（${pct(f.reachedRate)}）`}</Descriptions.Item>
        <Descriptions.Item label={rt('unreachable', lang)}>{f.unreachable}</Descriptions.Item>
        <Descriptions.Item label={rt('pending', lang)}>{f.pending}</Descriptions.Item>
        <Descriptions.Item label={rt('qualityRate', lang)}>{pct(f.quality.satisfiedRate)}</Descriptions.Item>
        <Descriptions.Item label={rt('attitudeRate', lang)}>{pct(f.attitude.satisfiedRate)}</Descriptions.Item>
        <Descriptions.Item label={rt('resolvedRate', lang)}>{pct(f.result.resolvedRate)}</Descriptions.Item>
      </Descriptions>
      <h4 style={{ marginTop: 16 }}>{rt('notSatisfied', lang)}</h4>
      <Table
        rowKey="callbackId"
        size="small"
        pagination={false}
        dataSource={s.notSatisfied}
        columns={[
          { title: '#', dataIndex: 'caseNumber' },
          { title: '', dataIndex: 'caseTitle' },
          { title: CALLBACK_VERDICT_LABELS.not_satisfied[lang], render: (_, r) => `${verdict(r.quality)} / ${verdict(r.attitude)}` },
          { title: rt('ownerWords', lang), dataIndex: 'ownerWords' },
          { title: rt('followUps', lang), render: (_, r) => (r.followUp ? <Tag color="red">{CALLBACK_FOLLOW_UP_LABELS[r.followUp][lang]}</Tag> : '—') },
        ]}
      />
      <h4 style={{ marginTop: 16 }}>{rt('followUps', lang)}</h4>
      <Table
        rowKey="callbackId"
        size="small"
        pagination={false}
        dataSource={s.followUps}
        columns={[
          { title: '#', dataIndex: 'fromCaseNumber' },
          { title: rt('followUps', lang), render: (_, r) => CALLBACK_FOLLOW_UP_LABELS[r.kind][lang] },
          { title: '→', dataIndex: 'caseNumber' },
          { title: '', dataIndex: 'status' },
        ]}
      />
    </Card>
  );
}

/** 质量评定 by month (rows) and reason (columns) for the last six months of the project. */
function QualityMarkTable({ projectId }: { projectId: string }) {
  const { lang } = useI18n();
  const from = monthsBack(5);
  const to = monthsBack(0);
  const chart = useQuery({
    queryKey: ['quality-marks', projectId, from, to],
    queryFn: () => api('GET /api/quality-marks/chart', { query: { projectId, from, to } }),
  });
  if (chart.error) return null; // whoever may not read the chart simply does not see it
  const months = [...new Set((chart.data?.rows ?? []).map((r) => r.month))].sort();
  const count = (month: string, reason: string) => chart.data?.rows.find((r) => r.month === month && r.reason === reason)?.count ?? 0;
  const max = Math.max(1, ...(chart.data?.rows ?? []).map((r) => r.count));
  return (
    <Card title={rt('marks', lang)} data-testid="quality-marks-chart">
      <Table
        rowKey={(m) => m}
        size="small"
        pagination={false}
        dataSource={months}
        locale={{ emptyText: rt('noMarks', lang) }}
        columns={[
          { title: rt('month', lang), render: (_, m) => m },
          ...QUALITY_MARK_REASONS.map((reason) => ({
            title: QUALITY_MARK_REASON_LABELS[reason][lang],
            render: (_: unknown, m: string) => {
              const n = count(m, reason);
              return (
                <span>
                  <span style={{ display: 'inline-block', width: `${(n / max) * 48}px`, height: 8, background: '#fa8c16', marginRight: 4 }} />
                  {n}
                </span>
              );
            },
          })),
        ]}
      />
    </Card>
  );
}
