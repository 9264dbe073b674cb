export * from './common.ts';
export * from './auth.ts';
export * from './structure.ts';
export * from './owners.ts';
export * from './cases.ts';
export * from './sla.ts';
export * from './system.ts';
