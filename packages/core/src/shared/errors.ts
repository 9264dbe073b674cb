import { ERROR_KINDS, type ErrorCode, type ErrorKind } from '@guanjia/vocabulary';

// The closed set of error codes and their kinds is in the vocabulary package (error-codes.ts);
// messages live in i18n/messages.ts.
export { ERROR_KINDS, type ErrorCode, type ErrorKind } from '@guanjia/vocabulary';

/** Values interpolated into a localized message, e.g. { from: 'new', command: 'close' }. */
export type ErrorParams = Record<string, string | number>;

/** A refusal the domain gives on purpose: a typed value, never a crash. */
export interface Refusal {
  code: ErrorCode;
  field?: string;
  params?: ErrorParams;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field?: string;
  readonly params: ErrorParams;
  constructor(code: ErrorCode, field?: string, params: ErrorParams = {}) {
    super(field ? `${code} (${field})` : code);
    this.name = 'DomainError';
    this.code = code;
    this.field = field;
    this.params = params;
  }
  get kind(): ErrorKind {
    return ERROR_KINDS[this.code];
  }
  static from(refusal: Refusal): DomainError {
    return new DomainError(refusal.code, refusal.field, refusal.params);
  }
}

export function refuse(code: ErrorCode, field?: string, params?: ErrorParams): Refusal {
  return { code, field, params };
}
