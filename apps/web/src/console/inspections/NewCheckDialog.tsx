import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, Form, Input, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate } from '../router';
import { showServerError } from '../server-errors';
import { inspectorOf, useChecklists } from './checks-queries';
import { InspectedFields } from './InspectedFields';
import { checkKindText, it } from './inspection-text';
import { ProjectSelect } from './ProjectSelect';

type Values = { projectId: string; templateId: string; inspectedStaffId?: string | null; inspectedName?: string; title?: string };
const FIELDS = ['projectId', 'templateId', 'inspectedStaffId', 'inspectedName', 'title'] as const;

/**
 * 新建检查: the project, a checklist in use of a kind I make (the office's daily and night checks with
 * inspection.check, the quality department's monthly and quarterly with inspection.audit; a communication
 * audit begins with its sample on its own page), who is inspected and an optional title. Begun, the
 * check's page opens.
 */
export function NewCheckDialog({ me, projectId, onClose }: { me: Me; projectId: string; onClose: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const chosenProject = Form.useWatch('projectId', form) ?? projectId;
  const templates = (useChecklists(undefined, true).data?.items ?? []).filter(
    (t) => t.kind !== 'communication_audit' && me.capabilities.includes(inspectorOf(t.kind)),
  );
  const start = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api('POST /api/inspections', {
        body: {
          projectId: v.projectId,
          templateId: v.templateId,
          title: v.title?.trim() || null,
          inspectedStaffId: v.inspectedStaffId || null,
          inspectedName: v.inspectedName?.trim() || null,
        },
      });
      navigate(`/inspections/${r.id}`);
    } catch (e) {
      setError(showServerError(form, e as ApiError, FIELDS));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it('newCheck', lang)}
      onCancel={onClose}
      okText={it('beginCheck', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'new-check-start' } as Record<string, string>) }}
      onOk={() => form.submit()}
      destroyOnClose
      data-testid="new-check"
    >
      <Form form={form} layout="vertical" initialValues={{ projectId }} onFinish={start}>
        <Form.Item name="projectId" label={it('project', lang)} rules={[{ required: true }]}>
          <ProjectSelectField />
        </Form.Item>
        <Form.Item name="templateId" label={it('checkTemplate', lang)} rules={[{ required: true, message: it('chooseChecklist', lang) }]}>
          <Radio.Group style={{ width: '100%' }} data-testid="new-check-template">
            <Space direction="vertical" style={{ width: '100%' }}>
              {templates.map((t) => (
                <Radio key={t.id} value={t.id} data-template={t.name}>
                  <span style={{ overflowWrap: 'anywhere' }}>{t.name}</span>{' '}
                  <Typography.Text type="secondary">
                    {checkKindText(t.kind, lang)} · {it('nItems', lang, { n: t.items.length })}
                  </Typography.Text>
                </Radio>
              ))}
              {!templates.length && <Typography.Text type="secondary">{it('noChecklists', lang)}</Typography.Text>}
            </Space>
          </Radio.Group>
        </Form.Item>
        <InspectedFields projectId={chosenProject} />
        <Form.Item name="title" label={it('titleOptional', lang)}>
          <Input maxLength={TEXT_LIMITS.short} data-testid="new-check-title" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="new-check-error" />}
      </Form>
    </Modal>
  );
}

/** ProjectSelect as a form control (value / onChange from Form.Item). */
function ProjectSelectField({ value, onChange }: { value?: string; onChange?: (id: string) => void }) {
  return <ProjectSelect value={value ?? ''} onChange={(id) => onChange?.(id)} />;
}
