// The closed word lists both sides share (server and web): no dependencies, no rules beyond the words.
export * from './locales.ts';
export * from './error-codes.ts';
export * from './cases.ts';
export * from './staff-roles.ts';
export * from './sla.ts';
export * from './service-language.ts';
export * from './field-names.ts';
export * from './limits.ts';
export * from './estate-labels.ts';
export * from './case-labels.ts';
export * from './delivery.ts';
export * from './notice-ledger.ts';
export * from './notices.ts';
export * from './statutory.ts';
export * from './outages.ts';
export * from './callbacks.ts';
