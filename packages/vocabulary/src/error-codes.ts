/**
 * The closed set of error codes the whole system speaks. Each code has a kind, and the kind alone
 * decides the HTTP status (server) and the exit code (CLI). Messages live in core (i18n/messages.ts).
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'unsupported'
  | 'rate_limited'
  | 'internal'
  | 'headers_too_large'
  | 'request_timeout';

export const ERROR_KINDS = {
  VALIDATION_FAILED: 'invalid',
  FIELD_REQUIRED: 'invalid',
  FIELD_INVALID: 'invalid',
  BODY_INVALID: 'invalid',
  CHARACTER_NOT_ALLOWED: 'invalid',
  REQUEST_INVALID: 'invalid',
  HEADERS_TOO_LARGE: 'headers_too_large',
  REQUEST_TIMEOUT: 'request_timeout',
  UNAUTHENTICATED: 'unauthenticated',
  LOGIN_FAILED: 'unauthenticated',
  ACCOUNT_LOCKED: 'forbidden',
  FORBIDDEN: 'forbidden',
  SELF_LOCKOUT: 'conflict',
  PASSWORD_TOO_SHORT: 'invalid',
  PASSWORD_SAME_AS_USERNAME: 'invalid',
  PASSWORD_TOO_COMMON: 'invalid',
  CURRENT_PASSWORD_WRONG: 'invalid',
  PASSWORD_UNCHANGED: 'invalid',
  PASSWORD_CHANGE_REQUIRED: 'forbidden',
  TWO_FACTOR_REQUIRED: 'unauthenticated',
  TWO_FACTOR_INVALID: 'unauthenticated',
  TWO_FACTOR_CODE_WRONG: 'invalid',
  TWO_FACTOR_SETUP_REQUIRED: 'forbidden',
  TWO_FACTOR_NOT_STARTED: 'conflict',
  TWO_FACTOR_MANDATORY: 'conflict',
  ORGANIZATION_EXISTS: 'conflict',
  NOT_FOUND: 'not_found',
  CASE_NOT_FOUND: 'not_found',
  OWNER_NOT_FOUND: 'not_found',
  PROJECT_NOT_FOUND: 'not_found',
  BUILDING_NOT_FOUND: 'not_found',
  UNIT_NOT_FOUND: 'not_found',
  DEPARTMENT_NOT_FOUND: 'not_found',
  STAFF_NOT_FOUND: 'not_found',
  ATTACHMENT_NOT_FOUND: 'not_found',
  CONTACT_NOT_FOUND: 'not_found',
  TRANSITION_NOT_ALLOWED: 'conflict',
  ACTION_NOT_PERMITTED: 'forbidden',
  COMPLAINT_NOT_ACKNOWLEDGED: 'conflict',
  PLAN_NOT_APPROVED: 'conflict',
  CLOSE_REQUIRES_CAUSE_AND_PREVENTION: 'invalid',
  CORRECTIVE_ACTION_REQUIRED: 'conflict',
  CLOCKS_OVERDUE: 'conflict',
  ESCALATION_LEVEL_INVALID: 'invalid',
  ACCUSED_EXCLUDED: 'invalid',
  ACCUSED_ONLY_FOR_COMPLAINTS: 'invalid',
  ACCUSED_STAFF_NOT_EXPECTED: 'invalid',
  PLAN_SELF_APPROVAL: 'forbidden',
  PLAN_APPROVER_INVALID: 'forbidden',
  GRADE_CHANGE_NEEDS_APPROVAL: 'invalid',
  GRADE_REQUEST_PENDING: 'conflict',
  GRADE_REQUEST_DECIDED: 'conflict',
  GRADE_SELF_APPROVAL: 'forbidden',
  GRADE_REQUEST_NOT_FOUND: 'not_found',
  OWNER_AGREEMENT_REQUIRED: 'invalid',
  COMMITTED_TIME_AFTER_DEADLINE: 'invalid',
  REPAIR_GRADE_ONLY_FOR_REPAIRS: 'invalid',
  APPOINTMENT_REQUIRED: 'invalid',
  TYPE_UNCHANGED: 'invalid',
  DEPARTMENT_NOT_IN_SCOPE: 'invalid',
  TECHNICIAN_NOT_IN_SCOPE: 'invalid',
  STAFF_NOT_IN_SCOPE: 'invalid',
  STAFF_NOT_ASSIGNABLE: 'invalid',
  UNIT_NOT_IN_PROJECT: 'invalid',
  OWNER_NOT_IN_PROJECT: 'invalid',
  SERVICE_LANGUAGE_FLAGGED: 'invalid',
  CALENDAR_TIME_ZONE_UNKNOWN: 'invalid',
  CALENDAR_WEEK_INVALID: 'invalid',
  CALENDAR_SPAN_INVALID: 'invalid',
  CALENDAR_DATE_INVALID: 'invalid',
  CALENDAR_DATE_CONFLICT: 'invalid',
  CALENDAR_NO_WORKING_TIME: 'invalid',
  VERSION_CONFLICT: 'conflict',
  IDEMPOTENCY_KEY_REUSED: 'conflict',
  USERNAME_TAKEN: 'conflict',
  CODE_TAKEN: 'conflict',
  DUPLICATE: 'conflict',
  REFERENCE_INVALID: 'invalid',
  ATTACHMENT_TOO_LARGE: 'too_large',
  ATTACHMENT_TYPE_NOT_ALLOWED: 'unsupported',
  ATTACHMENT_CONTENT_MISMATCH: 'unsupported',
  ATTACHMENT_ACTIVE_CONTENT: 'unsupported',
  BODY_TOO_LARGE: 'too_large',
  MEDIA_TYPE_UNSUPPORTED: 'unsupported',
  RATE_LIMITED: 'rate_limited',
  INTERNAL: 'internal',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_KINDS;
