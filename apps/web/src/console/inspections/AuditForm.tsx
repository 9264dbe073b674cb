import { useQueryClient } from '@tanstack/react-query';
import { Alert, DatePicker, Form, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, ApiError } from '../../shared/api';
import { requiredMessage, useI18n } from '../../shared/i18n';
import { showServerError } from '../server-errors';
import { it } from './inspection-text';
import { checkKeys, useChecklists, type ScoredCheck } from './checks-queries';
import { todayIn } from './night-audit-queries';
import { useProjectZone } from './queries';
import { ProjectSelect } from './ProjectSelect';

type Values = { projectId: string; period: [Dayjs, Dayjs]; sampleSize: number; archiveSize?: number | null; templateId?: string };

/**
 * 新建抽查 (沟通工作检查, inspection.audit): a project, the period audited (this month so far by default), how
 * many of its cases to draw (1–50) and, optionally, a checklist other than the one in use. The server
 * draws the sample and reads the period's figures; `onStarted` gets the audit with its sample.
 */
export function AuditForm({ projectId, onClose, onStarted }: { projectId: string; onClose: () => void; onStarted: (check: ScoredCheck) => void }) {
  const { lang } = useI18n();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [project, setProject] = useState(projectId);
  const templates = useChecklists('communication_audit', true).data?.items ?? [];
  // this month so far on the project's wall clock
  const today = dayjs(todayIn(useProjectZone(project)));
  const send = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const check = await api('POST /api/communication-audits', {
        body: {
          projectId: project,
          from: v.period[0].format('YYYY-MM-DD'),
          to: v.period[1].format('YYYY-MM-DD'),
          sampleSize: v.sampleSize,
          ...(v.archiveSize != null ? { archiveSize: v.archiveSize } : {}),
          templateId: v.templateId ?? null,
        },
      });
      client.setQueryData(checkKeys.check(check.id), check);
      await client.invalidateQueries({ queryKey: [...checkKeys.checks, 'list'] });
      onStarted(check);
      onClose();
    } catch (e) {
      const err = e as ApiError;
      // the period's refusals name from or to: both are the one range field here
      const period = err.field === 'from' || err.field === 'to';
      setError(
        showServerError(form, period ? new ApiError(err.status, err.code, err.message, 'period') : err, ['period', 'sampleSize', 'archiveSize', 'templateId']),
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it('newAudit', lang)}
      width={Math.min(520, window.innerWidth)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={it('newAudit', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, disabled: !project, ...({ 'data-testid': 'audit-submit' } as Record<string, string>) }}
      data-testid="audit-form"
    >
      <Form<Values> form={form} layout="vertical" onFinish={send} initialValues={{ period: [today.startOf('month'), today], sampleSize: 10 }}>
        <Form.Item label={it('project', lang)} required>
          <ProjectSelect value={project} onChange={setProject} />
        </Form.Item>
        <Form.Item name="period" label={it('period', lang)} rules={[{ required: true, message: requiredMessage(it('period', lang), lang, true) }]}>
          <DatePicker.RangePicker allowClear={false} style={{ width: '100%' }} data-testid="audit-period-picker" />
        </Form.Item>
        <Form.Item
          name="sampleSize"
          label={it('sampleSize', lang)}
          extra={it('sampleSizeHint', lang)}
          rules={[{ required: true, message: requiredMessage(it('sampleSize', lang), lang) }]}
        >
          <InputNumber min={1} max={50} precision={0} style={{ width: 120 }} data-testid="audit-size" />
        </Form.Item>
        <Form.Item name="archiveSize" label={it('archiveSize', lang)} extra={it('archiveSizeHint', lang)}>
          <InputNumber min={0} max={50} precision={0} style={{ width: 120 }} data-testid="audit-archive-size" />
        </Form.Item>
        <Form.Item name="templateId" label={it('checklist', lang)}>
          <Select
            allowClear
            placeholder={it('checklistDefault', lang)}
            options={templates.map((t) => ({ value: t.id, label: t.name }))}
            data-testid="audit-template"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="audit-error" />}
    </Modal>
  );
}
