import { DomainError } from '@guanjia/core';
import type { SmsReport } from '@guanjia/api-contract';
import { recordDeliveryReport } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { isReportToken, reportSigningToken, type ReportChannel } from '../delivery/report-token.ts';
import { SMS_REPORT_ANSWER, smsReportOutcome } from '../delivery/reports/sms-report.ts';
import { isWechatSignature, parseWechatXml, templateJobOutcome, WECHAT_PUSH_ANSWER } from '../delivery/reports/wechat-report.ts';
import { inTransaction } from './transaction.ts';

/**
 * Delivery reports pushed by the providers (issue 13 item 1): delivered or failed where the channel
 * reports it. The routes are public; each request proves itself by the token in its path (derived per
 * organization and channel: delivery/report-token.ts) and, for WeChat, by WeChat's signature too. A
 * wrong token or signature is 404 and nothing is confirmed or written. Reports of unknown messages are
 * received and dropped (the provider would otherwise push them again).
 */

interface ReportTarget {
  organizationId: string;
  token: string;
}

function requireReportToken(deps: AppDeps, channel: ReportChannel, target: ReportTarget): void {
  if (!isReportToken(deps.cipher, target.organizationId, channel, target.token)) throw new DomainError('NOT_FOUND');
}

function requireWechatSignature(deps: AppDeps, target: ReportTarget, query: { signature: string; timestamp: string; nonce: string }): void {
  requireReportToken(deps, 'wechat', target);
  if (!isWechatSignature(reportSigningToken(deps.cipher, target.organizationId), query)) throw new DomainError('NOT_FOUND');
}

/** Alibaba Cloud SMS reports (a batch): each delivered or failed; the answer the provider expects. */
export async function receiveSmsReports(deps: AppDeps, target: ReportTarget, reports: readonly SmsReport[]) {
  requireReportToken(deps, 'sms', target);
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    for (const report of reports) await recordDeliveryReport(db, target.organizationId, 'sms', smsReportOutcome(report, now));
  });
  return { ...SMS_REPORT_ANSWER };
}

/** WeChat's check of the server URL when it is saved: echostr, only to a request WeChat signed. */
export function verifyWechatServer(
  deps: AppDeps,
  target: ReportTarget,
  query: { signature: string; timestamp: string; nonce: string; echostr: string },
): string {
  requireWechatSignature(deps, target, query);
  return query.echostr;
}

/** A WeChat push (signed): a template message's outcome is written; anything else is acknowledged and left. */
export async function receiveWechatPush(
  deps: AppDeps,
  target: ReportTarget,
  query: { signature: string; timestamp: string; nonce: string },
  body: string,
): Promise<string> {
  requireWechatSignature(deps, target, query);
  const fields = parseWechatXml(body);
  if (!fields)
    throw new DomainError('FIELD_INVALID', 'body', {
      field: 'body',
      reason: '不是微信推送的 XML（<xml>…</xml>）',
      reasonEn: 'not the XML of a WeChat push (<xml>…</xml>)',
    });
  // safe mode (安全模式) sends only <Encrypt>: these reports need plain-text mode (明文模式) or compatible mode (兼容模式)
  if (!fields.MsgType && fields.Encrypt !== undefined)
    throw new DomainError('FIELD_INVALID', 'body', {
      field: 'body',
      reason: '推送是加密的：请把公众号的消息加解密方式设为明文模式或兼容模式',
      reasonEn: 'the push is encrypted: set the official account’s message encryption to plain text or compatible mode',
    });
  const outcome = templateJobOutcome(fields, deps.now());
  if (outcome) await inTransaction(deps.database, (db) => recordDeliveryReport(db, target.organizationId, 'wechat', outcome));
  return WECHAT_PUSH_ANSWER;
}
