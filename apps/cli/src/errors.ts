import { DomainError, localizeError } from '@guanjia/core';

/** Exit codes by error kind (the CLI's side of core's error kinds): 2 invalid input, 3 conflict, 4 not found. */
const EXIT_CODES: Partial<Record<DomainError['kind'], number>> = { invalid: 2, conflict: 3, not_found: 4 };

/** Prints a domain refusal in zh-CN and English, naming the field, and returns its exit code; rethrows anything else. */
export function reportRefusal(error: unknown, fieldNames: Record<string, string> = {}): number {
  if (!(error instanceof DomainError)) throw error;
  const field = error.field ? `${fieldNames[error.field] ?? error.field}: ` : '';
  console.error(`${field}${localizeError(error.code, 'zh-CN', error.params)} (${localizeError(error.code, 'en', error.params)})`);
  return EXIT_CODES[error.kind] ?? 1;
}
