import { Injectable } from '@nestjs/common';
import { Counter, Gauge, register } from 'prom-client';
import { ReadingsReader, RecomputeBacklog, RecomputeMarkReads } from '@hp/readings';

/** Where the backlog gauges read from: the last reader bound (one database per process outside tests). */
let backlogSource: RecomputeMarkReads | null = null;

/**
 * Prometheus view of the compliance recompute backlog, read from the database at each scrape, so any
 * process serving /metrics (ingestion, the all-in-one platform) shows it whichever worker judges the days.
 */
@Injectable()
export class RecomputeBacklogMetrics {
  constructor(readings: ReadingsReader) {
    backlogSource = readings.marks;
    lastRead = null;
    registerBacklogGauges();
  }
}

/** One query per scrape feeds the three gauges (each collects on its own, in any order). */
let lastRead: { at: number; backlog: Promise<RecomputeBacklog | null> } | null = null;

function readBacklog(): Promise<RecomputeBacklog | null> {
  if (!lastRead || Date.now() - lastRead.at > 1_000) {
    const source = backlogSource;
    lastRead = {
      at: Date.now(),
      backlog: source ? source.backlog().catch(() => null) : Promise.resolve(null),
    };
    // A failed read leaves the gauges at their last values; /metrics still answers.
  }
  return lastRead.backlog;
}

function backlogGauge(name: string, help: string, pick: (backlog: RecomputeBacklog) => number): void {
  new Gauge({
    name,
    help,
    async collect() {
      const backlog = await readBacklog();
      if (backlog) this.set(pick(backlog));
    },
  });
}

function registerBacklogGauges(): void {
  if (register.getSingleMetric('hp_compliance_marks_waiting')) return;
  backlogGauge(
    'hp_compliance_marks_waiting',
    'Station-days marked by ingestion and not yet judged again (due or in back-off)',
    (b) => b.waiting,
  );
  backlogGauge(
    'hp_compliance_oldest_mark_age_seconds',
    'Seconds since the oldest station-day still waiting to be judged again was first marked',
    (b) => b.oldestAgeSeconds,
  );
  backlogGauge(
    'hp_compliance_marks_failing',
    'Marked station-days whose last recompute failed, waiting for a retry after back-off',
    (b) => b.failing,
  );
}

/** Counters of this process's recompute passes (the worker, or the all-in-one platform). */
export class RecomputeOutcomeMetrics {
  readonly failures = metric(
    'hp_compliance_recompute_failures_total',
    () =>
      new Counter({
        name: 'hp_compliance_recompute_failures_total',
        help: 'Station-day marks whose recompute failed and were kept for a retry',
      }),
  );
  readonly dropped = metric(
    'hp_compliance_marks_dropped_total',
    () =>
      new Counter({
        name: 'hp_compliance_marks_dropped_total',
        help: 'Marks dropped unjudged because their station was deleted since it was marked',
      }),
  );
}

function metric<T>(name: string, create: () => T): T {
  return (register.getSingleMetric(name) as T | undefined) ?? create();
}
