import { FORBIDDEN_PHRASE_MAX_LENGTH, FORBIDDEN_PHRASES_MAX } from '@guanjia/vocabulary';
import { z } from 'zod';
import { LocalDateSchema } from './common.ts';

/**
 * Service language (服务忌语; SPEC §3, seed 004): the company's list of barred phrases, the override
 * that sends a flagged text anyway, and how often each staff member overrode.
 */

/** 仍然发送: send an owner-facing text the guard flagged; the reason is required and recorded. */
export const LanguageOverrideSchema = z.strictObject({ reason: z.string().trim().min(1).max(500) });

const Phrase = z.string().trim().min(1).max(FORBIDDEN_PHRASE_MAX_LENGTH);

/** The phrases to bar; replaces the company's list (duplicates are dropped). */
export const ServiceLanguageListBodySchema = z.strictObject({ phrases: z.array(Phrase).max(FORBIDDEN_PHRASES_MAX) });

export const ServiceLanguageListSchema = z
  .object({
    phrases: z.array(z.string()).describe('the phrases checked now'),
    isDefault: z.boolean().describe('true while the company keeps the default list'),
    defaultPhrases: z.array(z.string()).describe('the default list (seed 004)'),
    updatedBy: z.string().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ServiceLanguageList' });

export const ServiceLanguageOverridesQuerySchema = z.object({
  /** Local dates, overrides in [from, to) by the project's local time. Default: the current month. */
  from: LocalDateSchema.optional(),
  to: LocalDateSchema.optional(),
  projectId: z.string().max(64).optional(),
});

export const ServiceLanguageOverridesReportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    rows: z.array(
      z.object({
        staffId: z.string(),
        staffName: z.string().nullable(),
        month: z.string().describe('YYYY-MM, the project’s local month'),
        count: z.number().int(),
      }),
    ),
    total: z.number().int(),
  })
  .meta({ id: 'ServiceLanguageOverridesReport' });
