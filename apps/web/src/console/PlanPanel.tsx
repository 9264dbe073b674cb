import { planApproverRank } from '@guanjia/vocabulary';
import { Alert, Button, Card, Descriptions, Space, Tag } from 'antd';
import type { CommandType } from '../shared/api';
import { formatInstant } from '../shared/format';
import { COMMAND_LABELS, LEVEL_LABELS, PLAN_APPROVER_LABELS, label, rt, useI18n } from '../shared/i18n';
import { useStaff, type StaffCase } from './queries';

/** The commands the plan panel offers itself (the approver reads the plan right above them). */
export const PLAN_DECISIONS: readonly CommandType[] = ['approve_plan', 'return_plan'];

/**
 * A complaint's handling plan (投诉处理方案) as its approver sees it: cause, steps, expected completion,
 * who submitted it and when (由部门负责人提交: the office manager decides it), whether it is approved —
 * and, right below, 批准方案 / 退回方案 when the caller may decide it.
 */
export function PlanPanel(props: {
  c: StaffCase;
  tz: string;
  meId: string;
  allowed: readonly CommandType[];
  onCommand: (cmd: CommandType) => void;
  /** The plan's return (退回方案) with its reason, while the plan waits to be written again. */
  returned: { actorId: string | null; at: string; content: string | null } | null;
}) {
  const { c, tz, meId, allowed, onCommand, returned } = props;
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
      extra={
        plan.approvedAt ? (
          <Tag color="green">{rt('planApproved', lang)}</Tag>
        ) : returned ? (
          <Tag color="red">{rt('planReturned', lang)}</Tag>
        ) : (
          <Tag color="orange">{rt('planPending', lang)}</Tag>
        )
      }
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
      {returned && (
        <Alert
          type="warning"
          showIcon
          data-testid="plan-returned"
          style={{ marginBottom: 8 }}
          message={`${rt('planReturnedBy', lang)}${names.get(returned.actorId ?? '') ?? '—'} · ${formatInstant(returned.at, tz, lang)}`}
          description={
            <span>
              {rt('planReturnReason', lang)}：<span data-testid="plan-return-reason">{returned.content}</span>
            </span>
          }
        />
      )}
      {plan.submittedBy === meId && !plan.approvedAt && !returned && (
        // separation of duties: the author never decides his own plan (the server refuses it: PLAN_SELF_APPROVAL)
        // who decides it: the rank above its author, never below the level's (the server's rule, from the vocabulary)
        <Alert
          type="info"
          showIcon
          data-testid="plan-own"
          message={rt('planOwn', lang).replace('{approver}', label(PLAN_APPROVER_LABELS, planApproverRank(plan.submittedByRank, c.level), lang))}
        />
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
