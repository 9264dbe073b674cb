import type { Actor } from '../access/actor.ts';
import type { CaseRecord } from './case.ts';
import { CASE_COMMAND_TYPES, type CaseCommandType } from './commands.ts';
import { mayGiveCommand } from './permissions.ts';
import { isAllowedInState } from './workflows.ts';

/** The commands this actor may give this case now: what the UI shows as buttons. */
export function allowedCommands(c: CaseRecord, actor: Actor): CaseCommandType[] {
  return CASE_COMMAND_TYPES.filter((t) => isAllowedInState(c.type, c.status, t) && mayGiveCommand(actor, c, t));
}
