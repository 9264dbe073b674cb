import {
  checkTemplate,
  DEFAULT_TEMPLATES,
  DomainError,
  MESSAGE_VARIABLES,
  renderTemplate,
  requireCapability,
  SAMPLE_VARIABLES,
  visibleProjectIds,
  type Actor,
  type StaffActor,
} from '@guanjia/core';
import {
  appendAudit,
  findDelivery,
  insertDeliveries,
  listChannelSettings,
  listDeliveries,
  listMessageTemplates,
  requeueDelivery,
  saveChannelSettings,
  saveMessageTemplate,
  type DeliveryRecord,
} from '@guanjia/storage';
import { LOCALES, MESSAGE_KINDS, type ConfigurableChannel, type Locale, type MessageKind } from '@guanjia/vocabulary';
import type { Delivery } from '@guanjia/api-contract';
import type { AppDeps } from '../context.ts';
import { CHANNEL_CONFIG_SCHEMAS } from '../delivery/channels/index.ts';
import { maskAddress } from '../delivery/plan-context.ts';
import { reportPath, reportSigningToken } from '../delivery/report-token.ts';
import { inTransaction } from './transaction.ts';

/**
 * The administrator's side of messaging (issue 13): channel settings per organization (the secret
 * stored encrypted and never returned), message templates with a preview, the delivery list and its
 * dead letters with a retry, and a test message per channel.
 */

function requireMessagingAdmin(actor: Actor): asserts actor is StaffActor {
  requireCapability(actor, 'messaging.admin');
}

export async function listChannels(deps: AppDeps, actor: Actor) {
  requireMessagingAdmin(actor);
  const stored = await listChannelSettings(deps.database.db, actor.organizationId);
  return (Object.keys(CHANNEL_CONFIG_SCHEMAS) as ConfigurableChannel[]).map((channel) => {
    const s = stored.find((x) => x.channel === channel);
    return {
      channel,
      enabled: s?.enabled ?? false,
      config: s?.config ?? {},
      hasSecret: !!s?.secretEncrypted,
      updatedAt: s?.updatedAt ?? null,
      // where the provider pushes its delivery reports (the administrator enters it in the provider's console)
      reportUrl: channel === 'sms' || channel === 'wechat' ? reportPath(deps.cipher, actor.organizationId, channel) : null,
      reportSigningToken: channel === 'wechat' ? reportSigningToken(deps.cipher, actor.organizationId) : null,
    };
  });
}

export async function saveChannel(
  deps: AppDeps,
  actor: Actor,
  channel: ConfigurableChannel,
  body: { enabled: boolean; config: Record<string, unknown>; secret?: string },
) {
  requireMessagingAdmin(actor);
  const parsed = CHANNEL_CONFIG_SCHEMAS[channel].safeParse(body.config);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DomainError('CHANNEL_SETTINGS_INVALID', ['config', ...issue.path].join('.'), { field: issue.path.join('.') || 'config', reason: issue.message });
  }
  const now = deps.now();
  await inTransaction(deps.database, async (db) => {
    const existing = (await listChannelSettings(db, actor.organizationId)).find((s) => s.channel === channel);
    const secretEncrypted = body.secret !== undefined ? deps.cipher.encrypt(body.secret) : (existing?.secretEncrypted ?? null);
    await saveChannelSettings(db, {
      organizationId: actor.organizationId,
      channel,
      enabled: body.enabled,
      config: parsed.data as Record<string, unknown>,
      secretEncrypted,
      updatedBy: actor.id,
      updatedAt: now,
    });
    // who changed which channel and whether the secret changed; never the secret itself
    await appendAudit(db, {
      organizationId: actor.organizationId,
      actorKind: 'staff',
      actorId: actor.id,
      action: 'channel.saved',
      targetType: 'channel',
      targetId: channel,
      projectId: null,
      detail: { channel, enabled: body.enabled, secretChanged: body.secret !== undefined },
      at: now,
    });
  });
  return (await listChannels(deps, actor)).find((c) => c.channel === channel)!;
}

/** Queues a channel_test message to an address on one channel; the worker sends it like any other. */
export async function sendChannelTest(deps: AppDeps, actor: Actor, channel: ConfigurableChannel, to: string) {
  requireMessagingAdmin(actor);
  const settings = (await listChannelSettings(deps.database.db, actor.organizationId)).find((s) => s.channel === channel);
  if (!settings?.enabled) throw new DomainError('CHANNEL_NOT_SET_UP', 'channel', { channel });
  if (channel !== 'webhook' && !to) throw new DomainError('CHANNEL_TEST_ADDRESS_REQUIRED', 'to', { channel });
  const now = deps.now();
  const id = deps.newId();
  const variables = { organizationName: '', channel, sentAt: now };
  const text = renderTemplate(DEFAULT_TEMPLATES.channel_test['zh-CN'], variables);
  const record: DeliveryRecord = {
    id,
    organizationId: actor.organizationId,
    projectId: null,
    messageKey: `test:${id}`,
    kind: 'channel_test',
    sourceType: 'test',
    sourceId: null,
    recipientType: 'endpoint',
    recipientId: actor.id,
    channel,
    addressEncrypted: to ? deps.cipher.encrypt(to) : null,
    addressMasked: to ? maskAddress(channel, to) : null,
    urgent: false,
    title: text.title,
    body: text.body,
    fields: variables,
    url: null,
    idempotencyKey: `gj-${id}`,
    status: 'queued',
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    reason: null,
    lastError: null,
    providerMessageId: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
  };
  await inTransaction(deps.database, (db) => insertDeliveries(db, [record]));
  deps.delivery?.poke();
  return { deliveryId: id };
}

export function deliveryView(d: DeliveryRecord): Delivery {
  return {
    id: d.id,
    kind: d.kind as MessageKind,
    channel: d.channel as Delivery['channel'],
    recipientType: d.recipientType,
    recipientId: d.recipientId,
    to: d.addressMasked,
    urgent: d.urgent,
    title: d.title,
    body: d.body,
    status: d.status as Delivery['status'],
    reason: d.reason,
    lastError: d.lastError,
    attempts: d.attempts,
    sourceType: d.sourceType,
    sourceId: d.sourceId,
    nextAttemptAt: d.nextAttemptAt,
    createdAt: d.createdAt,
    sentAt: d.sentAt,
    deliveredAt: d.deliveredAt,
    readAt: d.readAt,
    failedAt: d.failedAt,
  };
}

/** The projects an administrator's lists cover (null: the whole organization). */
function scopeOf(actor: StaffActor): readonly string[] | null {
  const p = visibleProjectIds(actor);
  return p === 'all' ? null : p;
}

const cursorOf = (d: DeliveryRecord) => Buffer.from(`${d.createdAt}|${d.id}`).toString('base64url');
function parseCursor(cursor: string | undefined) {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!createdAt || !id) throw new DomainError('FIELD_INVALID', 'before', { field: 'before', reason: 'cursor' });
  return { createdAt, id };
}

/** The organization's deliveries (status failed: the dead-letter list), newest first, in the administrator's projects. */
export async function listDeliveryPage(deps: AppDeps, actor: Actor, query: { status?: string; limit: number; before?: string }) {
  requireMessagingAdmin(actor);
  const rows = await listDeliveries(deps.database.db, {
    organizationId: actor.organizationId,
    status: query.status,
    projectIds: scopeOf(actor),
    before: parseCursor(query.before),
    limit: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return { items: page.map(deliveryView), next: rows.length > query.limit ? cursorOf(page[page.length - 1]!) : null };
}

/** Sends a failed delivery again (from the dead-letter list): back in the queue with its attempts reset and the same idempotency key. */
export async function retryDelivery(deps: AppDeps, actor: Actor, id: string) {
  requireMessagingAdmin(actor);
  const d = await findDelivery(deps.database.db, id);
  const projects = scopeOf(actor);
  if (!d || d.organizationId !== actor.organizationId || (projects && d.projectId && !projects.includes(d.projectId)))
    throw new DomainError('DELIVERY_NOT_FOUND', 'id');
  if (d.status !== 'failed') throw new DomainError('DELIVERY_NOT_FAILED', 'id', { status: d.status });
  await inTransaction(deps.database, async (db) => {
    if (!(await requeueDelivery(db, id, deps.now()))) throw new DomainError('DELIVERY_NOT_FAILED', 'id', { status: d.status });
  });
  deps.delivery?.poke();
  return deliveryView((await findDelivery(deps.database.db, id))!);
}

// --- templates -------------------------------------------------------------------------------------

export async function listTemplates(deps: AppDeps, actor: Actor) {
  requireMessagingAdmin(actor);
  const own = await listMessageTemplates(deps.database.db, actor.organizationId);
  return MESSAGE_KINDS.flatMap((kind) =>
    LOCALES.map((locale) => {
      const mine = own.find((t) => t.kind === kind && t.locale === locale);
      const t = mine ?? DEFAULT_TEMPLATES[kind][locale];
      return { kind, locale, title: t.title, body: t.body, variables: [...MESSAGE_VARIABLES[kind]], custom: !!mine };
    }),
  );
}

function requireKnownVariables(kind: MessageKind, template: { title: string; body: string }): void {
  const unknown = checkTemplate(kind, template);
  if (unknown.length)
    throw new DomainError('TEMPLATE_VARIABLE_UNKNOWN', unknown[0]!.field, { variable: unknown[0]!.variable, allowed: MESSAGE_VARIABLES[kind].join(', ') });
}

export async function saveTemplate(deps: AppDeps, actor: Actor, kind: MessageKind, locale: Locale, body: { title: string; body: string }) {
  requireMessagingAdmin(actor);
  requireKnownVariables(kind, body);
  await inTransaction(deps.database, (db) =>
    saveMessageTemplate(db, {
      organizationId: actor.organizationId,
      kind,
      locale,
      title: body.title,
      body: body.body,
      updatedBy: actor.id,
      updatedAt: deps.now(),
    }),
  );
  return (await listTemplates(deps, actor)).find((t) => t.kind === kind && t.locale === locale)!;
}

/** A template rendered with sample values (the console's preview); without a body given, the stored or default one. */
export async function previewTemplate(deps: AppDeps, actor: Actor, kind: MessageKind, locale: Locale, draft: { title?: string; body?: string }) {
  requireMessagingAdmin(actor);
  const current = (await listTemplates(deps, actor)).find((t) => t.kind === kind && t.locale === locale)!;
  const template = { title: draft.title ?? current.title, body: draft.body ?? current.body };
  requireKnownVariables(kind, template);
  const variables = SAMPLE_VARIABLES[kind];
  return { ...renderTemplate(template, variables), variables };
}
