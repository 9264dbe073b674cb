import type { ESCALATION_STEPS } from '@guanjia/vocabulary';
import type { EscalationStep } from './escalation.ts';

/**
 * The escalation chains' steps are the vocabulary's `ESCALATION_STEPS` (the web labels them and its
 * zh-CN scan flags them raw): this fails to compile when the two differ.
 */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
export const ESCALATION_STEPS_MATCH_CORE: Same<EscalationStep, (typeof ESCALATION_STEPS)[number]> = true;
