import { Counter, Gauge, Histogram, register } from 'prom-client';

/** Prometheus metrics of the ingestion path, registered once per process on prom-client's default registry. */
export class IngestMetrics {
  readonly messages = metric(
    () =>
      new Counter({
        name: 'hp_ingest_messages_total',
        help: 'Telemetry messages received, by result',
        labelNames: ['result'] as const,
      }),
    'hp_ingest_messages_total',
  );
  readonly readings = metric(
    () =>
      new Counter({
        name: 'hp_ingest_readings_total',
        help: 'Readings by result: accepted (newly stored), duplicate (already stored), quarantined (refused)',
        labelNames: ['result'] as const,
      }),
    'hp_ingest_readings_total',
  );
  readonly batchSeconds = metric(
    () =>
      new Histogram({
        name: 'hp_ingest_batch_commit_seconds',
        help: 'Time to write and commit one batch',
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      }),
    'hp_ingest_batch_commit_seconds',
  );
  readonly buffered = metric(
    () => new Gauge({ name: 'hp_ingest_buffered_readings', help: 'Readings received but not yet committed' }),
    'hp_ingest_buffered_readings',
  );
}

/** Reuses a metric already registered (tests and the all-in-one platform construct the service more than once). */
function metric<T>(create: () => T, name: string): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
