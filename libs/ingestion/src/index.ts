export * from './ingestion.module';
export * from './ingestion-settings';
export * from './station-directory';
export * from './telemetry-ingest.service';
export * from './telemetry-batch-writer';
export * from './telemetry-mqtt.server';
export * from './batching/write-batcher';
export { acceptedUnits, UNIT_CONVERSIONS, unitConverter } from './validation/units';
