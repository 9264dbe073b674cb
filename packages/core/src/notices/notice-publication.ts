import type { NoticeKind } from '@guanjia/vocabulary';
import { defaultExpiry, findPersonalData, leadTimeProblem, type PersonalDataFinding, type PersonalDataKind } from '../delivery/notice-rules.ts';
import { maskEmail, maskIdNumber, maskPhone } from '../owners/masking.ts';

/**
 * What a notice needs before it is published (SPEC §9): a period that ends after it starts, the start
 * of a planned disruption (停水, 停电, 消杀) and its lead time (24 h, 24 h, 72 h) unless it is an emergency
 * with its reason, an emergency's expiry, an expiry after the instant of publishing, and no owner's
 * personal data in its title or body (a finding is reported masked, so that the refusal itself does
 * not repeat it).
 * Checked when the author submits and again on approval (publication is then). Pure.
 */

export interface NoticeContent {
  kind: NoticeKind;
  title: string;
  body: string;
  emergency: boolean;
  emergencyReason: string | null;
  /** The disruption's period (epoch ms), when it has one. */
  startsAt: number | null;
  endsAt: number | null;
  /** Required of an emergency; else defaultExpiry at publication. */
  expiresAt: number | null;
}

export type PublicationProblem =
  | { code: 'NOTICE_PERIOD_INVALID'; field: 'endsAt' }
  | { code: 'NOTICE_START_REQUIRED'; field: 'startsAt'; hours: number }
  | { code: 'NOTICE_LEAD_TIME_TOO_SHORT'; field: 'startsAt'; hours: number }
  | { code: 'NOTICE_EMERGENCY_REASON_REQUIRED'; field: 'emergencyReason' }
  | { code: 'NOTICE_EXPIRY_REQUIRED'; field: 'expiresAt' }
  | { code: 'NOTICE_EXPIRY_INVALID'; field: 'expiresAt' }
  | { code: 'NOTICE_PERSONAL_DATA'; field: 'title' | 'body'; kind: PersonalDataKind; excerpt: string };

/** When a notice published at `publishAt` expires: its own expiry, else its period's end, else a month on. */
export function noticeExpiry(content: Pick<NoticeContent, 'endsAt' | 'expiresAt'>, publishAt: number): number {
  return content.expiresAt ?? defaultExpiry(publishAt, content.endsAt);
}

/** Everything that stops the notice from being published at `publishAt`, in the order the author would fix them; empty when it may be. */
export function publicationProblems(content: NoticeContent, publishAt: number): PublicationProblem[] {
  const problems: PublicationProblem[] = [];
  if (content.startsAt !== null && content.endsAt !== null && content.endsAt <= content.startsAt)
    problems.push({ code: 'NOTICE_PERIOD_INVALID', field: 'endsAt' });
  const reason = content.emergencyReason?.trim() ? content.emergencyReason : null;
  const lead = leadTimeProblem(content.kind, publishAt, content.startsAt, content.emergency, reason);
  if (lead?.reason === 'start_required') problems.push({ code: 'NOTICE_START_REQUIRED', field: 'startsAt', hours: lead.hours });
  if (lead?.reason === 'lead_time_too_short') problems.push({ code: 'NOTICE_LEAD_TIME_TOO_SHORT', field: 'startsAt', hours: lead.hours });
  if (content.emergency && !reason) problems.push({ code: 'NOTICE_EMERGENCY_REASON_REQUIRED', field: 'emergencyReason' });
  if (content.emergency && content.expiresAt === null) problems.push({ code: 'NOTICE_EXPIRY_REQUIRED', field: 'expiresAt' });
  else if (noticeExpiry(content, publishAt) <= publishAt) problems.push({ code: 'NOTICE_EXPIRY_INVALID', field: 'expiresAt' });
  for (const field of ['title', 'body'] as const)
    for (const finding of findPersonalData(content[field]))
      problems.push({ code: 'NOTICE_PERSONAL_DATA', field, kind: finding.kind, excerpt: maskFinding(finding) });
  return problems;
}

/** Characters of a home's address, not of a person's name (kept when a finding is masked). */
const ADDRESS_WORDS = /[栋幢座号楼单元室房层业主住户租的先生女士小姐阿姨师傅太老叔]/u;

/**
 * A finding as it may be shown back: 138****5678, 1101**********1232, z***@example.com; a name next to
 * a home keeps the home and the first character of each name (3栋2单元1201张** → 3栋2单元1201张**).
 */
export function maskFinding(finding: PersonalDataFinding): string {
  const text = finding.excerpt;
  switch (finding.kind) {
    case 'phone':
      return maskPhone(text.replace(/[\s-]/g, '').replace(/^\+?86/, ''));
    case 'id_number':
      return maskIdNumber(text);
    case 'email':
      return maskEmail(text);
    case 'name_with_unit':
      // each run of Han characters that are not words of an address: its first kept, the rest starred
      return text.replace(/\p{Script=Han}+/gu, (run) => {
        const chars = Array.from(run);
        let seenName = false;
        return chars
          .map((c) => {
            if (ADDRESS_WORDS.test(c)) return c;
            if (!seenName) {
              seenName = true;
              return c;
            }
            return '*';
          })
          .join('');
      });
  }
}
