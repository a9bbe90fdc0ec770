import { Counter, Gauge, register } from 'prom-client';

/** What the gauges read from an evaluator. */
export interface EvaluationBacklog {
  readonly queuedReadings: number;
  lagMs(now?: number): number;
}

/** Evaluators of this process (one in an app; tests make several). */
const tracked = new Set<EvaluationBacklog>();

/** Prometheus metrics of the real-time alert evaluation, registered once per process. */
export class EvaluationMetrics {
  readonly failures = metric(
    'hp_alert_evaluation_failures_total',
    () =>
      new Counter({
        name: 'hp_alert_evaluation_failures_total',
        help: 'Alert evaluations of committed readings that failed and were retried',
      }),
  );
  readonly spilled = metric(
    'hp_alert_evaluation_spilled_batches_total',
    () =>
      new Counter({
        name: 'hp_alert_evaluation_spilled_batches_total',
        help: 'Committed batches let go from the full evaluation queue, to be read back from the database',
      }),
  );

  constructor() {
    metric(
      'hp_alert_evaluation_queued_readings',
      () =>
        new Gauge({
          name: 'hp_alert_evaluation_queued_readings',
          help: 'Committed readings waiting in memory for alert evaluation',
          collect() {
            this.set([...tracked].reduce((sum, e) => sum + e.queuedReadings, 0));
          },
        }),
    );
    metric(
      'hp_alert_evaluation_lag_seconds',
      () =>
        new Gauge({
          name: 'hp_alert_evaluation_lag_seconds',
          help: 'Age of the oldest committed reading not yet evaluated by the alert rules (0: none waiting)',
          collect() {
            const now = Date.now();
            this.set(Math.max(0, ...[...tracked].map((e) => e.lagMs(now))) / 1000);
          },
        }),
    );
  }

  track(evaluator: EvaluationBacklog): void {
    tracked.add(evaluator);
  }

  untrack(evaluator: EvaluationBacklog): void {
    tracked.delete(evaluator);
  }
}

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
