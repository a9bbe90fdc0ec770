export * from './config-error';
export { redact } from './env-readers';
export type { Env } from './env-readers';
export * from './platform-config';
export * from './config-variables';
