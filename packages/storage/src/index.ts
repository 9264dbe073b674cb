export * from './database.ts';
export * from './schema.ts';
export * from './dialect/detect.ts';
export * from './repositories/cases.repository.ts';
export * from './repositories/structure.repository.ts';
export * from './repositories/staff.repository.ts';
export * from './repositories/owners.repository.ts';
export * from './repositories/access.repository.ts';
