import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api, type ApiError } from '../../shared/api';
import { useI18n } from '../../shared/i18n';
import type { Me } from '../App';
import { navigate } from '../router';
import { CODE_STATE_LABELS, it, POINT_KIND_LABELS, specialtyText, word } from './inspection-text';
import { PointForm } from './PointForm';
import { ProjectSelect, useInspectionProject } from './ProjectSelect';
import { inspectionKeys, usePoints, type InspectionPoint } from './queries';

const CODE_COLOURS: Record<string, string> = { valid: 'green', renew_soon: 'orange', expired: 'red' };

/**
 * 巡检点 (inspection.admin): a project's points — kind, specialty, place, coordinates and radius, the
 * printed code's state (有效 / 即将到期 / 已过期, valid until, which print) — created and edited in a
 * dialog; 换发二维码 makes every posted print stop working (confirmed first); 打印二维码 opens the sheet.
 */
export function Points({ me }: { me: Me }) {
  const { lang } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [projectId, setProjectId] = useInspectionProject();
  const points = usePoints(projectId);
  const [editing, setEditing] = useState<{ point: InspectionPoint | null } | null>(null);
  const admin = me.capabilities.includes('inspection.admin');
  const renew = async (p: InspectionPoint) => {
    try {
      const r = await api('POST /api/inspection-points/:id/code', { params: { id: p.id } });
      void message.success(it('renewed', lang, { n: r.point.codeGeneration }));
      await client.invalidateQueries({ queryKey: inspectionKeys.points });
    } catch (e) {
      void message.error((e as ApiError).message);
    }
  };
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="inspection-points">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {it('points', lang)}
        </Typography.Title>
        <ProjectSelect value={projectId} onChange={setProjectId} />
        {admin && (
          <Button type="primary" onClick={() => setEditing({ point: null })} data-testid="point-new">
            {it('newPoint', lang)}
          </Button>
        )}
      </Space>
      <Table<InspectionPoint>
        rowKey="id"
        size="small"
        loading={points.isLoading}
        dataSource={points.data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(p) => ({ 'data-point': p.name }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: it('name', lang), dataIndex: 'name' },
          { title: it('kind', lang), render: (_, p) => word(POINT_KIND_LABELS, p.kind, lang) },
          { title: it('specialty', lang), render: (_, p) => specialtyText(p.specialty, lang) },
          { title: it('place', lang), render: (_, p) => p.place ?? '—' },
          {
            title: it('coordinates', lang),
            render: (_, p) =>
              p.latitude !== null && p.longitude !== null ? (
                <span data-testid="point-coordinates">
                  {p.latitude.toFixed(5)}, {p.longitude.toFixed(5)} · ±{it('metres', lang, { m: p.radiusM })}
                </span>
              ) : (
                <Typography.Text type="secondary">{it('noCoordinates', lang)}</Typography.Text>
              ),
          },
          {
            title: it('code', lang),
            render: (_, p) => (
              <Space size={4} wrap data-testid="point-code-state">
                <Tag color={CODE_COLOURS[p.codeState]}>{word(CODE_STATE_LABELS, p.codeState, lang)}</Tag>
                <span>
                  {it('codeValidUntil', lang)} {p.codeValidUntil}
                </span>
                <Typography.Text type="secondary">{it('generation', lang, { n: p.codeGeneration })}</Typography.Text>
              </Space>
            ),
          },
          { title: it('state', lang), render: (_, p) => (p.active ? <Tag color="green">{it('active', lang)}</Tag> : <Tag>{it('inactive', lang)}</Tag>) },
          {
            title: it('actions', lang),
            render: (_, p) => (
              <Space size={4} wrap>
                <Button size="small" onClick={() => setEditing({ point: p })} data-testid="point-edit">
                  {it('edit', lang)}
                </Button>
                <Popconfirm title={it('renewConfirm', lang)} onConfirm={() => renew(p)} okText={it('renewCode', lang)} cancelText={it('cancel', lang)}>
                  <Button size="small" danger data-testid="point-renew">
                    {it('renewCode', lang)}
                  </Button>
                </Popconfirm>
                <Button size="small" onClick={() => navigate(`/inspection-points/${p.id}/print`)} data-testid="point-print">
                  {it('printCode', lang)}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <PointForm
          projectId={projectId}
          point={editing.point}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void message.success(it('saved', lang));
            void client.invalidateQueries({ queryKey: inspectionKeys.points });
          }}
        />
      )}
    </Space>
  );
}
