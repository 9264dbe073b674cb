import { Alert, App as AntApp, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { useI18n } from '../../shared/i18n';
import { useBuildingStewards, useSurveyWrite, type BuildingStewards as Data } from './survey-queries';
import { st } from './survey-text';

type Row = Data['buildings'][number];

/**
 * 楼栋管家 (decision 0033): each building of the project with its area steward (物业管家), whom the
 * owners' yearly 管家评价 rates. A holder of steward.assign (office manager, admin) names or removes
 * the steward of a building; structure.read reads. A refusal is shown on the building's row.
 */
export function BuildingStewards({ projectId, canAssign }: { projectId: string; canAssign: boolean }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const data = useBuildingStewards(projectId);
  const write = useSurveyWrite();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string | null>(null);
  const assign = async (row: Row, staffId: string | null) => {
    setBusy(row.buildingId);
    setErrors((e) => ({ ...e, [row.buildingId]: '' }));
    try {
      await write(() => api('PUT /api/buildings/:id/steward', { params: { id: row.buildingId }, body: { staffId } }));
      void message.success(st(staffId ? 'stewardSaved' : 'stewardRemoved', lang, { building: row.buildingName }));
    } catch (e) {
      setErrors((x) => ({ ...x, [row.buildingId]: (e as ApiError).message }));
    } finally {
      setBusy(null);
    }
  };
  const stewards = data.data?.stewards ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="building-stewards">
      <Typography.Text type="secondary">{st('stewardsHint', lang)}</Typography.Text>
      {canAssign && data.data && stewards.length === 0 && <Alert type="warning" showIcon message={st('noStewards', lang)} />}
      {data.error && <Alert type="error" showIcon message={(data.error as ApiError).message} />}
      <Table<Row>
        rowKey="buildingId"
        size="small"
        pagination={false}
        loading={data.isLoading}
        dataSource={data.data?.buildings ?? []}
        onRow={(r) => ({ 'data-building': r.buildingName }) as object}
        columns={[
          { title: st('building', lang), dataIndex: 'buildingName', width: 160 },
          {
            title: st('steward', lang),
            key: 'steward',
            render: (_, r) =>
              canAssign ? (
                <Space direction="vertical" size={2}>
                  <Select
                    style={{ minWidth: 220 }}
                    allowClear
                    placeholder={st('chooseSteward', lang)}
                    loading={busy === r.buildingId}
                    value={r.stewardId ?? undefined}
                    onChange={(v?: string) => void assign(r, v ?? null)}
                    options={[
                      // a steward named earlier who is no longer eligible still shows by name
                      ...(r.stewardId && !stewards.some((s) => s.id === r.stewardId) ? [{ value: r.stewardId, label: r.stewardName ?? r.stewardId }] : []),
                      ...stewards.map((s) => ({ value: s.id, label: s.name })),
                    ]}
                    data-testid="steward-select"
                  />
                  {errors[r.buildingId] && <Typography.Text type="danger">{errors[r.buildingId]}</Typography.Text>}
                </Space>
              ) : (
                (r.stewardName ?? <Typography.Text type="secondary">{st('noSteward', lang)}</Typography.Text>)
              ),
          },
          {
            title: st('assignedAt', lang),
            dataIndex: 'assignedAt',
            render: (x: string | null) => (x ? formatInstant(x, undefined, lang === 'en' ? 'en' : 'zh-CN') : '—'),
          },
        ]}
      />
    </Space>
  );
}
