import type { RouteResponse } from '@guanjia/api-contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Checkbox, Radio, Select, Space, Statistic, Table, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, ApiError, downloadFile, uploadImport } from '../shared/api';
import { formatInstant } from '../shared/format';
import { useI18n, type dictionary } from '../shared/i18n';

type Dictionary = ReturnType<typeof dictionary>;
import type { Me } from './App';

type DryRun = RouteResponse<'POST /api/imports/:kind/dry-run'>;
type ImportRecord = RouteResponse<'GET /api/imports/:id'>;
type Kind = DryRun['kind'];

/** Who may import each kind: the capability of typing it in (the server decides; the page only hides what would be refused). */
const KINDS: { kind: Kind; capability: string; label: 'importKindUnits' | 'importKindOwners' | 'importKindStaff' }[] = [
  { kind: 'units', capability: 'structure.admin', label: 'importKindUnits' },
  { kind: 'owners', capability: 'owner.write', label: 'importKindOwners' },
  { kind: 'staff', capability: 'staff.admin', label: 'importKindStaff' },
];
const ACTION_COLORS = { create: 'green', update: 'blue', skip: 'default', error: 'red' } as const;

/** What an update changes, in words: our column's label, or the archive's contacts and unit tie. */
function changedLabel(dryRun: DryRun, key: string, t: Dictionary): string {
  const column = dryRun.columns.find((c) => c.key === key);
  if (column) return column.label;
  return (
    ({ contacts: t.changedContacts, unit: t.changedUnit, department: t.changedDepartment, projects: t.changedProjects } as Record<string, string>)[key] ?? key
  );
}

/**
 * 导入 (issue 12, items 2 and 3): a template to fill, an upload that is only a dry run (预检: every
 * row's result and problem, the sheet's columns mapped to ours and changeable, the unit each row was
 * read as), the dry run as a workbook, then the import — exactly what the dry run said; rows with
 * problems left out only when the user ticks it. An interrupted import is resumed from the list.
 */
export function Imports({ me }: { me: Me }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const kinds = KINDS.filter((k) => me.capabilities.includes(k.capability));
  const [kind, setKind] = useState<Kind>(kinds[0]?.kind ?? 'owners');
  const [dryRun, setDryRun] = useState<DryRun | null>(null);
  const [columns, setColumns] = useState<(string | null)[]>([]);
  const [skip, setSkip] = useState(false);
  const [busy, setBusy] = useState(false);
  const [applied, setApplied] = useState<ImportRecord | null>(null);
  const recent = useQuery({ queryKey: ['imports'], queryFn: () => api('GET /api/imports') });
  const failed = (error: unknown) => void message.error(error instanceof ApiError ? error.message : String(error));
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (error) {
      failed(error);
    } finally {
      setBusy(false);
      void client.invalidateQueries({ queryKey: ['imports'] });
    }
  };
  const show = (d: DryRun) => {
    setDryRun(d);
    setColumns(d.mapping.map((m) => m.column));
    setSkip(false);
    setApplied(null);
  };
  const apply = (id: string) =>
    run(async () => {
      const done = await api('POST /api/imports/:id/apply', { params: { id }, body: { skipProblemRows: skip } });
      setApplied(done);
      void message.success(t.importApplied);
      void client.invalidateQueries();
    });
  const statusLabel = (s: ImportRecord['status']) =>
    ({ checked: t.importStatusChecked, applying: t.importStatusApplying, applied: t.importStatusApplied, failed: t.importStatusFailed })[s];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t.imports}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Radio.Group value={kind} onChange={(e) => (setKind(e.target.value as Kind), setDryRun(null))} data-testid="import-kind">
            {kinds.map((k) => (
              <Radio.Button key={k.kind} value={k.kind}>
                {t[k.label]}
              </Radio.Button>
            ))}
          </Radio.Group>
          <Typography.Paragraph type="secondary">{t.importHint}</Typography.Paragraph>
          <Space wrap>
            <Button onClick={() => run(() => downloadFile(`/api/imports/templates/${kind}`))} data-testid="import-template">
              {t.downloadTemplate}
            </Button>
            <Upload
              accept=".xlsx"
              showUploadList={false}
              beforeUpload={(file) => {
                void run(async () => show(await uploadImport(kind, file)));
                return false;
              }}
            >
              <Button type="primary" loading={busy} data-testid="import-upload">
                {t.chooseWorkbook}
              </Button>
            </Upload>
          </Space>
        </Space>
      </Card>

      {dryRun && (
        <Card title={`${t.dryRunOf} · ${dryRun.filename}`} data-testid="import-dry-run">
          <Space size="large" wrap>
            <Statistic title={t.willCreate} value={dryRun.counts.create} valueStyle={{ color: '#0b6e4f' }} data-testid="import-count-create" />
            <Statistic title={t.willUpdate} value={dryRun.counts.update} data-testid="import-count-update" />
            <Statistic title={t.unchanged} value={dryRun.counts.skip} data-testid="import-count-skip" />
            <Statistic
              title={t.withProblems}
              value={dryRun.counts.error}
              valueStyle={dryRun.counts.error ? { color: '#c00000' } : undefined}
              data-testid="import-count-error"
            />
          </Space>

          {dryRun.missingColumns.length > 0 && (
            <Alert
              style={{ marginTop: 12 }}
              type="warning"
              showIcon
              message={t.missingColumns.replace('{columns}', dryRun.missingColumns.join('、'))}
              data-testid="import-missing-columns"
            />
          )}
          <Typography.Title level={5}>{t.columnsMapping}</Typography.Title>
          <Typography.Paragraph type="secondary">{t.columnsMappingHint}</Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey={(_, i) => String(i)}
            dataSource={dryRun.mapping.map((m, i) => ({ ...m, index: i }))}
            columns={[
              { title: t.sheetColumn, dataIndex: 'header' },
              {
                title: t.ourColumn,
                render: (_: unknown, m: { index: number }) => (
                  <Select
                    style={{ width: 200 }}
                    value={columns[m.index] ?? ''}
                    onChange={(v: string) => setColumns((all) => all.map((c, i) => (i === m.index ? v || null : c)))}
                    options={[
                      { value: '', label: t.notImported },
                      ...dryRun.columns.map((c) => ({ value: c.key, label: c.required ? `${c.label} *` : c.label })),
                    ]}
                    data-testid={`import-column-${m.index}`}
                  />
                ),
              },
            ]}
          />
          <Space style={{ margin: '12px 0' }} wrap>
            <Button
              disabled={dryRun.status !== 'checked' || columns.every((c, i) => c === dryRun.mapping[i]?.column)}
              onClick={() => run(async () => show(await api('PUT /api/imports/:id/mapping', { params: { id: dryRun.id }, body: { columns } })))}
              data-testid="import-remap"
            >
              {t.remap}
            </Button>
            <Button onClick={() => run(() => downloadFile(`/api/imports/${dryRun.id}/report`))} data-testid="import-report">
              {t.downloadReport}
            </Button>
          </Space>

          <Table
            size="small"
            rowKey="rowNumber"
            dataSource={dryRun.report}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            data-testid="import-report-rows"
            columns={[
              { title: t.rowNumber, dataIndex: 'rowNumber', width: 70 },
              {
                title: t.result,
                dataIndex: 'action',
                width: 90,
                render: (a: DryRun['report'][number]['action']) => (
                  <Tag color={ACTION_COLORS[a]}>{{ create: t.willCreate, update: t.willUpdate, skip: t.unchanged, error: t.withProblems }[a]}</Tag>
                ),
              },
              { title: t.unitAsRead, dataIndex: 'unitLabel', width: 160, render: (u: string | null) => u ?? '' },
              {
                title: t.problems,
                render: (_: unknown, r: DryRun['report'][number]) => (
                  <Space direction="vertical" size={0}>
                    {r.problems.map((p, i) => (
                      <Typography.Text key={i} type="danger">
                        {p.header ? `${p.header}：` : ''}
                        {p.message}
                      </Typography.Text>
                    ))}
                    {r.action === 'update' && (
                      <Typography.Text type="secondary">{`${t.changedFields}：${r.changed.map((k) => changedLabel(dryRun, k, t)).join('、')}`}</Typography.Text>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          {dryRun.reportTruncated && <Alert type="info" showIcon message={t.reportTruncated} />}
          <Space style={{ marginTop: 12 }} wrap>
            {dryRun.counts.error > 0 && (
              <Checkbox checked={skip} onChange={(e) => setSkip(e.target.checked)} data-testid="import-skip">
                {t.skipProblemRows}
              </Checkbox>
            )}
            <Button
              type="primary"
              loading={busy}
              disabled={!!applied || dryRun.status !== 'checked' || (dryRun.counts.error > 0 && !skip)}
              onClick={() => void apply(dryRun.id)}
              data-testid="import-apply"
            >
              {t.applyImport}
            </Button>
            {applied && (
              <Tag color="green" data-testid="import-applied">
                {`${t.importApplied}: ${applied.counts.create} ${t.willCreate}, ${applied.counts.update} ${t.willUpdate}`}
              </Tag>
            )}
          </Space>
        </Card>
      )}

      <Card title={t.recentImports} size="small">
        <Table
          size="small"
          rowKey="id"
          dataSource={recent.data ?? []}
          pagination={false}
          data-testid="imports-recent"
          columns={[
            { title: t.uploadedAt, dataIndex: 'createdAt', render: (at: string) => formatInstant(at) },
            { title: t.fileName, dataIndex: 'filename' },
            { title: t.importStatus, dataIndex: 'status', render: (s: ImportRecord['status']) => statusLabel(s) },
            {
              title: '',
              render: (_: unknown, r: ImportRecord) =>
                r.status === 'applying' || r.status === 'failed' ? (
                  <Button size="small" onClick={() => void apply(r.id)}>
                    {`${t.resumeImport} (${r.chunksDone}/${r.chunksTotal})`}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
