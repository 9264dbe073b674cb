import type { CaseCommand, CommandOf, CommandType } from '../shared/api';

/**
 * The fields of each command's form, checked against the contract's command schema
 * (api-contract/src/cases.ts CaseCommandSchema) by the compiler: a field is a key of its command, it is
 * `required` exactly when the schema requires it, a choice lists only the schema's values, and every
 * field of the schema has an input or a stated reason in `LEFT_OUT` (`Complete` below). apps/web/test/command-fields.test.ts
 * checks the same against the schema at run time.
 */
export type FieldKind = 'text' | 'longtext' | 'instant' | 'department' | 'staff' | 'owner' | 'yesno' | 'rating' | 'choice';

type Payload<T extends CommandType> = Omit<CommandOf<T>, 'type'>;
type RequiredKeys<O> = { [K in keyof O]-?: object extends Pick<O, K> ? never : K }[keyof O];
type FieldOf<T extends CommandType> = {
  [N in keyof Payload<T> & string]: {
    name: N;
    kind: FieldKind;
    required: N extends RequiredKeys<Payload<T>> ? true : false;
    /** for a choice: the schema's values, in the order shown */
    options?: readonly NonNullable<Payload<T>[N]>[];
  };
}[keyof Payload<T> & string];
export type CommandFields = { [T in CommandType]: readonly FieldOf<T>[] };

export const COMMAND_FIELDS = {
  acknowledge: [
    { name: 'apology', kind: 'yesno', required: true },
    { name: 'readBack', kind: 'yesno', required: true },
    { name: 'content', kind: 'longtext', required: false },
  ],
  answer: [{ name: 'content', kind: 'longtext', required: true }],
  transfer: [
    { name: 'departmentId', kind: 'department', required: true },
    { name: 'promisedAt', kind: 'instant', required: false },
    { name: 'ownerDeadlineAt', kind: 'instant', required: false },
    { name: 'note', kind: 'longtext', required: false },
  ],
  accept: [
    { name: 'committedAt', kind: 'instant', required: true },
    { name: 'note', kind: 'longtext', required: false },
  ],
  record_contact: [{ name: 'content', kind: 'longtext', required: true }],
  submit_answer: [{ name: 'content', kind: 'longtext', required: true }],
  submit_plan: [
    { name: 'cause', kind: 'longtext', required: true },
    { name: 'steps', kind: 'longtext', required: true },
    { name: 'expectedCompletionAt', kind: 'instant', required: true },
  ],
  approve_plan: [{ name: 'comment', kind: 'text', required: false }],
  return_plan: [{ name: 'reason', kind: 'longtext', required: true }],
  evaluate: [
    { name: 'feasible', kind: 'yesno', required: true },
    { name: 'plan', kind: 'longtext', required: false },
    { name: 'expectedAt', kind: 'instant', required: false },
    { name: 'reason', kind: 'longtext', required: false },
  ],
  inform_owner: [{ name: 'content', kind: 'longtext', required: true }],
  record_satisfaction: [
    { name: 'satisfied', kind: 'yesno', required: true },
    { name: 'opinion', kind: 'text', required: false },
    { name: 'rating', kind: 'rating', required: false },
  ],
  close: [
    { name: 'causeAnalysis', kind: 'longtext', required: false },
    { name: 'preventiveMeasures', kind: 'longtext', required: false },
    { name: 'rating', kind: 'rating', required: false },
    { name: 'ratingComment', kind: 'text', required: false },
  ],
  close_out_of_scope: [{ name: 'reason', kind: 'longtext', required: true }],
  dispatch: [
    { name: 'assigneeId', kind: 'staff', required: true },
    { name: 'departmentId', kind: 'department', required: false },
    { name: 'note', kind: 'longtext', required: false }, // the 派工单's note to the technician
  ],
  schedule_appointment: [
    { name: 'appointmentAt', kind: 'instant', required: true },
    { name: 'ownerAgreed', kind: 'yesno', required: true },
  ],
  // a time recorded after the fact (补录) needs its reason; the server bounds it
  arrive: [
    { name: 'at', kind: 'instant', required: false },
    { name: 'reason', kind: 'text', required: false },
  ],
  complete: [
    { name: 'summary', kind: 'longtext', required: true },
    { name: 'at', kind: 'instant', required: false },
    { name: 'reason', kind: 'text', required: false },
  ],
  escalate: [
    { name: 'level', kind: 'choice', required: true, options: ['company', 'leadership'] },
    { name: 'reason', kind: 'choice', required: true, options: ['beyond_office', 'compensation', 'against_office_manager'] },
    { name: 'departmentId', kind: 'department', required: false },
    { name: 'accusedStaffId', kind: 'staff', required: false },
    { name: 'note', kind: 'longtext', required: true },
  ],
  mark_major: [{ name: 'reason', kind: 'longtext', required: true }],
  record_corrective_action: [{ name: 'report', kind: 'longtext', required: true }],
  message: [{ name: 'content', kind: 'longtext', required: true }],
  add_note: [{ name: 'content', kind: 'longtext', required: true }],
  reassign: [{ name: 'assigneeId', kind: 'staff', required: true }],
  retype: [
    { name: 'newType', kind: 'choice', required: true, options: ['inquiry', 'complaint', 'suggestion', 'repair'] },
    { name: 'reason', kind: 'longtext', required: true },
  ],
  set_repair_grade: [
    { name: 'grade', kind: 'choice', required: true, options: ['very_urgent', 'urgent', 'normal', 'appointment'] },
    { name: 'appointmentAt', kind: 'instant', required: false },
    { name: 'ownerAgreed', kind: 'yesno', required: false }, // asked by the server only with a new appointment time
  ],
  extend_deadline: [
    { name: 'which', kind: 'choice', required: true, options: ['promise', 'owner_deadline'] },
    { name: 'newAt', kind: 'instant', required: true },
    { name: 'ownerAgreed', kind: 'yesno', required: true },
    { name: 'note', kind: 'longtext', required: true },
  ],
  rate: [
    { name: 'rating', kind: 'rating', required: true },
    { name: 'speed', kind: 'rating', required: false },
    { name: 'technician', kind: 'rating', required: false },
    { name: 'comment', kind: 'text', required: false },
  ],
  pause_clocks: [
    { name: 'reason', kind: 'longtext', required: true },
    { name: 'until', kind: 'instant', required: false },
  ],
  resume_clocks: [{ name: 'note', kind: 'text', required: false }],
  record_follow_up: [{ name: 'content', kind: 'longtext', required: true }],
  link_owner: [
    { name: 'ownerId', kind: 'owner', required: true },
    { name: 'note', kind: 'text', required: false },
  ],
} as const satisfies CommandFields;

/** Fields the console sets itself: a message from the console goes out to the owner. */
type Preset<T extends CommandType> = T extends 'message' ? 'direction' : never;

/**
 * The contract's optional fields the console's forms leave out on purpose, each with why. Every optional
 * field of a command is either in its form or here (`FORMS_COVER_THE_CONTRACT`): a field the contract
 * gains fails the build until it gets an input or a line here.
 */
export const LEFT_OUT = {
  // the channel of an answer, a contact, an owner notice, a follow-up, a message: the case's channel is
  // what the desk uses; an API client (a telephony integration) may state another
  answer: ['channel'],
  record_contact: ['channel'],
  inform_owner: ['channel'],
  record_follow_up: ['channel'],
  message: ['channel', 'attachmentIds'], // the reply composer sends messages, with its own file picker
  // photos of arrival and completion are taken on the phone's 我的工单 (WorkOrders.tsx), which sends them
  arrive: ['attachmentIds'],
  complete: ['attachmentIds'],
  add_note: ['attachmentIds'], // a note with files goes through the composer's picker; the form is text only
  // the owner's signature is an image taken on a tablet at the door: not a console form
  record_satisfaction: ['signatureAttachmentId'],
  // link_owner's unit: the owner picker sends the owner; the case keeps the unit recorded at intake
  link_owner: ['unitId'],
} as const satisfies { [T in CommandType]?: readonly (keyof Payload<T> & string)[] };

type LeftOut<T extends CommandType> = T extends keyof typeof LEFT_OUT ? (typeof LEFT_OUT)[T][number] : never;
type InForm<T extends CommandType> = (typeof COMMAND_FIELDS)[T][number]['name'];
/** Each command's fields with no input and no reason: `never` everywhere, or this fails to compile. */
type Missing = { [T in CommandType]: Exclude<keyof Payload<T> & string, InForm<T> | Preset<T> | LeftOut<T>> };
export type Complete = Missing extends { [T in CommandType]: never } ? true : never;
export const FORMS_COVER_THE_CONTRACT: Complete = true;

/** A form's values as the command the contract defines: empty inputs left out, instants as ISO strings. */
export function toCommand(type: CommandType, values: Record<string, unknown>): CaseCommand {
  const cmd: Record<string, unknown> = { type };
  for (const f of COMMAND_FIELDS[type] as readonly { name: string; kind: FieldKind }[]) {
    const v = values[f.name];
    if (v === undefined || v === null || v === '') continue;
    cmd[f.name] = f.kind === 'instant' ? new Date(String(v)).toISOString() : v;
  }
  if (type === 'message') cmd.direction = 'outbound';
  // the form's values were checked field by field above; the server validates the command again
  return cmd as CaseCommand;
}
