import type { Locale } from '@guanjia/vocabulary';
import type { CellProblem } from './cell-values.ts';

/**
 * What the dry run says of a row (issue 12): each problem names its column (our key) and a code, with
 * the values its message shows. Messages in zh-CN first, English second; {name} is interpolated.
 */
export type RowProblemCode =
  | CellProblem
  | 'required'
  | 'unknown_value'
  | 'phone_invalid'
  | 'email_invalid'
  | 'id_number_format'
  | 'id_number_birth_date'
  | 'id_number_checksum'
  | 'unknown_project'
  | 'unknown_building'
  | 'unit_label_unparsed'
  | 'unit_label_conflict'
  | 'unit_not_found'
  | 'duplicate_row'
  | 'conflicting_row'
  | 'ambiguous_owner'
  | 'conflicting_id_numbers'
  | 'two_primary_owners'
  | 'grade_needs_approval'
  | 'unknown_department'
  | 'unknown_role'
  | 'username_invalid'
  | 'admin_role_needs_admin'
  | 'self_lockout'
  | 'not_in_your_projects';

export interface RowProblem {
  /** Our column key (import-columns.ts); null for the row as a whole. */
  column: string | null;
  code: RowProblemCode;
  params?: Record<string, string | number>;
}

const MESSAGES: Record<RowProblemCode, [string, string]> = {
  formula: ['单元格是公式：不导入公式，请复制后“粘贴为数值”', 'the cell is a formula: formulas are not imported, paste the values instead'],
  error_value: ['单元格是错误值（{value}）', 'the cell is an error value ({value})'],
  not_a_date: ['“{value}”不是日期（可写作 2024-03-15、2024/3/15、2024年3月15日）', '“{value}” is not a date (write 2024-03-15)'],
  not_a_number: ['“{value}”不是数字', '“{value}” is not a number'],
  not_an_integer: ['“{value}”不是整数', '“{value}” is not a whole number'],
  too_long: ['内容过长', 'the text is too long'],
  digits_lost: [
    '数字位数过多，表格已把后几位改成 0：请把该列设为“文本”后重新输入',
    'too many digits: the spreadsheet has rounded the last ones; format the column as text and type it again',
  ],
  required: ['必填', 'required'],
  unknown_value: ['“{value}”不是可选值（可选：{choices}）', '“{value}” is not one of: {choices}'],
  phone_invalid: ['“{value}”不是大陆手机号或带区号的固定电话', '“{value}” is not a mainland mobile or landline number'],
  email_invalid: ['“{value}”不是电子邮箱地址', '“{value}” is not an email address'],
  id_number_format: ['身份证号应为 18 位（17 位数字加一位数字或 X）', 'an ID number has 18 characters: 17 digits and a digit or X'],
  id_number_birth_date: ['身份证号中的出生日期不存在', 'the birth date inside the ID number does not exist'],
  id_number_checksum: ['身份证号校验码不对，请核对每一位', 'the ID number’s check character is wrong: check every digit'],
  unknown_project: ['没有名为“{value}”的管理处', 'no management office named “{value}”'],
  unknown_building: ['管理处“{project}”没有楼栋“{value}”', 'office “{project}” has no building “{value}”'],
  unit_label_unparsed: [
    '无法识别房屋“{value}”（可写作 1栋2单元301、1-2-301、1#2-301）',
    'cannot read the unit “{value}” (write 1栋2单元301, 1-2-301 or 1#2-301)',
  ],
  unit_label_conflict: ['“房屋”与楼栋、单元、房号三列所写不一致', 'the unit label and the building, entrance and room columns disagree'],
  unit_not_found: ['没有房屋 {label}：请先导入楼栋房屋', 'no unit {label}: import the buildings and units first'],
  duplicate_row: ['与第 {row} 行重复', 'the same as row {row}'],
  ambiguous_owner: ['这一行可能是系统中的多位业主（{who}）：请填写身份证号以区分', 'this row may be several archived owners ({who}): give the ID number'],
  conflicting_id_numbers: ['同一人的几行填了不同的身份证号', 'rows of the same person give different ID numbers'],
  conflicting_row: ['与第 {row} 行是同一业主、同一房屋，但所填不同', 'the same owner and unit as row {row}, with different values'],
  two_primary_owners: ['房屋 {label} 已有主业主（{who}）', 'unit {label} already has a primary owner ({who})'],
  grade_needs_approval: [
    '业主“{who}”现为{from}：客户分级的变更须经审批，请在档案中提交分级变更申请，或在表中留空',
    'the owner “{who}” is graded {from}: a grade changes only by an approved request; leave the cell blank',
  ],
  unknown_department: ['没有名为“{value}”的部门', 'no department named “{value}”'],
  unknown_role: ['“{value}”不是角色（可选：{choices}）', '“{value}” is not a role ({choices})'],
  username_invalid: ['登录账号只能由字母、数字、点、横线和下划线组成（3–64 位）', 'a username is 3–64 letters, digits, dots, dashes or underscores'],
  admin_role_needs_admin: ['只有管理员能授予“管理员”角色', 'only an administrator grants the administrator role'],
  self_lockout: ['不能去掉自己的员工管理权限，请由另一位管理员操作', 'you cannot take away your own staff administration'],
  not_in_your_projects: ['您不负责管理处“{value}”，不能导入它的数据', 'you do not manage office “{value}”'],
};

/** A problem's message in the user's language. */
export function describeRowProblem(problem: RowProblem, locale: Locale): string {
  const [zh, en] = MESSAGES[problem.code];
  const template = locale === 'en' ? en : zh;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(problem.params?.[name] ?? ''));
}
