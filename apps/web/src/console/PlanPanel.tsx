import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import type { CommandType } from '../shared/api';
import { formatInstant } from '../shared/format';
import { COMMAND_LABELS, LEVEL_LABELS, label, rt, useI18n } from '../shared/i18n';
import { useStaff, type StaffCase } from './queries';

/** The commands the plan panel offers itself (the approver reads the plan right above them). */
export const PLAN_DECISIONS: readonly CommandType[] = ['approve_plan', 'return_plan'];

/**
 * A complaint's handling plan (投诉处理方案) as its approver sees it: cause, steps, expected completion,
 * who submitted it and when (由部门负责人提交: the office manager decides it), whether it is approved —
 * and, right below, 批准方案 / 退回方案 when the caller may decide it.
 */
export function PlanPanel(props: { c: StaffCase; tz: string; meId: string; allowed: readonly CommandType[]; onCommand: (cmd: CommandType) => void }) {
  const { c, tz, meId, allowed, onCommand } = props;
  const { lang } = useI18n();
  const names = useStaffNames(c.projectId, !!c.plan);
  const plan = c.plan;
  if (!plan) return null;
  const decisions = PLAN_DECISIONS.filter((d) => allowed.includes(d));
  return (
    <Card
      title={rt('plan', lang)}
      size="small"
      style={{ marginTop: 16 }}
      data-testid="plan-panel"
      extra={plan.approvedAt ? <Tag color="green">{rt('planApproved', lang)}</Tag> : <Tag color="orange">{rt('planPending', lang)}</Tag>}
    >
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={rt('planCause', lang)}>
          <span data-testid="plan-cause">{plan.cause}</span>
        </Descriptions.Item>
        <Descriptions.Item label={rt('planSteps', lang)}>
          <span data-testid="plan-steps" style={{ whiteSpace: 'pre-wrap' }}>
            {plan.steps}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={rt('planExpected', lang)}>
          <span data-testid="plan-expected">{formatInstant(plan.expectedCompletionAt, tz, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={rt('planSubmitted', lang)}>
          <span data-testid="plan-submitter">
            {names.get(plan.submittedBy) ?? '—'} · {formatInstant(plan.submittedAt, tz, lang)}
          </span>
          {plan.submittedByHead && (
            <Tag color="blue" style={{ marginInlineStart: 8 }} data-testid="plan-by-head">
              {rt('planByHead', lang)}
            </Tag>
          )}
        </Descriptions.Item>
        {plan.approvedAt && (
          <Descriptions.Item label={rt('planApproved', lang)}>
            {names.get(plan.approvedBy ?? '') ?? '—'} · {formatInstant(plan.approvedAt, tz, lang)}
          </Descriptions.Item>
        )}
      </Descriptions>
      {plan.submittedBy === meId && !plan.approvedAt && (
        // separation of duties: the author never decides his own plan (the server refuses it: PLAN_SELF_APPROVAL)
        <Alert type="info" showIcon data-testid="plan-own" message={rt(plan.submittedByHead ? 'planOwnByHead' : 'planOwn', lang)} />
      )}
      {decisions.length > 0 && (
        <Space>
          {decisions.map((d) => (
            <Button key={d} type={d === 'approve_plan' ? 'primary' : 'default'} onClick={() => onCommand(d)} data-action={d}>
              {label(COMMAND_LABELS, d, lang)}
            </Button>
          ))}
        </Space>
      )}
    </Card>
  );
}

/** Where a case is handled (公司领导, 公司) and whom a complaint is against: tags for the case's header. */
export function RoutingTags({ c }: { c: StaffCase }) {
  const { lang } = useI18n();
  const names = useStaffNames(c.projectId, !!c.accusedStaffId);
  return (
    <>
      {c.level !== 'office' && (
        <Tag color="volcano" data-testid="case-level">
          {label(LEVEL_LABELS, c.level, lang)}
        </Tag>
      )}
      {c.accusedParty && (
        <Tag color="magenta" data-testid="case-accused">
          {rt('accused', lang)}：
          {c.accusedParty === 'office_management' ? rt('accusedManagement', lang) : (names.get(c.accusedStaffId ?? '') ?? rt('accusedStaff', lang))}
        </Tag>
      )}
      {c.compensationClaim && (
        <Tag color="red" data-testid="case-compensation">
          {rt('compensationClaim', lang)}
        </Tag>
      )}
    </>
  );
}

/** Staff names of a project, by id (the plan's submitter and approver, the accused). */
function useStaffNames(projectId: string, enabled: boolean): Map<string, string> {
  const staff = useStaff(projectId, enabled).data ?? [];
  return new Map(staff.map((s) => [s.id, s.name]));
}
