import { describe, expect, it } from 'vitest';
import { ERROR_KINDS, type ErrorCode } from '../shared/errors.ts';
import { LOCALES, localizeError, pickLocale } from './messages.ts';

const CODES = Object.keys(ERROR_KINDS) as ErrorCode[];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('pickLocale', () => {
  it('defaults to zh-CN', () => {
    expect(pickLocale(undefined)).toBe('zh-CN');
    expect(pickLocale(null)).toBe('zh-CN');
    expect(pickLocale('')).toBe('zh-CN');
  });

  it('picks English when the first language asked for is English', () => {
    expect(pickLocale('en-US,en')).toBe('en');
    expect(pickLocale('en')).toBe('en');
    expect(pickLocale('EN-gb')).toBe('en');
    expect(pickLocale(' en;q=0.9, zh-CN;q=0.8')).toBe('en');
  });

  it('stays in zh-CN for Chinese or any other language', () => {
    expect(pickLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(pickLocale('fr-FR,en')).toBe('zh-CN');
  });
});

describe('localizeError', () => {
  it('interpolates named parameters', () => {
    expect(localizeError('TRANSITION_NOT_ALLOWED', 'zh-CN', { status: 'closed', command: 'close' })).toBe('工单当前状态（closed）不允许执行“close”');
    expect(localizeError('TRANSITION_NOT_ALLOWED', 'en', { status: 'closed', command: 'close' })).toBe('The case is closed: "close" is not allowed now');
    expect(localizeError('ACCOUNT_LOCKED', 'zh-CN', { minutes: 15 })).toBe('登录失败次数过多，账号已暂时锁定，请 15 分钟后再试');
    expect(localizeError('CLOSE_REQUIRES_CAUSE_AND_PREVENTION', 'en', { field: 'causeAnalysis' })).toBe(
      'Closing a complaint needs a cause analysis and preventive measures (missing "causeAnalysis")',
    );
  });

  it('names a field people fill in by its plain name — in zh-CN without the key (it stays in the problem’s field); others by their key', () => {
    expect(localizeError('FIELD_REQUIRED', 'zh-CN', { field: 'description' })).toBe('请填写“问题描述”');
    expect(localizeError('FIELD_REQUIRED', 'zh-CN', { field: 'command.content' })).toBe('请填写“内容”');
    expect(localizeError('FIELD_REQUIRED', 'en', { field: 'description' })).toBe('Please fill in the description (description)');
    expect(localizeError('FIELD_INVALID', 'zh-CN', { field: 'description', reason: '长度不能超过 10000 个字符' })).toBe(
      '“问题描述”的值无效：长度不能超过 10000 个字符',
    );
    expect(localizeError('FIELD_INVALID', 'zh-CN', { field: 'command.summary', reason: '长度不能超过 5000 个字符' })).toBe(
      '“完工说明”的值无效：长度不能超过 5000 个字符',
    );
    expect(localizeError('FIELD_INVALID', 'en', { field: 'description', reason: 'must be at most 10000 characters' })).toBe(
      'The description (description) has an invalid value: must be at most 10000 characters',
    );
    expect(localizeError('FIELD_REQUIRED', 'zh-CN', { field: 'query.cursor' })).toBe('字段“query.cursor”为必填项');
    for (const code of ['FIELD_REQUIRED', 'FIELD_INVALID'] as const)
      for (const field of ['description', 'command.summary', 'projectId', 'command.assigneeId'])
        expect(localizeError(code, 'zh-CN', { field, reason: '无效' }), `${code} ${field}`).not.toMatch(/[A-Za-z]/);
  });

  it('leaves a missing parameter visible, except {reason} which becomes empty', () => {
    expect(localizeError('CODE_TAKEN', 'en')).toBe('The code "{code}" is taken');
    expect(localizeError('VALIDATION_FAILED', 'en')).toBe('Invalid input: ');
    expect(localizeError('VALIDATION_FAILED', 'zh-CN', { reason: '格式错误' })).toBe('输入有误：格式错误');
  });

  it('ignores extra parameters and messages without placeholders', () => {
    expect(localizeError('FORBIDDEN', 'zh-CN', { capability: 'case.intake' })).toBe('您没有权限执行此操作');
  });

  it('falls back to INTERNAL for an unknown code', () => {
    expect(localizeError('NO_SUCH_CODE' as ErrorCode, 'en')).toBe(localizeError('INTERNAL', 'en'));
  });

  it.each(LOCALES)('the %s catalog covers every error code', (locale) => {
    const internal = localizeError('INTERNAL', locale);
    for (const code of CODES) {
      const message = localizeError(code, locale);
      expect(message.length, code).toBeGreaterThan(0);
      if (code !== 'INTERNAL') expect(message, code).not.toBe(internal);
    }
  });

  it('zh-CN messages are Chinese and both catalogs use the same placeholders', () => {
    for (const code of CODES) {
      const zh = localizeError(code, 'zh-CN');
      const en = localizeError(code, 'en');
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(en, code).not.toMatch(/[\u4e00-\u9fff]/);
      expect(placeholders(zh), code).toEqual(placeholders(en));
    }
  });

  it('a parameter’s English form (`<name>En`) is used by the English catalog only', () => {
    const params = { columns: '管理处、业主姓名', columnsEn: 'project, name' };
    expect(localizeError('IMPORT_COLUMNS_MISSING', 'zh-CN', params)).toBe('表格缺少必填列：管理处、业主姓名（第一行应为列名）');
    expect(localizeError('IMPORT_COLUMNS_MISSING', 'en', params)).toBe('The sheet lacks required columns: project, name (the first row holds the headers)');
    expect(localizeError('IMPORT_COLUMNS_MISSING', 'en', { columns: '业主姓名' })).toContain('业主姓名');
  });

  it('every placeholder is filled when its parameter is given', () => {
    for (const locale of LOCALES) {
      for (const code of CODES) {
        const params = Object.fromEntries(placeholders(localizeError(code, locale)).map((k) => [k, `<${k}>`]));
        expect(localizeError(code, locale, params), code).not.toMatch(/\{\w+\}/);
      }
    }
  });
});

describe('ERROR_KINDS', () => {
  it('gives each code one of the known kinds', () => {
    const kinds = new Set([
      'invalid',
      'unauthenticated',
      'forbidden',
      'not_found',
      'conflict',
      'too_large',
      'unsupported',
      'rate_limited',
      'headers_too_large',
      'request_timeout',
      'internal',
    ]);
    for (const code of CODES) expect(kinds.has(ERROR_KINDS[code]), code).toBe(true);
    expect(ERROR_KINDS.TRANSITION_NOT_ALLOWED).toBe('conflict');
    expect(ERROR_KINDS.ACTION_NOT_PERMITTED).toBe('forbidden');
  });
});
