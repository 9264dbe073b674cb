import { LocalClock, maskEmail, maskPhone, renderTemplate, type MessageTemplate, type NewCaseEvent } from '@guanjia/core';
import {
  findProject,
  listChannelSettings,
  listMessageTemplates,
  type DeliveryRecord,
  type NotificationRecord,
  type ProjectRow,
  type Schema,
} from '@guanjia/storage';
import type { DeliveryChannel, MessageKind } from '@guanjia/vocabulary';
import { DEFAULT_TEMPLATES } from '@guanjia/core';
import type { Kysely } from 'kysely';
import type { AppDeps } from '../context.ts';

/**
 * What one planning pass of the delivery worker gathers and then writes in one transaction: the
 * deliveries (one per message × recipient × channel), in-app notifications, and the case events that
 * put each message to an owner in the case's history. Also the lookups every planner needs, read once
 * per pass: projects, the organization's templates and which of its channels are set up.
 */
export class PlanContext {
  readonly deliveries: DeliveryRecord[] = [];
  readonly notifications: NotificationRecord[] = [];
  readonly caseEvents = new Map<string, NewCaseEvent[]>();
  /**
   * Common-notice pushes planned in this pass and not yet written, owner → planned send time (ms): the
   * one-push-an-hour throttle reads the database, which does not have them until the pass commits.
   */
  readonly commonPushes = new Map<string, number>();
  private readonly projects = new Map<string, Promise<ProjectRow | null>>();
  private readonly templates = new Map<string, Promise<Map<string, MessageTemplate>>>();
  private readonly channels = new Map<string, Promise<Set<DeliveryChannel>>>();
  private readonly clocks = new Map<string, LocalClock>();

  constructor(
    readonly deps: AppDeps,
    readonly db: Kysely<Schema>,
    readonly now: string,
  ) {}

  project(id: string): Promise<ProjectRow | null> {
    let p = this.projects.get(id);
    if (!p) this.projects.set(id, (p = findProject(this.db, id)));
    return p;
  }

  clockOf(timeZone: string): LocalClock {
    let c = this.clocks.get(timeZone);
    if (!c) this.clocks.set(timeZone, (c = new LocalClock(timeZone)));
    return c;
  }

  /** The outside channels this organization has set up and enabled (a message never plans a channel that cannot send). */
  channelsOf(organizationId: string): Promise<Set<DeliveryChannel>> {
    let c = this.channels.get(organizationId);
    if (!c)
      this.channels.set(
        organizationId,
        (c = listChannelSettings(this.db, organizationId).then((all) => new Set(all.filter((s) => s.enabled).map((s) => s.channel as DeliveryChannel)))),
      );
    return c;
  }

  /** A message kind's text for this organization: its own template (zh-CN), else the default, rendered with the variables. */
  async render(organizationId: string, kind: MessageKind, variables: Record<string, string>): Promise<MessageTemplate> {
    let own = this.templates.get(organizationId);
    if (!own)
      this.templates.set(
        organizationId,
        (own = listMessageTemplates(this.db, organizationId).then((all) => new Map(all.filter((t) => t.locale === 'zh-CN').map((t) => [t.kind, t])))),
      );
    const template = (await own).get(kind) ?? DEFAULT_TEMPLATES[kind]['zh-CN'];
    return renderTemplate(template, variables);
  }

  addCaseEvent(caseId: string, event: NewCaseEvent): void {
    const list = this.caseEvents.get(caseId) ?? [];
    list.push(event);
    this.caseEvents.set(caseId, list);
  }

  /** A delivery row, its address kept encrypted and shown masked. */
  delivery(
    d: Omit<
      DeliveryRecord,
      | 'id'
      | 'idempotencyKey'
      | 'addressEncrypted'
      | 'addressMasked'
      | 'attempts'
      | 'leaseUntil'
      | 'lastError'
      | 'providerMessageId'
      | 'createdAt'
      | 'updatedAt'
      | 'sentAt'
      | 'deliveredAt'
      | 'readAt'
      | 'failedAt'
    > & { address: string | null },
  ): DeliveryRecord {
    const id = this.deps.newId();
    const address = d.address;
    // every field named (no spread of `d`): a notice plans 20,000 of these at once, and copying an
    // object by spread costs ~20 times as much
    const record: DeliveryRecord = {
      id,
      organizationId: d.organizationId,
      projectId: d.projectId,
      messageKey: d.messageKey,
      kind: d.kind,
      sourceType: d.sourceType,
      sourceId: d.sourceId,
      recipientType: d.recipientType,
      recipientId: d.recipientId,
      channel: d.channel,
      urgent: d.urgent,
      title: d.title,
      body: d.body,
      fields: d.fields,
      url: d.url,
      status: d.status,
      nextAttemptAt: d.nextAttemptAt,
      reason: d.reason,
      idempotencyKey: `gj-${id}`,
      addressEncrypted: address ? this.deps.cipher.encrypt(address) : null,
      addressMasked: address ? maskAddress(d.channel as DeliveryChannel, address) : null,
      attempts: 0,
      leaseUntil: null,
      lastError: null,
      providerMessageId: null,
      createdAt: this.now,
      updatedAt: this.now,
      sentAt: null,
      deliveredAt: d.status === 'delivered' ? this.now : null,
      readAt: null,
      failedAt: null,
    };
    this.deliveries.push(record);
    return record;
  }
}

export function maskAddress(channel: DeliveryChannel, address: string): string {
  if (channel === 'sms') return maskPhone(address);
  if (channel === 'email') return maskEmail(address);
  return address.length > 8 ? `${address.slice(0, 4)}…${address.slice(-2)}` : address;
}

const localFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * An instant as the owner reads it, in the project's time zone: 12月5日 14:30. Put together from the
 * parts (Intl's zh-CN with a numeric month writes 12/5, and the wording differs between ICU versions).
 */
export function localText(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  let format = localFormats.get(timeZone);
  if (!format)
    localFormats.set(
      timeZone,
      (format = new Intl.DateTimeFormat('en-US', { timeZone, month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })),
    );
  const part = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${Number(part.month)}月${Number(part.day)}日 ${part.hour}:${part.minute}`;
}
