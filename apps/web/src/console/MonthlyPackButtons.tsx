import { App as AntApp, Button, DatePicker, Space, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, downloadExport } from '../shared/api';
import { useI18n } from '../shared/i18n';

/**
 * 月度报告包 (issue 16 item 1): one project's month as an .xlsx workbook or a printable PDF, written by
 * the server from the same reports the dashboard shows (GET /api/exports/monthly-pack, logged). The
 * project is the dashboard's; with all projects chosen, the buttons ask for one.
 */
export function MonthlyPackButtons({ projectId }: { projectId: string | undefined }) {
  const { t } = useI18n();
  const { message } = AntApp.useApp();
  // last month at first: the month a report is usually made for
  const [month, setMonth] = useState(() => dayjs().subtract(1, 'month').format('YYYY-MM'));
  const [busy, setBusy] = useState<'xlsx' | 'pdf' | null>(null);
  const run = async (format: 'xlsx' | 'pdf') => {
    if (!projectId) return;
    setBusy(format);
    try {
      await downloadExport('GET /api/exports/monthly-pack', { projectId, month, format });
    } catch (error) {
      void message.error(error instanceof ApiError ? error.message : t.exportFailed);
    } finally {
      setBusy(null);
    }
  };
  const disabled = !projectId || busy !== null;
  return (
    <Space size={4} data-testid="monthly-pack">
      <span data-testid="monthly-pack-month">
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t.packMonth}
          value={dayjs(`${month}-01`)}
          onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
        />
      </span>
      <Tooltip title={projectId ? undefined : t.packNeedsProject}>
        <Space size={4}>
          <Button size="small" onClick={() => void run('xlsx')} loading={busy === 'xlsx'} disabled={disabled} data-testid="monthly-pack-xlsx">
            {t.packExcel}
          </Button>
          <Button size="small" onClick={() => void run('pdf')} loading={busy === 'pdf'} disabled={disabled} data-testid="monthly-pack-pdf">
            {t.packPdf}
          </Button>
        </Space>
      </Tooltip>
    </Space>
  );
}
