import { Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../shared/i18n';
import { RoundDraft } from './RoundDraft';
import { RoundSheet } from './RoundSheet';
import { useRounds, type SelfEvaluationRound } from './self-eval-queries';
import { xt } from './self-eval-text';

/**
 * 自评轮次 (survey.manage opens and closes; survey.manage or staff.evaluate reads): the rounds touching my
 * projects, the latest first, with their counts; the one chosen (else the latest) as its sheet below.
 */
export function SelfEvaluationRounds({ meId, canManage, canReview }: { meId: string; canManage: boolean; canReview: boolean }) {
  const { lang } = useI18n();
  const rounds = useRounds();
  const [open, setOpen] = useState<string | null>(null);
  const [drafting, setDrafting] = useState(false);
  const current = rounds.data?.find((r) => r.id === open) ?? rounds.data?.[0];
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="self-evaluation-rounds">
      {canManage && (
        <Button type="primary" onClick={() => setDrafting(true)} data-testid="round-new">
          {xt('newRound', lang)}
        </Button>
      )}
      <Table<SelfEvaluationRound>
        rowKey="id"
        size="small"
        pagination={false}
        scroll={{ x: 'max-content' }}
        loading={rounds.isLoading}
        dataSource={rounds.data ?? []}
        locale={{ emptyText: xt('noRound', lang) }}
        onRow={(r) => ({ onClick: () => setOpen(r.id), style: { cursor: 'pointer' }, 'data-round': r.id }) as object}
        rowClassName={(r) => (r.id === current?.id ? 'ant-table-row-selected' : '')}
        columns={[
          { title: xt('roundTitle', lang), dataIndex: 'title' },
          { title: xt('period', lang), dataIndex: 'period' },
          { title: xt('dueOn', lang), dataIndex: 'dueOn' },
          {
            title: xt('status', lang),
            dataIndex: 'status',
            render: (s: SelfEvaluationRound['status']) => <Tag color={s === 'open' ? 'blue' : 'green'}>{xt(s === 'open' ? 'open' : 'closed', lang)}</Tag>,
          },
          { title: xt('forms', lang), dataIndex: 'forms' },
          { title: xt('pending', lang), dataIndex: 'pending' },
          { title: xt('submittedCount', lang), dataIndex: 'submitted' },
          { title: xt('reviewedCount', lang), dataIndex: 'reviewed' },
        ]}
      />
      {current && <RoundSheet key={current.id} round={current} meId={meId} canManage={canManage} canReview={canReview} />}
      {drafting && (
        <RoundDraft
          onClose={(created) => {
            setDrafting(false);
            if (created) setOpen(created.id);
          }}
        />
      )}
    </Space>
  );
}
