export * from './embedded-broker';
export * from './telemetry-stream';
