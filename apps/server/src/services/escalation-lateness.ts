import { escalationLatenessToTell } from '@guanjia/core';
import { claimEscalationLateness, findDepartment, listEscalationFormsToTellLate } from '@guanjia/storage';
import type { AppDeps } from '../context.ts';
import { tell } from './escalations.service.ts';
import { officeManagersOf } from './patrol-access.ts';
import { inTransaction } from './transaction.ts';

/**
 * Late escalation forms (故障转呈单逾期, issue 16 item 3, decision 0035): a form still awaiting the
 * department's response after its requested response date tells the project's office managers and the
 * department's head (`escalation_late`) — once per round: the claim (a conditional update of the round
 * told) is written with the notifications, so several processes never tell twice; a form sent back
 * starts a new round that may be told again. Run from the scheduler's inspection tick.
 */
export async function tellLateEscalations(deps: AppDeps, now = deps.now()): Promise<number> {
  let told = 0;
  for (const f of await listEscalationFormsToTellLate(deps.database.db, now, 200)) {
    if (!escalationLatenessToTell(f, now)) continue;
    const sent = await inTransaction(deps.database, async (db) => {
      if (!(await claimEscalationLateness(db, f.id, f.round))) return false;
      const department = await findDepartment(db, f.departmentId);
      const managers = (await officeManagersOf(db, f.organizationId, f.projectId)).map((m) => m.id);
      await tell(deps, db, f, [...managers, ...(department?.headStaffId ? [department.headStaffId] : [])], 'escalation_late', now);
      return true;
    });
    if (sent) told += 1;
  }
  return told;
}
