import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../shared/api';
import { formatInstant } from '../../shared/format';
import { listSep, useI18n } from '../../shared/i18n';
import { useProjects } from '../queries';
import { wt } from '../wallboard/wallboard-text';
import { useAdminWrite } from './queries';

const KEY = ['display-tokens'] as const;
type Created = RouteResponse<'POST /api/display-tokens'>;

/**
 * 大屏令牌 (issue 16 item 4): an administrator makes a read-only token for the service centre's
 * wallboard of some projects (shown once, with the board's address), sees the tokens made (never the
 * token again), and revokes one.
 */
export function DisplayTokensTab() {
  const { lang } = useI18n();
  const projects = useProjects().data ?? [];
  const projectName = new Map(projects.map((p) => [p.id, p.name]));
  const tokens = useQuery({ queryKey: KEY, queryFn: () => api('GET /api/display-tokens') });
  const write = useAdminWrite(KEY);
  const [form] = Form.useForm<{ label: string; projectIds: string[] }>();
  const [created, setCreated] = useState<Created | null>(null);
  const [error, setError] = useState<string | null>(null);
  const boardUrl = (token: string) => `${window.location.origin}/wallboard?token=${encodeURIComponent(token)}`;

  const create = async (values: { label: string; projectIds: string[] }) => {
    setError(null);
    try {
      setCreated(await write(() => api('POST /api/display-tokens', { body: values })));
      form.resetFields();
    } catch (e) {
      setError((e as ApiError).message);
    }
  };
  const revoke = async (id: string) => {
    try {
      await write(() => api('DELETE /api/display-tokens/:id', { params: { id } }));
    } catch (e) {
      setError((e as ApiError).message);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="display-tokens">
      <Typography.Paragraph type="secondary">{wt('intro', lang)}</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={(v) => void create(v)}>
        <Form.Item name="label" label={wt('label', lang)} rules={[{ required: true, message: wt('label', lang) }]}>
          <Input placeholder={wt('labelHint', lang)} style={{ width: 240 }} maxLength={100} data-testid="display-token-label" />
        </Form.Item>
        <Form.Item name="projectIds" label={wt('projects', lang)} rules={[{ required: true, message: wt('projects', lang) }]}>
          <Select
            mode="multiple"
            style={{ minWidth: 260 }}
            options={projects.map((p) => ({ value: p.id, label: p.name }))}
            data-testid="display-token-projects"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" data-testid="display-token-create">
          {wt('create', lang)}
        </Button>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
      {created && (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setCreated(null)}
          message={wt('created', lang)}
          description={
            <Space direction="vertical">
              <Typography.Text copyable code data-testid="display-token-secret">
                {created.token}
              </Typography.Text>
              <Space>
                <Typography.Text>{wt('boardLink', lang)}</Typography.Text>
                <Typography.Text copyable data-testid="display-token-url">
                  {boardUrl(created.token)}
                </Typography.Text>
                <a href={boardUrl(created.token)} target="_blank" rel="noreferrer">
                  {wt('openBoard', lang)}
                </a>
              </Space>
            </Space>
          }
        />
      )}
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={tokens.data ?? []}
        locale={{ emptyText: wt('none', lang) }}
        columns={[
          { title: wt('label', lang), dataIndex: 'label' },
          { title: wt('projects', lang), render: (_, r) => r.projectIds.map((id) => projectName.get(id) ?? id).join(listSep(lang)) },
          { title: wt('createdAt', lang), render: (_, r) => formatInstant(r.createdAt, undefined, lang) },
          { title: wt('lastUsedAt', lang), render: (_, r) => formatInstant(r.lastUsedAt, undefined, lang) },
          {
            title: wt('status', lang),
            render: (_, r) => (r.revokedAt ? <Tag>{wt('revoked', lang)}</Tag> : <Tag color="green">{wt('active', lang)}</Tag>),
          },
          {
            title: '',
            render: (_, r) =>
              !r.revokedAt && (
                <Popconfirm title={wt('revokeConfirm', lang)} onConfirm={() => void revoke(r.id)}>
                  <Button size="small" danger data-testid="display-token-revoke">
                    {wt('revoke', lang)}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
    </Space>
  );
}
