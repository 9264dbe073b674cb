import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { ApiError } from '../shared/api';
import { useI18n } from '../shared/i18n';
import { useMoveOut, useOwnerList, type OwnerRow } from './owner-queries';

interface Values {
  reason: 'move_out' | 'transfer';
  movedOutOn: Dayjs;
  note?: string;
  buyer: 'new' | 'existing';
  newOwnerId?: string;
  name?: string;
  phone?: string;
  idNumber?: string;
}

/**
 * 迁出/过户 of one of the owner's units: the date, the kind and a note; a transfer names the new
 * 产权人 (a new archive or an existing one). The server ends the ties and keeps them as history.
 */
export function MoveOutDialog({ ownerId, unit, onClose }: { ownerId: string; unit: OwnerRow['units'][number]; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const reason = Form.useWatch('reason', form) ?? 'move_out';
  const buyer = Form.useWatch('buyer', form) ?? 'new';
  const [find, setFind] = useState('');
  const found = useOwnerList({ q: find || undefined, tenure: 'all', limit: 20, offset: 0 }, reason === 'transfer' && buyer === 'existing' && !!find).data ?? [];
  const moveOut = useMoveOut(ownerId);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = async (v: Values) => {
    setFailure(null);
    try {
      await moveOut.mutateAsync({
        unitId: unit.unitId,
        movedOutOn: v.movedOutOn.format('YYYY-MM-DD'),
        reason: v.reason,
        ...(v.note ? { note: v.note } : {}),
        ...(v.reason === 'transfer'
          ? v.buyer === 'existing'
            ? { newOwnerId: v.newOwnerId! }
            : {
                newOwner: {
                  name: v.name!,
                  ...(v.idNumber ? { idNumber: v.idNumber } : {}),
                  contacts: v.phone ? [{ kind: 'phone' as const, value: v.phone, isPrimary: true }] : [],
                },
              }
          : {}),
      });
      form.resetFields();
      onClose();
    } catch (e) {
      const error = e as ApiError;
      const key = (error.field ?? '').split('.').at(-1);
      const field = key === 'movedOutOn' || key === 'newOwnerId' || key === 'name' || key === 'idNumber' ? key : null;
      if (field) form.setFields([{ name: field, errors: [error.message] }]);
      else setFailure(error.message);
    }
  };
  return (
    <Modal
      open
      title={`${t.moveOut} · ${unit.projectName} ${unit.buildingName}-${unit.unitCode}`}
      okText={t.confirm}
      onOk={() => form.submit()}
      confirmLoading={moveOut.isPending}
      onCancel={onClose}
      data-testid="move-out-dialog"
    >
      {failure && <Alert type="error" showIcon message={failure} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{ reason: 'move_out', movedOutOn: dayjs(), buyer: 'new' }}>
        <Form.Item name="reason" label={t.moveOutReason}>
          <Radio.Group
            optionType="button"
            options={[{ value: 'move_out', label: t.reasonMoveOut }, ...(unit.relation === 'owner' ? [{ value: 'transfer', label: t.reasonTransfer }] : [])]}
            data-testid="move-out-reason"
          />
        </Form.Item>
        <Form.Item name="movedOutOn" label={t.movedOutOn} rules={[{ required: true }]}>
          <DatePicker allowClear={false} data-testid="move-out-date" />
        </Form.Item>
        {reason === 'transfer' && (
          <>
            <Form.Item name="buyer" label={t.transferTo}>
              <Radio.Group
                options={[
                  { value: 'new', label: t.newArchive },
                  { value: 'existing', label: t.existingArchive },
                ]}
              />
            </Form.Item>
            {buyer === 'existing' ? (
              <Form.Item name="newOwnerId" rules={[{ required: true }]}>
                <Select
                  showSearch
                  filterOption={false}
                  placeholder={t.findArchive}
                  onSearch={setFind}
                  notFoundContent={null}
                  options={found.map((o) => ({ value: o.id, label: [o.name, o.contacts.find((c) => c.kind === 'phone')?.value].filter(Boolean).join(' · ') }))}
                />
              </Form.Item>
            ) : (
              <>
                <Form.Item name="name" label={t.ownerName} rules={[{ required: true, whitespace: true }]}>
                  <Input maxLength={50} data-testid="transfer-name" />
                </Form.Item>
                <Form.Item name="phone" label={t.mobile}>
                  <Input maxLength={20} inputMode="tel" />
                </Form.Item>
                <Form.Item name="idNumber" label={t.idNumber}>
                  <Input maxLength={32} />
                </Form.Item>
              </>
            )}
          </>
        )}
        <Form.Item name="note" label={t.note}>
          <Input.TextArea rows={2} maxLength={500} data-testid="move-out-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
