import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReportToken, reportSigningToken, reportToken } from '../src/delivery/report-token.ts';
import { beijingTimeToIso, smsReportOutcome } from '../src/delivery/reports/sms-report.ts';
import { isWechatSignature, parseWechatXml, templateJobOutcome, wechatSignature } from '../src/delivery/reports/wechat-report.ts';
import { createFieldCipher } from '../src/security/encryption.ts';

/**
 * The providers' report formats read on their own: Alibaba's Beijing times, WeChat's signature and its
 * small XML, what a report makes of a delivery, and the derived report tokens.
 */
const NOW = '2026-11-25T02:00:00.000Z';

describe('Alibaba Cloud SMS reports', () => {
  it('reads Beijing time (UTC+8) as UTC, across midnight and the year’s end', () => {
    expect(beijingTimeToIso('2026-12-05 10:00:00')).toBe('2026-12-05T02:00:00.000Z');
    expect(beijingTimeToIso('2027-01-01 07:59:59')).toBe('2026-12-31T23:59:59.000Z');
    expect(beijingTimeToIso('2028-02-29 08:00:00')).toBe('2028-02-29T00:00:00.000Z');
  });

  it('is not fooled by times that are not one', () => {
    for (const text of ['2026-02-30 10:00:00', '2026-13-01 00:00:00', '2026-12-05 24:00:00', '2026-12-05T10:00:00Z', '2026-12-05', '', undefined])
      expect(beijingTimeToIso(text), String(text)).toBeNull();
  });

  it('property: any instant written as a Shanghai wall-clock time comes back as itself', () => {
    const wallClock = new Intl.DateTimeFormat('sv-SE', {
      timeZone: 'Asia/Shanghai',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) }), (ms) => {
        const instant = Math.floor(ms / 1000) * 1000;
        expect(beijingTimeToIso(wallClock.format(new Date(instant)))).toBe(new Date(instant).toISOString());
      }),
    );
  });

  it('a success is delivered; a failure keeps the carrier’s code and words; an unreadable time is the receiving time', () => {
    const base = { report_time: '2026-11-25 10:00:05', biz_id: '900^1', out_id: 'gj-1' };
    expect(smsReportOutcome({ ...base, success: true }, NOW)).toEqual({
      idempotencyKey: 'gj-1',
      providerMessageId: '900^1',
      status: 'delivered',
      at: '2026-11-25T02:00:05.000Z',
    });
    expect(smsReportOutcome({ ...base, success: 'false', err_code: 'MK:0012', err_msg: '号码停机' }, NOW)).toMatchObject({
      status: 'failed',
      reason: 'MK:0012: 号码停机',
    });
    expect(smsReportOutcome({ ...base, report_time: 'soon', success: false }, NOW)).toMatchObject({ at: NOW, reason: 'failed (no reason given)' });
    expect(smsReportOutcome({ ...base, out_id: '', success: true }, NOW).idempotencyKey).toBeNull();
  });
});

describe('WeChat pushes', () => {
  it('the signature is the SHA-1 of token, timestamp and nonce sorted and joined (computed independently with sha1sum)', () => {
    // printf '%s' 14093043481528437903guanjia | sha1sum
    expect(wechatSignature('guanjia', '1409304348', '1528437903')).toBe('9d2e24724dea452b5ff86ae3524c3c02d612855a');
    expect(isWechatSignature('guanjia', { signature: '9D2E24724DEA452B5FF86AE3524C3C02D612855A', timestamp: '1409304348', nonce: '1528437903' })).toBe(true);
    expect(isWechatSignature('guanjia', { signature: '9d2e24724dea452b5ff86ae3524c3c02d612855b', timestamp: '1409304348', nonce: '1528437903' })).toBe(false);
    expect(isWechatSignature('guanjia', { signature: '9d2e', timestamp: '1409304348', nonce: '1528437903' })).toBe(false);
  });

  it('reads a TEMPLATESENDJOBFINISH push (CDATA or not, MsgID or MsgId)', () => {
    const xml = `<xml>
      <ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>
      <FromUserName><![CDATA[oia2TjuEGTNoeX76QEjQNrcURxG8]]></FromUserName>
      <CreateTime>1395658920</CreateTime>
      <MsgType><![CDATA[event]]></MsgType>
      <Event><![CDATA[TEMPLATESENDJOBFINISH]]></Event>
      <MsgID>200163836</MsgID>
      <Status><![CDATA[failed:user block]]></Status>
    </xml>`;
    const fields = parseWechatXml(xml)!;
    expect(fields).toMatchObject({ FromUserName: 'oia2TjuEGTNoeX76QEjQNrcURxG8', MsgID: '200163836', Status: 'failed:user block' });
    expect(templateJobOutcome(fields, NOW)).toEqual({
      providerMessageId: '200163836',
      status: 'failed',
      at: '2014-03-24T11:02:00.000Z',
      reason: 'failed:user block',
    });
    const other = parseWechatXml(xml.replace('<MsgID>200163836</MsgID>', '<MsgId>200163837</MsgId>').replace('failed:user block', 'success'))!;
    expect(templateJobOutcome(other, NOW)).toMatchObject({ providerMessageId: '200163837', status: 'delivered' });
    expect(templateJobOutcome({ MsgType: 'event', Event: 'subscribe' }, NOW)).toBeNull();
    expect(templateJobOutcome({ MsgType: 'text', MsgId: '1' }, NOW)).toBeNull();
    expect(templateJobOutcome({ MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH' }, NOW)).toBeNull();
  });

  it('refuses what is not a push, and any document type (no entity is ever expanded)', () => {
    for (const text of ['', '{"MsgType":"event"}', '<xmlx></xmlx>', '<root><a>1</a></root>', '<!DOCTYPE xml [<!ENTITY a "b">]><xml><A>&a;</A></xml>'])
      expect(parseWechatXml(text), text).toBeNull();
    expect(parseWechatXml('<?xml version="1.0" encoding="utf-8"?>\n<xml><A>&#x4e2d;&#25991;&amp;&#0;</A></xml>')).toEqual({ A: '中文&\ufffd' });
  });

  const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,12}$/);
  const escape = (v: string) => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  it('property: any flat fields written as XML — escaped or in CDATA — read back as written', () => {
    fc.assert(
      fc.property(fc.dictionary(name, fc.string({ unit: 'grapheme', maxLength: 30 })), fc.boolean(), (fields, cdata) => {
        const usable = Object.fromEntries(Object.entries(fields).filter(([, v]) => !cdata || !v.includes(']]>')));
        const body = Object.entries(usable)
          .map(([k, v]) => `<${k}>${cdata ? `<![CDATA[${v}]]>` : escape(v)}</${k}>`)
          .join('\n');
        expect(parseWechatXml(`<xml>${body}</xml>`)).toEqual(usable);
      }),
    );
  });
});

describe('report tokens', () => {
  const cipher = createFieldCipher(Buffer.alloc(32, 7));
  it('differ per organization, channel and server key; only the exact token is accepted', () => {
    const sms = reportToken(cipher, 'org-a', 'sms');
    expect(sms).toMatch(/^[0-9a-f]{64}$/);
    expect(reportToken(cipher, 'org-a', 'sms')).toBe(sms);
    expect(reportToken(cipher, 'org-a', 'wechat')).not.toBe(sms);
    expect(reportToken(cipher, 'org-b', 'sms')).not.toBe(sms);
    expect(reportToken(createFieldCipher(Buffer.alloc(32, 8)), 'org-a', 'sms')).not.toBe(sms);
    expect(isReportToken(cipher, 'org-a', 'sms', sms)).toBe(true);
    expect(isReportToken(cipher, 'org-a', 'sms', sms.toUpperCase())).toBe(false);
    expect(isReportToken(cipher, 'org-a', 'sms', sms.slice(0, 63))).toBe(false);
    expect(isReportToken(cipher, 'org-b', 'sms', sms)).toBe(false);
    expect(isReportToken(cipher, 'org-a', 'wechat', sms)).toBe(false);
  });

  it('WeChat’s 令牌 is 32 letters or digits (its limit), and is not part of the URL token', () => {
    const signing = reportSigningToken(cipher, 'org-a');
    expect(signing).toMatch(/^[0-9a-f]{32}$/);
    expect(reportToken(cipher, 'org-a', 'wechat')).not.toContain(signing);
  });

  it('property: no other token of the same length is accepted', () => {
    const sms = reportToken(cipher, 'org-a', 'sms');
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{64}$/), (guess) => {
        expect(isReportToken(cipher, 'org-a', 'sms', guess)).toBe(guess === sms);
      }),
    );
  });
});
