import { findForbiddenPhrases, OWNER_FACING_FIELDS } from '@guanjia/vocabulary';
import type { Actor } from '../access/actor.ts';
import { refuse, type Refusal } from '../shared/errors.ts';
import type { CaseCommand } from './commands.ts';
import type { NewCaseEvent } from './events.ts';

/**
 * The service-language guard on the server (服务忌语; SPEC §3, seed 004): every text a staff member
 * sends to an owner is checked against the company's phrase list. A flagged text is refused unless the
 * sender overrides with a reason; an accepted override becomes an internal event, counted per staff
 * member for the appraisal.
 */

/** An owner-facing text of a command: the field that carries it and its words. */
export interface OwnerFacingText {
  field: string;
  text: string;
}

/** Sending a flagged text anyway (仍然发送): the reason is required and kept. */
export interface LanguageOverride {
  reason: string;
}

/**
 * The texts of a command that reach the owner (the fields of OWNER_FACING_FIELDS): replies and
 * outbound messages, answers (the desk's, and a department's draft in the case's `answer`), what the
 * owner is told (inform_owner, acknowledge), a recorded outbound contact, the reason an out-of-scope
 * case is closed, a technician's completion summary, an extension's note and a recorded follow-up —
 * each shown in the owner's timeline.
 */
export function ownerFacingTexts(cmd: CaseCommand): OwnerFacingText[] {
  if (!(cmd.type in OWNER_FACING_FIELDS)) return [];
  if (cmd.type === 'message' && cmd.direction !== 'outbound') return [];
  const field = OWNER_FACING_FIELDS[cmd.type as keyof typeof OWNER_FACING_FIELDS];
  const text = (cmd as Record<string, unknown>)[field];
  return typeof text === 'string' && text ? [{ field, text }] : [];
}

export type LanguageGuardResult = { ok: true; events: NewCaseEvent[] } | { ok: false; refusal: Refusal };

/**
 * Checks a staff member's command: nothing flagged → no extra event; flagged without an override →
 * SERVICE_LANGUAGE_FLAGGED naming the field and the phrases; flagged with a reason → one internal
 * 'service_language_overridden' event (phrases, fields, reason) to store before the command's own.
 * Owners' own words are never checked.
 */
export function guardServiceLanguage(
  cmd: CaseCommand,
  actor: Actor,
  phrases: readonly string[],
  override: LanguageOverride | undefined,
  now: string,
): LanguageGuardResult {
  if (actor.kind !== 'staff') return { ok: true, events: [] };
  const flagged = ownerFacingTexts(cmd)
    .map((t) => ({ field: t.field, found: findForbiddenPhrases(t.text, phrases) }))
    .filter((t) => t.found.length > 0);
  if (flagged.length === 0) return { ok: true, events: [] };
  const found = [...new Set(flagged.flatMap((f) => f.found))];
  if (!override) return { ok: false, refusal: refuse('SERVICE_LANGUAGE_FLAGGED', flagged[0]!.field, { phrases: found.join('、') }) };
  const reason = override.reason.trim();
  if (!reason) return { ok: false, refusal: refuse('FIELD_REQUIRED', 'languageOverride.reason') };
  return {
    ok: true,
    events: [
      {
        type: 'service_language_overridden',
        actorKind: 'staff',
        actorId: actor.id,
        channel: null,
        direction: 'internal',
        content: reason,
        internal: true,
        attachmentIds: [],
        changes: {},
        data: { command: cmd.type, fields: flagged.map((f) => f.field), phrases: found, reason },
        at: now,
      },
    ],
  };
}
