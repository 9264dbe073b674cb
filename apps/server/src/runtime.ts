// The small runtime entry of the server for the CLI (`@guanjia/server/runtime`): what a composition
// root needs to open the database, build the app and run the scheduler, and nothing of the server's
// internals. The CLI imports only this (and storage, core); lint enforces it.
export { buildApp } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { DEFAULT_LIMITS, type AppDeps } from './context.ts';
export { createFieldCipher } from './security/encryption.ts';
export { createIdGenerator } from './security/ids.ts';
export { SlaScheduler } from './services/sla-scheduler.ts';
export { loadCalendarYear } from './services/sla-admin.service.ts';
export { seedDemo, DEMO_PASSWORD } from './seed/index.ts';
// `guanjia calendar load` validates a file exactly as the API validates the request body
export { CalendarYearSchema } from '@guanjia/api-contract';
