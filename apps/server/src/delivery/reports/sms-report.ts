/**
 * Alibaba Cloud SMS delivery reports (短信状态报告, SmsReport in HTTP batch-push mode): a JSON array of
 * `{ phone_number, send_time, report_time, success, err_code, err_msg, sms_size, biz_id, out_id }`
 * pushed to the URL set in the SMS console. Each report names the message by out_id (the OutId we sent:
 * the delivery's idempotency key) and biz_id (the BizId SendSms answered). Times are Beijing time
 * without a zone ("2026-12-05 10:00:00"). The receiver answers `{ "code": 0, "msg": "接收成功" }` with
 * HTTP 200; anything else is pushed again (after 1, 5 and 10 minutes), and a report may come twice.
 */
import type { SmsReport } from '@guanjia/api-contract';
import type { ProviderReport } from '@guanjia/storage';

/** What the provider expects back: a number in `code` (0) and HTTP 200. */
export const SMS_REPORT_ANSWER = { code: 0, msg: '接收成功' } as const;

const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** "2026-12-05 10:00:00" in Beijing time (UTC+8, no daylight saving) as ISO-8601 UTC; null when it is not such a time. */
export function beijingTimeToIso(text: string | undefined): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(text?.trim() ?? '');
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  // 2026-02-30 rolls over in Date.UTC: not a time the provider would write
  if (back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return null;
  return new Date(ms - BEIJING_OFFSET_MS).toISOString();
}

/** One report as what became of our delivery: delivered, or failed with the carrier's code and words. `now` when the report's time is unreadable. */
export function smsReportOutcome(report: SmsReport, now: string): ProviderReport {
  const at = beijingTimeToIso(report.report_time) ?? now;
  const match = { idempotencyKey: report.out_id || null, providerMessageId: report.biz_id || null };
  if (report.success === true || report.success === 'true') return { ...match, status: 'delivered', at };
  const reason = [report.err_code, report.err_msg].filter(Boolean).join(': ') || 'failed (no reason given)';
  return { ...match, status: 'failed', at, reason: reason.slice(0, 500) };
}
