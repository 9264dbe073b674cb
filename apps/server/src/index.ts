export { buildApp } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { DEFAULT_LIMITS, type AppDeps, type AppLimits } from './context.ts';
export { createFieldCipher } from './security/encryption.ts';
export { createIdGenerator } from './security/ids.ts';
export { hashPassword } from './security/passwords.ts';
export { runSlaTick, SlaScheduler, type TickResult } from './services/sla-scheduler.ts';
export { loadCalendarYear } from './services/sla-admin.service.ts';
// for the SLA bench, which fills a database through the real use case
export { createCase, executeCaseCommand } from './services/cases.service.ts';
// for the scale bench's generator (bench/scale), which records its owner archives through the real use case
export { registerMoveIn } from './services/move.service.ts';
export { actorFromStaff } from './services/actors.ts';
// the delivery worker and its channels, run in-process: the console's browser tests (a tick against their
// own local receiver) and the notify bench (bench/notify-child.ts)
export { DeliveryWorker, planOutbox, runDeliveryTick, sendDue, type DeliveryWorkerOptions } from './delivery/worker.ts';
export { closeChannelAdapters, createChannelAdapters, verifyWebhookSignature, type WebhookBody } from './delivery/channels/index.ts';
// the inspections bench (bench/inspections-child.ts): a month of patrol tasks through the scheduler's own writer
export { writePlanTasks } from './services/patrols.service.ts';
// 夜间查岗提醒: the scheduler's sweep, run directly by the console's browser test (check-duties)
export { runNightCheckReminders } from './services/night-check-reminders.ts';
