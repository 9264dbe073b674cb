import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Collapse, Form, Radio, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatShort } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { useProjects } from '../queries';
import { navigate } from '../router';
import { showServerError } from '../server-errors';
import { checkKeys, inspectorOf, STATUS_COLOURS, useCheck, useChecklists, type ScoredCheck } from './checks-queries';
import { AuditSample } from './AuditSample';
import { CheckView } from './CheckView';
import { InspectedFields } from './InspectedFields';
import { checkKindText, checkStatusText, it } from './inspection-text';
import { useProjectZone, useStaffNames } from './queries';
import { ScoredCheckForm } from './ScoredCheckForm';

/**
 * A scored check's page (`/inspections/:id`), made for the inspector's phone (390×844, nothing wider):
 * its title, kind, status, project, who inspects and who is inspected; a scheduled check (a warning
 * night's) offers 开始检查 — with the checklist to use when it has none, and who is inspected —; the
 * inspector's check in progress is the form (ScoredCheckForm); a communication audit shows its drawn
 * sample and figures (AuditSample, folded); anything else reads (CheckView: the
 * score, each item, photos and their reuse warnings, signatures, report, the defects opened).
 */
export function CheckPage({ id, me }: { id: string; me: Me }) {
  const { lang } = useI18n();
  const check = useCheck(id);
  const zone = useProjectZone(check.data?.projectId);
  const names = useStaffNames(check.data?.projectId);
  const project = useProjects().data?.find((p) => p.id === check.data?.projectId);
  if (check.error) return <Alert type="error" showIcon message={(check.error as ApiError).message || it('checkNotFound', lang)} data-testid="check-missing" />;
  const c = check.data;
  if (!c) return null;
  const mine = c.inspectorId === me.id && c.status === 'in_progress';
  const colon = lang === 'en' ? ': ' : '：';
  return (
    <div data-testid="check-page" data-status={c.status} style={{ maxWidth: 640 }}>
      <Space direction="vertical" size={4} style={{ width: '100%', marginBottom: 12 }}>
        <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/inspections')}>
          ← {it('backToChecks', lang)}
        </Button>
        <Typography.Title level={4} style={{ margin: 0, overflowWrap: 'anywhere' }} data-testid="check-title">
          {c.title}
        </Typography.Title>
        <Space wrap size={4}>
          <Tag>{checkKindText(c.kind, lang)}</Tag>
          <Tag color={STATUS_COLOURS[c.status]} data-testid="check-page-status">
            {checkStatusText(c.status, lang)}
          </Tag>
          {project && <Typography.Text type="secondary">{project.name}</Typography.Text>}
        </Space>
        <Typography.Text type="secondary">
          {it('checkBy', lang)}
          {colon}
          {c.inspectorId ? (names.get(c.inspectorId) ?? '—') : '—'} · {it('inspected', lang)}
          {colon}
          {c.inspectedName ?? '—'}
        </Typography.Text>
        <Typography.Text type="secondary">
          {c.startedAt ? `${it('begunAt', lang)} ${formatShort(c.startedAt, zone, lang)}` : c.scheduledOn ? `${it('scheduledFor', lang)} ${c.scheduledOn}` : ''}
          {c.submittedAt ? ` · ${it('submittedAt', lang)} ${formatShort(c.submittedAt, zone, lang)}` : ''}
        </Typography.Text>
      </Space>
      {c.sample && (
        // a communication audit: the cases drawn and the period's figures, what the report is written against
        <Collapse
          size="small"
          style={{ marginBottom: 8 }}
          items={[{ key: 'sample', label: it('auditSample', lang), children: <AuditSample sample={c.sample} timeZone={zone} /> }]}
          data-testid="check-sample"
        />
      )}
      {c.status === 'scheduled' ? (
        <BeginScheduled check={c} me={me} />
      ) : mine ? (
        <ScoredCheckForm key={c.id} check={c} me={me} />
      ) : (
        <>
          {c.status === 'in_progress' && <Alert type="info" showIcon message={it('readOnlyCheck', lang)} style={{ marginBottom: 8 }} />}
          <CheckView check={c} />
        </>
      )}
    </div>
  );
}

type BeginValues = { templateId?: string; inspectedStaffId?: string | null; inspectedName?: string };

/** 开始检查 of a scheduled check: the checklist when it has none yet (one in use of its kind), who is inspected; I become its inspector. */
function BeginScheduled({ check, me }: { check: ScoredCheck; me: Me }) {
  const { lang } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<BeginValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const templates = useChecklists(check.kind, true).data?.items ?? [];
  const may = me.capabilities.includes(inspectorOf(check.kind)) && (!check.inspectorId || check.inspectorId === me.id);
  const begin = async (v: BeginValues) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api('POST /api/inspections/:id/start', {
        params: { id: check.id },
        body: {
          ...(v.templateId ? { templateId: v.templateId } : {}),
          ...(v.inspectedStaffId ? { inspectedStaffId: v.inspectedStaffId } : {}),
          ...(v.inspectedName?.trim() ? { inspectedName: v.inspectedName.trim() } : {}),
        },
      });
      client.setQueryData(checkKeys.check(check.id), r);
      void client.invalidateQueries({ queryKey: checkKeys.checks });
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['templateId', 'inspectedStaffId', 'inspectedName']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" data-testid="check-begin">
      <Alert type="warning" showIcon message={it('scheduledCheck', lang)} style={{ marginBottom: 8 }} />
      {may && (
        <Form form={form} layout="vertical" onFinish={begin} initialValues={{ inspectedName: check.inspectedName ?? '' }}>
          {!check.templateId && (
            <Form.Item name="templateId" label={it('checkTemplate', lang)} rules={[{ required: true, message: it('chooseChecklist', lang) }]}>
              <Radio.Group data-testid="check-begin-template">
                <Space direction="vertical">
                  {templates.map((t) => (
                    <Radio key={t.id} value={t.id}>
                      {t.name} <Typography.Text type="secondary">{it('nItems', lang, { n: t.items.length })}</Typography.Text>
                    </Radio>
                  ))}
                  {!templates.length && <Typography.Text type="secondary">{it('noChecklists', lang)}</Typography.Text>}
                </Space>
              </Radio.Group>
            </Form.Item>
          )}
          <InspectedFields projectId={check.projectId} />
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 8 }} />}
          <Button type="primary" size="large" block htmlType="submit" loading={busy} data-testid="check-begin-start">
            {it('beginCheck', lang)}
          </Button>
        </Form>
      )}
    </Card>
  );
}
