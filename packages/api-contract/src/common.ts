import { TEXT_LIMITS } from '@guanjia/vocabulary';
import { z } from 'zod';

export const IdSchema = z.string().min(1).max(64);
/** An instant with an offset, e.g. 2026-11-25T10:00:00+08:00; stored as UTC. */
export const InstantSchema = z.iso.datetime({ offset: true });
/** A local calendar date, e.g. 2026-11-25. */
export const LocalDateSchema = z.iso.date();
export const ShortText = z.string().trim().min(1).max(TEXT_LIMITS.short);
export const LongText = z.string().trim().min(1).max(TEXT_LIMITS.long);

export const IdParamsSchema = z.object({ id: IdSchema });

export const PageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});
