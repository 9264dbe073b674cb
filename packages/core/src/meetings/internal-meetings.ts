import { minutesLate } from '../monthly/contact-list.ts';
import { trackedOverdue } from '../monthly/summary.ts';

// the meetings' words are the vocabulary's; their rules are here
export { INTERNAL_MEETING_KINDS, type InternalMeetingKind } from '@guanjia/vocabulary';

/**
 * Internal meetings (内部会议, issue 16 item 3, decision 0038; seed 000 §七 会议制度: "会议务必达成决议，决议之事
 * 指派专人负责"; "会议记录……三天内分发"): who may hold (minutes, resolutions) or read a meeting, and when the
 * late minutes and the overdue resolutions are reminded. The minutes' due day and lateness are the owner meetings' (minutesDueOn,
 * minutesLate), a resolution's overdue state is trackedOverdue.
 */

/** The staff member looking: their organization, department, projects (or all) and whether they hold meetings (meeting.hold). */
export interface MeetingViewer {
  id: string;
  organizationId: string;
  departmentId: string | null;
  projects: readonly string[] | 'all';
  holds: boolean;
}

/** A meeting's holder and people: an office's (projectId, no department) or a department's (projectId = the department's office, or null for a company department). */
export interface MeetingScope {
  organizationId: string;
  projectId: string | null;
  departmentId: string | null;
  organizerId: string;
  secretaryId: string;
  attendeeIds: readonly string[];
}

export type MeetingAccess = 'hold' | 'read' | null;

const inProjects = (projects: MeetingViewer['projects'], projectId: string | null) =>
  projectId !== null && (projects === 'all' || projects.includes(projectId));

/**
 * 'hold' (write the minutes, add resolutions, complete any of them): meeting.hold and of the holding
 * unit (the office's staff; the department's staff), overseeing it (an office department's office; a
 * company department: company-wide staff), or its organizer or secretary. 'read': the unit's staff,
 * its overseers, the people named in it, and whoever is responsible for one of its resolutions.
 * Another organization, or anyone else: null (the API answers 404).
 */
export function internalMeetingAccess(viewer: MeetingViewer, meeting: MeetingScope, responsibleIds: readonly string[] = []): MeetingAccess {
  if (viewer.organizationId !== meeting.organizationId) return null;
  const inUnit = meeting.departmentId !== null ? viewer.departmentId === meeting.departmentId : inProjects(viewer.projects, meeting.projectId);
  const overseer =
    viewer.holds && meeting.departmentId !== null && (meeting.projectId !== null ? inProjects(viewer.projects, meeting.projectId) : viewer.projects === 'all');
  const runsIt = viewer.id === meeting.organizerId || viewer.id === meeting.secretaryId;
  if (viewer.holds && (inUnit || overseer || runsIt)) return 'hold';
  if (inUnit || overseer || runsIt || meeting.attendeeIds.includes(viewer.id) || responsibleIds.includes(viewer.id)) return 'read';
  return null;
}

/** Whether a meeting's minutes are to be reminded today: still missing past their due day, and not reminded before (once). */
export function minutesReminderDue(meeting: { heldOn: string; minutesAt: string | null; minutesRemindedAt: string | null }, today: string): boolean {
  return meeting.minutesAt === null && meeting.minutesRemindedAt === null && minutesLate(meeting.heldOn, null, today);
}

/**
 * Whether an internal meeting's resolution (决议) is to be reminded as overdue today (`today` in the meeting's
 * time zone): still open the day after its deadline, and not reminded before (once). A done one never is.
 */
export function actionReminderDue(action: { status: string; deadlineOn: string; overdueRemindedAt: string | null }, today: string): boolean {
  return action.overdueRemindedAt === null && trackedOverdue(action, today);
}
