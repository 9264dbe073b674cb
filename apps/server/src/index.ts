export { buildApp } from './app.ts';
export { loadConfig, type ServerConfig } from './config.ts';
export { DEFAULT_LIMITS, type AppDeps, type AppLimits } from './context.ts';
export { createFieldCipher } from './security/encryption.ts';
export { hashPassword } from './security/passwords.ts';
