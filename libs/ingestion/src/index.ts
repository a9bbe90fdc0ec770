export * from './ingestion.module';
export * from './station-directory';
export * from './telemetry-ingest.service';
export * from './telemetry-mqtt.server';
