import type { ChecklistItem, InspectionKind } from './checklists.ts';
import type { Specialty } from '@guanjia/vocabulary';

/**
 * A starter checklist for each kind of check (issue 15 item 1), drawn from the seeds' wording (seed 001
 * 内部检查: 日检三个层次, 夜间查岗, 品质部月检/季检; seed 002 七 监督与检查 (二) 检查内容). The demo company
 * starts with them; a company edits them or writes its own (POST /api/checklist-templates).
 */

type Line = readonly [text: string, specialty: Specialty, points: number];

const LINES: Record<InspectionKind, { name: string; lines: readonly Line[] }> = {
  daily_overall: {
    name: '管理处主任日检表（全面检查）',
    lines: [
      ['门岗、巡逻岗在岗在位，出入登记规范', 'security', 10],
      ['公共区域清洁，无垃圾、积水、杂物堆放', 'environment', 10],
      ['绿化养护良好，无枯枝、黄土裸露', 'environment', 10],
      ['设备房运行正常，运行记录填写完整', 'engineering', 10],
      ['报修按时处理，维修现场整洁', 'engineering', 10],
      ['前台接待及时，服务用语规范，记录完整', 'service', 10],
    ],
  },
  daily_specialty: {
    name: '专业主管日检表（专业检查）',
    lines: [
      ['水泵房、配电房巡查到位，记录完整', 'engineering', 10],
      ['电梯运行正常，机房清洁', 'engineering', 10],
      ['消防设施完好，消防通道畅通', 'security', 10],
      ['维修工单按时完成，工具物料摆放有序', 'engineering', 10],
      ['本专业人员着装规范、交接班正常', 'general', 10],
    ],
  },
  daily_patrol: {
    name: '操作人员工作巡查表',
    lines: [
      ['仪容仪表、着装符合规定', 'general', 10],
      ['交接班记录清楚，无无故脱岗', 'general', 10],
      ['责任区域清洁、设施无损坏', 'environment', 10],
      ['发现的异常及时报告并记录', 'general', 10],
    ],
  },
  night: {
    name: '夜间查岗记录表',
    lines: [
      ['各岗位在岗在位，无睡岗、脱岗', 'security', 10],
      ['值班记录按时填写', 'security', 10],
      ['夜间巡逻按时到位', 'security', 10],
      ['消防监控中心值守正常', 'security', 10],
      ['设备房值班及运行正常', 'engineering', 10],
    ],
  },
  monthly_management: {
    name: '品质部月检表（管理状态检查）',
    lines: [
      ['日检表填写完整，不合格项注明关闭或跟踪情况', 'general', 10],
      ['巡查、夜间查岗按规定进行并有记录', 'security', 10],
      ['工单处理及时，回访按规定完成', 'service', 10],
      ['业主档案与沟通记录完整规范', 'service', 10],
      ['员工培训与考核记录齐全', 'general', 10],
      ['仓库盘点、摆放符合标准', 'general', 10],
    ],
  },
  quarterly_property: {
    name: '品质部季检表（物业状态检查）',
    lines: [
      ['公共区域环境卫生', 'environment', 10],
      ['绿化养护', 'environment', 10],
      ['房屋本体及公共设施完好', 'engineering', 10],
      ['机电设备运行状态', 'engineering', 10],
      ['消防设施及安全防范', 'security', 10],
      ['客户服务及公示资料', 'service', 10],
    ],
  },
  communication_audit: {
    name: '沟通工作检查表',
    lines: [
      ['沟通渠道畅通，客服人员及时响应业主需求', 'service', 10],
      ['抽查的沟通记录完整、准确', 'service', 10],
      ['沟通档案管理规范', 'service', 10],
      ['遵守沟通技巧与服务用语规范', 'service', 10],
      ['业主问题得到有效解决', 'service', 10],
      ['投诉处理及时、有效', 'service', 10],
      ['业主满意度达到规定标准', 'service', 10],
    ],
  },
};

/** The starter checklist of a kind: its name and items (ids i1, i2, …). */
export function starterChecklist(kind: InspectionKind): { name: string; items: ChecklistItem[] } {
  const { name, lines } = LINES[kind];
  return { name, items: lines.map(([text, specialty, points], n) => ({ id: `i${n + 1}`, text, specialty, points })) };
}
