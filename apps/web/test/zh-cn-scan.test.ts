import { describe, expect, it } from 'vitest';
import { offencesIn } from './zh-cn-scan.ts';

/** The zh-CN scan's detector on its own: what it must flag on a Chinese screen, and what is data, not code. */
describe('the zh-CN scan flags raw codes', () => {
  it.each([
    ['派工 · dispatch', 'enum: dispatch'],
    ['升级 escalate', 'enum: escalate'],
    ['时限预警 → assignee', 'enum: assignee'],
    ['部门类型：engineering', 'enum: engineering'],
    ['请填写“问题描述”（description）', 'enum: description'],
    ['字段“command.content”为必填项', 'key: command.content'],
    ['处理人 assigneeId', 'key: assigneeId'],
    ['query.departmentId 无效', 'key: query.departmentId'],
    ['sla_warning22 ×', 'code: sla_warning'],
    ['暂无数据 No data', 'antd: No data'],
  ])('%s → %s', (text, offence) => {
    expect(offencesIn(text)).toContain(offence);
  });
  it('leaves data alone: Chinese, numbers, file names, e-mail addresses, allowed sign-in names', () => {
    expect(offencesIn('工单 BX-20261125-000001 · 卫生间漏水 · 2栋-1单元-201 · 报告.pdf · photo.png · li.na@example.com · 在办 3 件')).toEqual([]);
    expect(offencesIn('员工 tech1、agent1', [/(?<![A-Za-z])[a-z]+\d+(?![A-Za-z])/g])).toEqual([]);
  });
});
