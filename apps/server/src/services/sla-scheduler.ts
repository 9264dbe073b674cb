import {
  afterAlert,
  alertDelivery,
  composeDigests,
  escalationChain,
  fallThroughOrder,
  isAccused,
  FOLLOW_UP_RESPONSIBLE,
  LAST_RESORT,
  lastResortRecipients,
  nextAlert,
  noticeDeadline,
  type ClockAlert,
  type EscalationStep,
  type NewCaseEvent,
  type NoticeItem,
  type NoticeTarget,
} from '@guanjia/core';
import {
  appendAudit,
  appendOutbox,
  appendCaseEventsBatch,
  claimDueClocks,
  claimUncountedBreaches,
  countBreaches,
  findCaseRoutings,
  findDepartment,
  findStaff,
  insertNotification,
  listDepartments,
  listStaff,
  nextAlertInstant,
  queueNotices,
  saveAlertProgressBatch,
  takeDueNotices,
  type PendingNotice,
  setCaseVersions,
  type CaseRouting,
  type DepartmentRecord,
  type Schema,
  type StaffRecord,
  type StoredClock,
} from '@guanjia/storage';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';
import { publishCase } from './cases.service.ts';
import { slaSetupOf, type SlaSetup } from './sla.service.ts';
import { runStatutoryAlerts } from './statutory-alerts.ts';
import { runWeeklySampleTick } from './callback-rounds.service.ts';
import { runUnratedSweep } from './callbacks-owed.ts';
import { runVisitReminders } from './visit-reminders.ts';
import { runInspectionTick } from './inspection-tick.ts';
import { inTransaction } from './transaction.ts';

/**
 * The SLA scheduler (SPEC §5): one loop that wakes at the next due alert and handles only what is
 * due — clocks are found through the index on their next alert instant, never by scanning open
 * cases. Each warning and escalation is a case event (by the system) and a notice to the people
 * concerned; a step whose own recipient is missing falls through to the next real person (the
 * service supervisor first), and when the whole chain is empty to the company's administrators and
 * leadership (never the accused); only with truly nobody the event says `unreached` and an audit
 * entry (`sla.unreached`) makes it seen. Notices wait in `pending_notices` for their recipient's
 * digest window (default 2 minutes; a warning no longer than half the time left before its breach)
 * and leave as one notification per recipient and window (core's sla/digest.ts). The alert
 * state lives on the clock row and changes in the same transaction as the events, so a restart
 * neither loses nor repeats an alert; on PostgreSQL the due rows are locked and other processes
 * skip them (FOR UPDATE SKIP LOCKED), so each alert is handled exactly once. The same tick counts
 * the breaches of running clocks that passed their due instant in the report rollups (decision 0015),
 * found through their own partial index, under the same locks.
 */
export interface TickResult {
  clocks: number;
  alerts: number;
  notifications: number;
  /** Running clocks whose breach was counted in the report rollups. */
  breaches: number;
  /** Alerts that page the on-duty person (calendar-time clocks outside working hours). */
  pages: number;
}

export async function runSlaTick(deps: AppDeps, options: { limit?: number } = {}): Promise<TickResult> {
  const now = deps.now();
  let alerted: { before: CaseRouting; events: NewCaseEvent[] }[] = [];
  const result = await inTransaction(deps.database, async (db) => {
    const due = await claimDueClocks(db, now, options.limit ?? 1000);
    const breaches = await claimUncountedBreaches(db, now, options.limit ?? 1000);
    // Lock order: a case command locks its case, then its clocks; we hold the clocks, so we skip
    // cases that are busy (their command may change these very clocks) until the next tick.
    const caseIds = [...new Set([...due, ...breaches].map((k) => k.caseId))];
    const cases = new Map((await findCaseRoutings(db, caseIds, { forUpdate: true, skipLocked: true })).map((c) => [c.id, c]));
    const people = new Recipients(db);
    const setups = new Map<string, Promise<SlaSetup>>();
    const setupOf = (projectId: string) => {
      let setup = setups.get(projectId);
      if (!setup) setups.set(projectId, (setup = slaSetupOf(deps, db, projectId)));
      return setup;
    };
    const eventsByCase = new Map<string, NewCaseEvent[]>();
    const progressRows: { id: string; warned: boolean; escalations: number; nextAlertAt: string | null; updatedAt: string }[] = [];
    const notices: (PendingNotice & { flushBy: string })[] = [];
    const unreached: { c: CaseRouting; clock: StoredClock; alert: ClockAlert }[] = [];
    // alerts of calendar-time clocks outside working hours: the on-duty person is paged (delivery/alert-pages.ts)
    const pages: { organizationId: string; topic: string; payload: unknown; createdAt: string }[] = [];
    const windowMinutes = deps.noticeDigestMinutes ?? DEFAULT_DIGEST_MINUTES;
    let alerts = 0;
    for (const clock of due) {
      const c = cases.get(clock.caseId);
      if (!c) continue;
      const setup = await setupOf(c.projectId);
      const chain = escalationChain(c);
      let progress = { warned: clock.warned, escalations: clock.escalations };
      const events = eventsByCase.get(c.id) ?? [];
      for (let alert = nextAlert(clock, progress, chain, setup.calendar); alert && alert.at <= now; alert = nextAlert(clock, progress, chain, setup.calendar)) {
        // a warning goes to the assignee (else the service supervisor); a step to its own people,
        // else down the fall-through order; never done with nobody told while someone can be reached
        const order: EscalationStep[] = alert.kind === 'warning' ? ['assignee', 'service_supervisor'] : fallThroughOrder(chain, alert.step - 1);
        const accused = await people.accusedOf(c);
        let reached: { step: NoticeTarget; ids: string[] } | null = null;
        for (const step of order) {
          const ids = (await people.of(step, c, clock.kind)).filter((id) => !accused.has(id));
          if (ids.length) {
            reached = { step, ids };
            break;
          }
        }
        // the whole chain empty (a new project, vacant posts): a step is never done with nobody told
        // while the company has someone who can act — its administrators and leadership
        if (!reached && alert.kind === 'escalation') {
          const ids = lastResortRecipients(await people.companyWide(c.organizationId), c);
          if (ids.length) reached = { step: LAST_RESORT, ids };
        }
        if (!reached) unreached.push({ c, clock, alert });
        events.push(alertEvent(clock, alert, reached, now));
        if (alertDelivery(clock.rule.target.basis, Date.parse(now), setup.calendar) === 'page')
          pages.push({
            organizationId: c.organizationId,
            topic: 'sla.page',
            payload: {
              caseId: c.id,
              clockId: clock.id,
              clock: clock.kind,
              alert: alert.kind,
              step: alert.kind === 'escalation' ? alert.step : 0,
              dueAt: clock.dueAt,
              recipients: reached?.ids ?? [],
            },
            createdAt: now,
          });
        const item: NoticeItem = {
          caseId: c.id,
          caseNumber: c.number,
          clock: clock.kind,
          alert: alert.kind,
          step: alert.kind === 'escalation' ? alert.step : 0,
          dueAt: clock.dueAt,
        };
        const flushBy = noticeDeadline(item, now, windowMinutes);
        for (const id of reached?.ids ?? []) notices.push({ organizationId: c.organizationId, recipientId: id, caseId: c.id, item: { ...item }, flushBy });
        progress = afterAlert(progress, alert);
        alerts += 1;
      }
      eventsByCase.set(c.id, events);
      progressRows.push({
        id: clock.id,
        warned: progress.warned,
        escalations: progress.escalations,
        nextAlertAt: nextAlert(clock, progress, chain, setup.calendar)?.at ?? null,
        updatedAt: now,
      });
    }
    const entries = [...eventsByCase].filter(([, events]) => events.length > 0).map(([id, events]) => ({ before: cases.get(id)!, events }));
    // alert events change no case field: only the version moves, one per event
    await appendCaseEventsBatch(db, entries, deps.newId);
    await setCaseVersions(
      db,
      entries.map(({ before, events }) => ({ id: before.id, version: before.version + events.length, updatedAt: now })),
    );
    await saveAlertProgressBatch(db, progressRows);
    // breaches reached: counted in the report rollups (their cases held, so no command rewrites them meanwhile)
    const counted = await countBreaches(
      db,
      breaches.filter((k) => cases.has(k.caseId)),
      now,
    );
    // nobody at all could be told: the event says so, and the audit log makes it seen (an administrator's task)
    for (const { c, clock, alert } of unreached)
      await appendAudit(db, {
        organizationId: c.organizationId,
        actorKind: 'system',
        actorId: null,
        action: 'sla.unreached',
        targetType: 'case',
        targetId: c.id,
        projectId: c.projectId,
        detail: {
          caseNumber: c.number,
          clock: clock.kind,
          clockId: clock.id,
          alert: alert.kind,
          ...(alert.kind === 'escalation' ? { step: alert.step, to: alert.to } : {}),
        },
        at: now,
      });
    for (const page of pages) await appendOutbox(db, page);
    // 首问负责: the first receiver hears of these system changes as of anyone's (delivery/case-messages.ts),
    // by the same outbox row a command writes; `informed`: who already heard of every one by its own notice
    for (const { before, events } of entries)
      await appendOutbox(db, {
        organizationId: before.organizationId,
        topic: 'case.changed',
        payload: { caseId: before.id, projectId: before.projectId, events: events.map((e) => e.type), actorId: null, informed: toldOfEvery(events) },
        createdAt: now,
      });
    await queueNotices(db, notices, now, deps.newId);
    const notifications = await sendDueDigests(deps, db, now);
    alerted = entries;
    return { clocks: due.length, alerts, notifications, breaches: counted.length, pages: pages.length };
  });
  if (result.pages || alerted.length) deps.delivery?.poke();
  for (const { before, events } of alerted) publishCase(deps, 'sla.alert', before, events);
  await runStatutoryAlerts(deps); // 法定公示: schedules due soon or overdue tell their office manager
  await runWeeklySampleTick(deps); // 抽样回访: from Monday, each project's sample of the week before (once; idempotent)
  await runUnratedSweep(deps); // 回访: repairs unrated 48 h after completion join the callback queue
  await runVisitReminders(deps); // 走访: the visitors of the day's visits reminded (from 07:00, once)
  await runInspectionTick(deps); // 巡检: tasks made ahead, ended ones finished, points' reminders; late defects escalated
  return result;
}

/** Clock alerts to one person within this many minutes become one notification. */
export const DEFAULT_DIGEST_MINUTES = 2;

/** Sends, per recipient whose window has closed, everything queued as one notification (core's composeDigests); how many were sent. */
async function sendDueDigests(deps: AppDeps, db: Kysely<Schema>, now: string): Promise<number> {
  const due = await takeDueNotices(db, now, 5000);
  const digests = composeDigests(due.map((n) => ({ recipientId: n.recipientId, organizationId: n.organizationId, item: n.item as unknown as NoticeItem })));
  for (const d of digests) {
    const id = deps.newId();
    await insertNotification(db, { id, ...d, createdAt: now, readAt: null });
    // and to the person's own channel, by the delivery worker (delivery/alert-digests.ts)
    const items = d.caseId ? [d.data as unknown as NoticeItem] : (d.data.items as NoticeItem[]);
    await appendOutbox(db, {
      organizationId: d.organizationId,
      topic: 'alert.digest',
      payload: { recipientId: d.recipientId, notificationId: id, items },
      createdAt: now,
    });
  }
  if (digests.length) deps.delivery?.poke();
  return digests.length;
}

/** The staff every one of these alert events reached (their `recipients`): they need no second word of them. */
function toldOfEvery(events: readonly NewCaseEvent[]): string[] {
  const lists = events.map((e) => (Array.isArray(e.data.recipients) ? (e.data.recipients as string[]) : []));
  return lists.length ? lists.reduce((common, list) => common.filter((id) => list.includes(id))) : [];
}

function alertEvent(clock: StoredClock, alert: ClockAlert, reached: { step: NoticeTarget; ids: string[] } | null, now: string): NewCaseEvent {
  const to = alert.kind === 'escalation' ? alert.to : 'assignee';
  return {
    type: alert.kind === 'warning' ? 'sla_warning' : 'sla_escalated',
    actorKind: 'system',
    actorId: null,
    channel: 'internal',
    direction: 'internal',
    content: null,
    internal: true,
    attachmentIds: [],
    changes: {},
    data: {
      clockId: clock.id,
      clock: clock.kind,
      dueAt: clock.dueAt,
      scheduledAt: alert.at,
      ...(alert.kind === 'escalation' ? { step: alert.step, to } : { to }),
      // who was told: the step itself, or whom it fell through to (the chain's next real person, or the
      // company's administrators and leadership as the last resort); `unreached`: nobody at all
      ...(reached && reached.step !== to ? { fellThroughTo: reached.step } : {}),
      ...(reached ? {} : { unreached: true }),
      recipients: reached?.ids ?? [],
    },
    at: now,
  };
}

/** Who a step of the chain is, for a case; looked up once per tick. */
class Recipients {
  private readonly staffByProject = new Map<string, Promise<StaffRecord[]>>();
  private readonly supervisingHeads = new Map<string, Promise<string[]>>();
  constructor(private readonly db: Kysely<Schema>) {}

  async of(step: EscalationStep, c: CaseRouting, clock: StoredClock['kind']): Promise<string[]> {
    switch (step) {
      case 'assignee': {
        // a follow-up task answers to whoever must call back, not to the technician who did the work
        const responsible = FOLLOW_UP_RESPONSIBLE[clock];
        if (responsible === 'quality_department') return this.of('quality_department', c, clock);
        const id = responsible === 'first_receiver' ? (c.firstReceiverId ?? c.assigneeId) : (c.assigneeId ?? c.firstReceiverId);
        return id ? this.active([id]) : []; // a deactivated account reads nothing: the step falls through
      }
      case 'service_supervisor': // 客服主管 of the case's project
        return (await this.staffOf(c)).filter((s) => s.roles.includes('service_supervisor') && !s.companyWide).map((s) => s.id);
      case 'department_head': {
        const d = c.departmentId ? await this.department(c.departmentId) : null;
        return d?.headStaffId ? this.active([d.headStaffId]) : [];
      }
      case 'office_manager':
        return (await this.staffOf(c)).filter((s) => s.roles.includes('office_manager') && !s.companyWide).map((s) => s.id);
      case 'quality_department': {
        const officers = (await this.staffOf(c)).filter((s) => s.roles.includes('quality_officer')).map((s) => s.id);
        return [...new Set([...(await this.active(await this.qualityHeads(c.organizationId))), ...officers])];
      }
      case 'leadership':
        return (await this.staffOf(c)).filter((s) => s.roles.includes('leadership')).map((s) => s.id);
    }
  }

  /** The organization's company-wide staff (the last resort's candidates: core's lastResortRecipients picks them). */
  companyWide(organizationId: string): Promise<StaffRecord[]> {
    let list = this.companyWideStaff.get(organizationId);
    if (!list) {
      list = listStaff(this.db, organizationId, []).then((all) => all.filter((s) => s.companyWide));
      this.companyWideStaff.set(organizationId, list);
    }
    return list;
  }
  private readonly companyWideStaff = new Map<string, Promise<StaffRecord[]>>();

  /** The accused of a complaint (core's isAccused): never told of it. */
  async accusedOf(c: CaseRouting): Promise<Set<string>> {
    const ids = new Set((await this.staffOf(c)).filter((s) => isAccused(s, c)).map((s) => s.id));
    if (c.accusedStaffId) ids.add(c.accusedStaffId);
    return ids;
  }

  /** The ones of these staff whose accounts are active: a deactivated assignee or head is a vacant post. */
  private async active(ids: readonly string[]): Promise<string[]> {
    const out: string[] = [];
    for (const id of ids) {
      let person = this.people.get(id);
      if (!person) this.people.set(id, (person = findStaff(this.db, id)));
      if ((await person)?.active) out.push(id);
    }
    return out;
  }
  private readonly people = new Map<string, Promise<StaffRecord | null>>();

  private readonly departments = new Map<string, Promise<DepartmentRecord | null>>();
  private department(id: string): Promise<DepartmentRecord | null> {
    let d = this.departments.get(id);
    if (!d) this.departments.set(id, (d = findDepartment(this.db, id)));
    return d;
  }

  private staffOf(c: CaseRouting): Promise<StaffRecord[]> {
    let list = this.staffByProject.get(c.projectId);
    if (!list) {
      list = listStaff(this.db, c.organizationId, [c.projectId]).then((all) => all.filter((s) => s.active));
      this.staffByProject.set(c.projectId, list);
    }
    return list;
  }

  private qualityHeads(organizationId: string): Promise<string[]> {
    let heads = this.supervisingHeads.get(organizationId);
    if (!heads) {
      heads = listDepartments(this.db, organizationId, null).then((ds) => ds.filter((d) => d.isSupervising && d.headStaffId).map((d) => d.headStaffId!));
      this.supervisingHeads.set(organizationId, heads);
    }
    return heads;
  }
}

/**
 * Runs ticks for the life of the server: sleeps until the earliest pending alert (at most a minute,
 * so alerts written by other processes are seen), wakes early when this process makes a sooner one.
 */
export class SlaScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private stopped = false;

  constructor(
    private readonly deps: AppDeps,
    private readonly onError: (error: unknown) => void = () => {},
    private readonly maxSleepMs = 60_000,
  ) {}

  start(): void {
    this.deps.scheduler = this;
    void this.loop();
  }

  poke(): void {
    if (this.stopped || this.running) return;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), Math.max(0, ms));
  }

  private async loop(): Promise<void> {
    if (this.stopped || this.running) return;
    this.running = true;
    try {
      for (;;) {
        const r = await runSlaTick(this.deps);
        if (r.clocks < 1000 && r.breaches < 1000) break; // more due than one tick takes: go again at once
      }
    } catch (error) {
      this.onError(error);
    } finally {
      this.running = false;
    }
    if (this.stopped) return;
    const next = await nextAlertInstant(this.deps.database.db).catch(() => null);
    const wait = next ? Date.parse(next) - Date.parse(this.deps.now()) : this.maxSleepMs;
    this.schedule(Math.min(Math.max(wait, 0), this.maxSleepMs));
  }
}
