export * from './telemetry/parameters';
export * from './telemetry/status';
export * from './telemetry/topics';
export * from './telemetry/telemetry-payload';
export * from './errors/domain-error';
