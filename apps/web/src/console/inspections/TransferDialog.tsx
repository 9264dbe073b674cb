import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import { useStaff } from '../queries';
import { showServerError } from '../server-errors';
import { it } from './inspection-text';
import type { PatrolTask } from './queries';

/** 转交: the task to another member of the project, with the reason (the server checks they may patrol there). */
export function TransferDialog({ task, onClose, onDone }: { task: PatrolTask; onClose: () => void; onDone: () => void }) {
  const { lang } = useI18n();
  const [form] = Form.useForm<{ toStaffId: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const staff = (useStaff(task.projectId).data ?? []).filter((s) => s.active && s.id !== task.assigneeId);
  const send = async (v: { toStaffId: string; reason: string }) => {
    setBusy(true);
    setError(null);
    try {
      await api('POST /api/patrol-tasks/:id/transfer', { params: { id: task.id }, body: { toStaffId: v.toStaffId, reason: v.reason.trim() } });
      onDone();
    } catch (e) {
      setError(showServerError(form, e as ApiError, ['toStaffId', 'reason']));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={it('transfer', lang)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={it('transfer', lang)}
      cancelText={it('cancel', lang)}
      okButtonProps={{ loading: busy, ...({ 'data-testid': 'transfer-ok' } as Record<string, string>) }}
      data-testid="transfer-dialog"
    >
      <Form form={form} layout="vertical" onFinish={send}>
        <Form.Item name="toStaffId" label={it('transferTo', lang)} rules={[{ required: true }]}>
          <Select showSearch optionFilterProp="label" options={staff.map((s) => ({ value: s.id, label: s.name }))} data-testid="transfer-to" />
        </Form.Item>
        <Form.Item name="reason" label={it('transferReason', lang)} rules={[{ required: true, whitespace: true }]}>
          <Input.TextArea rows={3} maxLength={TEXT_LIMITS.long} data-testid="transfer-reason" />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}
