export * from './ingestion.module';
export { IngestionDataModule } from './storage/ingestion-data.module';
export { QuarantineApiModule } from './quarantine-api.module';
export { Quarantine } from './storage/quarantine';
export type {
  NewQuarantinedMessage,
  QuarantinedMessage,
  QuarantineProblem,
} from './storage/quarantine.repository';
export * from './ingestion-settings';
export * from './station-directory';
export * from './telemetry-ingest.service';
export * from './telemetry-batch-writer';
export * from './telemetry-mqtt.server';
export * from './batching/write-batcher';
export { acceptedUnits, UNIT_CONVERSIONS, unitConverter } from './validation/units';
export { DEVICE_ACTIVITY_FLUSH_MS, DeviceActivityRecorder, deviceActivityOf } from './device-activity';
export * from './telemetry-jetstream.server';
