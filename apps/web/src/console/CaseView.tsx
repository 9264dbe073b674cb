import { CLOCK_LABELS, checkServiceLanguage, LANGUAGE_ISSUE_TEXT, OWNER_FACING_FIELDS, TEXT_LIMITS } from '@guanjia/vocabulary';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Modal, Radio, Rate, Row, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, command, upload, type CommandType } from '../shared/api';
import { formatInstant } from '../shared/format';
import {
  CASE_TYPE_LABELS,
  CHANNEL_LABELS,
  CLOSE_REASON_LABELS,
  COMMAND_LABELS,
  DEADLINE_KIND_LABELS,
  ESCALATION_LABELS,
  ESCALATION_STEP_LABELS,
  EVENT_LABELS,
  FIELD_LABELS,
  GRADE_LABELS,
  LEVEL_LABELS,
  STATUS_LABELS,
  label,
  requiredMessage,
  rt,
  useI18n,
  type Lang,
} from '../shared/i18n';
import type { Me } from './App';
import { AttachmentList } from './Attachments';
import { OwnerPicker } from './CallerSearch';
import { COMMAND_FIELDS, toCommand, type FieldKind } from './command-fields';
import { AssignableStaffSelect } from './DispatchDialog';
import { useLanguageGuard } from './LanguageGuard';
import { CaseMessages } from './messaging/CaseMessages';
import { CaseOutages } from './notices/CaseOutages';
import { ownerNotifiedLine } from './messaging/delivery-text';
import { OwnerCard } from './OwnerCard';
import { invalidateCaseLists, keys, useCase, useDepartments, useStaff, type CaseEvent, type StaffCase } from './queries';
import { PLAN_DECISIONS, PlanPanel, RoutingTags } from './PlanPanel';
import { navigate } from './router';
import { showServerError } from './server-errors';
import { RatingPanel } from './callback-rounds/RatingPanel';
import { CaseDefects } from './inspections/CaseDefects';

/** The labels of a choice field's values (the schema's enums), by field name. */
const CHOICE_LABELS: Record<string, Record<string, [string, string]>> = {
  level: ESCALATION_LABELS,
  reason: ESCALATION_LABELS,
  newType: CASE_TYPE_LABELS,
  grade: GRADE_LABELS,
  which: DEADLINE_KIND_LABELS,
};

/** Inputs typed in (请填写 …); the others are chosen (请选择 …). */
const TYPED: readonly FieldKind[] = ['text', 'longtext'];

const clockName = (clock: unknown, lang: Lang) => CLOCK_LABELS[String(clock) as keyof typeof CLOCK_LABELS]?.[lang] ?? '—';

/** An SLA event's line: which clock, and whom its escalation step reached (升级至 …). */
function slaLine(e: CaseEvent, lang: Lang, escalatedTo: string): string {
  const clock = clockName(e.data.clock, lang);
  if (e.type !== 'sla_escalated' || !e.data.to) return clock;
  const line = `${clock} · ${escalatedTo} ${label(ESCALATION_STEP_LABELS, String(e.data.to), lang)}`;
  // a step with nobody to tell fell through to the next real person (客服主管 first), or reached nobody at all
  if (e.data.unreached) return `${line}（${rt('unreached', lang)}）`;
  if (e.data.fellThroughTo) return `${line}（${rt('fellThroughTo', lang)} ${label(ESCALATION_STEP_LABELS, String(e.data.fellThroughTo), lang)}）`;
  return line;
}

/**
 * A pause's line: the clocks it left running because they were already overdue (a breach, once
 * reached, stays), each with its due time — so the timeline never reads as paused over them.
 */
function keptRunningLine(e: CaseEvent, lang: Lang, tz: string): string | null {
  const kept = Array.isArray(e.data.keptRunning) ? (e.data.keptRunning as { clock?: unknown; dueAt?: unknown }[]) : [];
  if (e.type !== 'clocks_paused' || kept.length === 0) return null;
  const clocks = kept.map(
    (k) => `${clockName(k.clock, lang)}${typeof k.dueAt === 'string' ? `（${rt('dueAt', lang)} ${formatInstant(k.dueAt, tz, lang)}）` : ''}`,
  );
  return `${rt('keptRunning', lang)}：${clocks.join(lang === 'en' ? ', ' : '、')}`;
}

/** The case page: its facts, the owner's verdict, each time limit, only the actions allowed now, the timeline, and the reply composer. */
export function CaseView({ id, me }: { id: string; me: Me }) {
  const { t, lang } = useI18n();
  const client = useQueryClient();
  const { detail, events, clocks, files } = useCase(id);
  const [open, setOpen] = useState<CommandType | null>(null);
  const reload = () => void client.invalidateQueries({ queryKey: keys.case(id) });
  if (detail.error) return <Alert type="error" showIcon message={t.notFound} description={(detail.error as ApiError).message} data-testid="case-error" />;
  if (!detail.data) return <Typography.Text>{t.loading}</Typography.Text>;
  const data = detail.data;
  const c = data.case;
  const history = events.data ?? [];
  const fileMeta = new Map((files.data ?? []).map((f) => [f.id, f]));
  const tz = clocks.data?.calendar.timeZone ?? 'Asia/Shanghai';
  // the plan's decisions sit in the plan panel, under the plan they decide
  const actions = data.allowedCommands.filter((a) => a !== 'message' && !(c.plan && PLAN_DECISIONS.includes(a)));
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={15}>
        <Card
          title={
            <Space wrap>
              <Tag color="green">{label(CASE_TYPE_LABELS, c.type, lang)}</Tag>
              <span data-testid="case-number">{c.number}</span>
              <span>{c.title}</span>
              <RoutingTags c={c} />
            </Space>
          }
          extra={<Tag data-testid="case-status">{label(STATUS_LABELS, c.status, lang)}</Tag>}
        >
          <Descriptions size="small" column={{ xs: 1, sm: 2 }}>
            <Descriptions.Item label={t.channel}>{label(CHANNEL_LABELS, c.channel, lang)}</Descriptions.Item>
            <Descriptions.Item label={t.createdAt}>{formatInstant(c.createdAt, tz, lang)}</Descriptions.Item>
            {c.repairGrade && <Descriptions.Item label={t.grade}>{label(GRADE_LABELS, c.repairGrade, lang)}</Descriptions.Item>}
            {c.category && <Descriptions.Item label={t.category}>{c.category}</Descriptions.Item>}
            {c.level !== 'office' && <Descriptions.Item label={t.level}>{label(LEVEL_LABELS, c.level, lang)}</Descriptions.Item>}
            {c.closeReason && <Descriptions.Item label={t.closeReason}>{label(CLOSE_REASON_LABELS, c.closeReason, lang)}</Descriptions.Item>}
            {c.ownerId && (
              <Descriptions.Item label={t.owner}>
                <a onClick={() => navigate(`/owners/${c.ownerId}`)} data-testid="owner-link">
                  {t.archive}
                </a>
              </Descriptions.Item>
            )}
          </Descriptions>
          <Typography.Paragraph>{c.description}</Typography.Paragraph>
          <Verdict c={c} events={history} />
        </Card>
        <Card title={t.timeline} style={{ marginTop: 16 }}>
          <Timeline
            items={history.map((e) => ({
              color: e.type.startsWith('sla_') ? 'red' : e.direction === 'inbound' ? 'green' : 'blue',
              children: (
                <div data-event={e.type}>
                  <Typography.Text type="secondary">
                    {formatInstant(e.at, tz, lang)} · {label(EVENT_LABELS, e.type, lang)}
                    {e.internal ? ` · ${t.internal}` : ''}
                  </Typography.Text>
                  {e.content && <div>{e.content}</div>}
                  {e.type === 'service_language_overridden' && Array.isArray(e.data.phrases) && (
                    <Typography.Text type="danger" data-testid="override-phrases">
                      {(e.data.phrases as string[]).join('、')}
                    </Typography.Text>
                  )}
                  {e.type.startsWith('sla_') && (
                    <div>
                      <Typography.Text type="danger">{slaLine(e, lang, t.escalatedTo)}</Typography.Text>
                    </div>
                  )}
                  {e.type === 'owner_notified' && (
                    <div>
                      <Typography.Text type="secondary" data-testid="owner-notified">
                        {ownerNotifiedLine(e.data, lang, tz, t.msgNotBefore)}
                      </Typography.Text>
                    </div>
                  )}
                  {keptRunningLine(e, lang, tz) && (
                    <div>
                      <Typography.Text type="danger" data-testid="kept-running">
                        {keptRunningLine(e, lang, tz)}
                      </Typography.Text>
                    </div>
                  )}
                  <AttachmentList ids={e.attachmentIds} meta={fileMeta} />
                </div>
              ),
            }))}
          />
        </Card>
        <CaseMessages caseId={id} timeZone={tz} />
        {data.allowedCommands.includes('message') && <Composer caseId={id} version={c.version} onSent={reload} />}
      </Col>
      <Col xs={24} lg={9}>
        <OwnerCard caseId={id} timeZone={tz} />
        <Card title={t.clocks} size="small" data-testid="clocks">
          {clocks.data?.clocks.map((k) => (
            <div key={k.id} style={{ marginBottom: 8 }} data-clock={k.kind}>
              <Space wrap>
                <strong>{k.label}</strong>
                <Tag>{k.targetText}</Tag>
                {k.result === 'met' && <Tag color="green">{t.met_}</Tag>}
                {k.result === 'breached' && <Tag color="red">{t.breached_}</Tag>}
                {k.result === 'cancelled' && <Tag>{t.cancelled}</Tag>}
                {k.paused && <Tag color="blue">{t.paused}</Tag>}
              </Space>
              <div>
                <Typography.Text type="secondary">
                  {t.due}: {formatInstant(k.dueAt, tz, lang)}{' '}
                  <span data-testid={k.lateText ? 'clock-late' : undefined}>{k.lateText ?? k.remainingText ?? ''}</span>
                </Typography.Text>
              </div>
            </div>
          ))}
        </Card>
        <CaseOutages caseId={id} projectId={c.projectId} unitId={c.unitId} timeZone={tz} canLink={me.capabilities.includes('case.intake')} />
        <CaseDefects caseId={id} capabilities={me.capabilities} />
        <PlanPanel c={c} tz={tz} meId={me.id} allowed={data.allowedCommands} onCommand={setOpen} returned={planReturn(c, history)} />
        {(c.status === 'closed' || c.rating !== null) && <RatingPanel caseId={id} me={me} />}
        <Card title={t.actions} size="small" style={{ marginTop: 16 }}>
          {actions.length === 0 && <Typography.Text type="secondary">{t.noActions}</Typography.Text>}
          <Space wrap>
            {actions.map((a) => (
              <Button key={a} onClick={() => setOpen(a)} data-action={a}>
                {label(COMMAND_LABELS, a, lang)}
              </Button>
            ))}
          </Space>
        </Card>
      </Col>
      {open && (
        <CommandForm
          command={open}
          caseId={id}
          version={c.version}
          projectId={c.projectId}
          me={me}
          onClose={() => setOpen(null)}
          onDone={() => {
            setOpen(null);
            reload();
            invalidateCaseLists(client);
          }}
        />
      )}
    </Row>
  );
}

/** The return of the current plan (退回方案: who, when, why), while it waits to be written again. */
function planReturn(c: StaffCase, history: CaseEvent[]): CaseEvent | null {
  if (!c.plan || c.plan.approvedAt || c.status === 'plan_submitted') return null;
  const submittedAt = c.plan.submittedAt;
  return [...history].reverse().find((e) => e.type === 'plan_returned' && e.at >= submittedAt) ?? null;
}

/**
 * The owner's verdict on the result (业主评价): satisfied or not (不满意 sends the case back: 返工, counted),
 * the opinion they gave, and the star rating — read-only.
 */
function Verdict({ c, events }: { c: StaffCase; events: CaseEvent[] }) {
  const { t, lang } = useI18n();
  const verdicts = events.filter((e) => e.type === 'satisfaction_recorded');
  const last = verdicts.at(-1);
  if (c.satisfied === null && c.reopenCount === 0 && c.rating === null && !last) return null;
  return (
    <Descriptions size="small" column={1} bordered title={t.verdict} data-testid="verdict">
      {c.satisfied !== null && (
        <Descriptions.Item label={t.verdict}>
          <Tag color={c.satisfied ? 'green' : 'red'} data-testid="verdict-tag">
            {c.satisfied ? t.satisfied : t.notSatisfied}
          </Tag>
        </Descriptions.Item>
      )}
      {c.reopenCount > 0 && (
        <Descriptions.Item label={t.reworkTimes}>
          <Tag color="orange" data-testid="rework">
            {t.reworked} × {c.reopenCount}
          </Tag>
        </Descriptions.Item>
      )}
      {last?.content && (
        <Descriptions.Item label={t.ownerOpinion}>
          <span data-testid="verdict-opinion">
            {last.content} <Typography.Text type="secondary">({formatInstant(last.at, 'Asia/Shanghai', lang)})</Typography.Text>
          </span>
        </Descriptions.Item>
      )}
      {c.rating !== null && (
        <Descriptions.Item label={t.ownerRating}>
          <Rate disabled value={c.rating} data-testid="rating" /> {c.ratingComment ?? ''}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
}

/** One command's form, its fields from the contract (command-fields.ts); the server's refusal is shown next to the field it names. */
function CommandForm(props: { command: CommandType; caseId: string; version: number; projectId: string; me: Me; onClose: () => void; onDone: () => void }) {
  const { t, lang } = useI18n();
  const [form] = Form.useForm();
  const [general, setGeneral] = useState<string | null>(null);
  const textField: string | undefined = OWNER_FACING_FIELDS[props.command as keyof typeof OWNER_FACING_FIELDS];
  const ownerText = Form.useWatch(textField ?? 'content', form) as string | undefined;
  const guard = useLanguageGuard(textField ? (ownerText ?? '') : '');
  const chosenDepartment = Form.useWatch('departmentId', form) as string | undefined;
  const fields = COMMAND_FIELDS[props.command] as readonly { name: string; kind: FieldKind; required: boolean; options?: readonly string[] }[];
  const departments = useDepartments(fields.some((f) => f.kind === 'department')).data ?? [];
  const staff = useStaff(props.projectId, fields.some((f) => f.kind === 'staff') && props.command !== 'dispatch' && props.command !== 'reassign').data ?? [];
  const submit = async (values: Record<string, unknown>) => {
    if (guard.blocked) return; // a flagged text needs 仍然发送 and a reason (the server refuses it anyway)
    try {
      await command(props.caseId, toCommand(props.command, values), props.version, guard.languageOverride);
      props.onDone();
    } catch (e) {
      guard.refreshAfter(e);
      setGeneral(
        showServerError(
          form,
          e as ApiError,
          fields.map((f) => f.name),
        ),
      );
    }
  };
  const input = (f: (typeof fields)[number]) => {
    switch (f.kind) {
      case 'longtext':
        return <Input.TextArea rows={3} maxLength={TEXT_LIMITS.text} />;
      case 'instant':
        return <Input type="datetime-local" />;
      case 'yesno':
        // a fact is stated, never assumed: no answer is preselected
        return (
          <Radio.Group
            optionType="button"
            data-field={f.name}
            options={[
              { value: true, label: t.yes },
              { value: false, label: t.no },
            ]}
          />
        );
      case 'rating':
        return <Rate />;
      case 'department':
        return <Select options={departments.map((d) => ({ value: d.id, label: d.name }))} showSearch optionFilterProp="label" />;
      case 'staff':
        if (props.command === 'dispatch' || props.command === 'reassign')
          return <AssignableStaffSelect caseId={props.caseId} departmentId={chosenDepartment} />;
        return <Select options={staff.map((s) => ({ value: s.id, label: s.name }))} showSearch optionFilterProp="label" />;
      case 'owner':
        return <OwnerPicker projectId={props.projectId} />;
      case 'choice':
        // buttons, not a select: a select's hidden accessible list reads out each option's value, the raw code
        return (
          <Radio.Group
            optionType="button"
            data-field={f.name}
            options={(f.options ?? []).map((k) => ({ value: k, label: label(CHOICE_LABELS[f.name] ?? {}, k, lang) }))}
          />
        );
      case 'text':
        return <Input maxLength={TEXT_LIMITS.text} />;
    }
  };
  return (
    <Modal
      open
      title={label(COMMAND_LABELS, props.command, lang)}
      onCancel={props.onClose}
      onOk={() => form.submit()}
      okButtonProps={{ 'data-testid': 'command-ok', disabled: guard.blocked } as never}
      destroyOnClose
    >
      <Form form={form} layout="vertical" onFinish={submit}>
        {fields.map((f) => (
          <Form.Item
            key={f.name}
            name={f.name}
            label={label(FIELD_LABELS, f.name, lang)}
            rules={f.required ? [{ required: true, message: requiredMessage(label(FIELD_LABELS, f.name, lang), lang, !TYPED.includes(f.kind)) }] : []}
          >
            {input(f)}
          </Form.Item>
        ))}
      </Form>
      {guard.panel}
      {general && <Alert type="error" showIcon message={general} />}
    </Modal>
  );
}

/** The reply composer: the service-language guard (SPEC §3) warns before the message goes out. */
function Composer({ caseId, version, onSent }: { caseId: string; version: number; onSent: () => void }) {
  const { t, lang } = useI18n();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<File[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const issues = checkServiceLanguage(text);
  const guard = useLanguageGuard(text);
  const send = async () => {
    if (busy || !text.trim() || guard.blocked) return; // Ctrl+Enter included: a flagged reply needs 仍然发送 and a reason
    setBusy(true);
    try {
      // each file is uploaded first (the server checks type, size and content), then sent with the message
      const attachmentIds: string[] = [];
      for (const f of picked) attachmentIds.push((await upload(f)).id);
      await command(
        caseId,
        { type: 'message', direction: 'outbound', content: text, ...(attachmentIds.length ? { attachmentIds } : {}) },
        version,
        guard.languageOverride,
      );
      setText('');
      guard.reset();
      setPicked([]);
      setError(null);
      onSent();
    } catch (e) {
      guard.refreshAfter(e);
      setError((e as ApiError).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t.reply} style={{ marginTop: 16 }}>
      <Input.TextArea
        rows={3}
        maxLength={TEXT_LIMITS.text}
        value={text}
        onChange={(e) => setText(e.target.value)}
        data-testid="composer"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
        }}
      />
      {text.trim() && issues.length > 0 && (
        <Alert
          style={{ marginTop: 8 }}
          type="warning"
          showIcon
          message={t.guardTitle}
          data-testid="language-guard"
          description={
            <ul style={{ margin: 0 }}>
              {issues.map((i) => (
                <li key={i.kind}>
                  {LANGUAGE_ISSUE_TEXT[i.kind][lang]}
                  {i.found.length ? `：${i.found.join('、')}` : ''}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {guard.panel}
      {error && <Alert style={{ marginTop: 8 }} type="error" showIcon message={error} data-testid="composer-error" />}
      <Space style={{ marginTop: 8 }} wrap>
        <label>
          <Typography.Text type="secondary">
            {t.attach}（{t.attachHint}）
          </Typography.Text>{' '}
          <input
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp,application/pdf"
            data-testid="composer-files"
            onChange={(e) => setPicked([...(e.target.files ?? [])])}
            key={picked.length === 0 ? 'empty' : 'picked'}
          />
        </label>
        <Button
          type={issues.length || guard.flagged.length ? 'default' : 'primary'}
          loading={busy}
          disabled={!text.trim() || guard.blocked}
          onClick={() => void send()}
          data-testid="composer-send"
        >
          {issues.length || guard.flagged.length ? t.sendAnyway : t.send}
        </Button>
      </Space>
    </Card>
  );
}
