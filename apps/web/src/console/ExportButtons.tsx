import type { ExportQuery, ExportRoute } from '@guanjia/api-contract';
import { App as AntApp, Button, Space } from 'antd';
import { useState } from 'react';
import { ApiError, downloadExport } from '../shared/api';
import { useI18n } from '../shared/i18n';

/**
 * 导出 Excel · 导出 CSV for a table of the console (issue 12, item 5): the server writes the whole
 * table for this query — every page, masked for the user's role — and logs the export.
 */
export function ExportButtons<K extends ExportRoute>({ route, query, testId }: { route: K; query: Omit<ExportQuery<K>, 'format'>; testId: string }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      await downloadExport(route, { ...query, format } as ExportQuery<K>);
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t.exportFailed);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Space size={4}>
      <Button size="small" onClick={() => void run('xlsx')} loading={busy === 'xlsx'} disabled={busy !== null} data-testid={`${testId}-xlsx`}>
        {t.exportExcel}
      </Button>
      <Button size="small" onClick={() => void run('csv')} loading={busy === 'csv'} disabled={busy !== null} data-testid={`${testId}-csv`}>
        {t.exportCsv}
      </Button>
    </Space>
  );
}
