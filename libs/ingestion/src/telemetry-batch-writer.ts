import { Inject, Injectable } from '@nestjs/common';
import { NewReading, ReadingsWriter, StationDay } from '@hp/readings';
import { Database, DATABASE, isUniqueViolation } from '@hp/storage';
import { NewQuarantinedMessage, QuarantineRepository } from './storage/quarantine.repository';
import { localDay, localDayNumber } from './validation/reading-rules';

/** What one message contributes to a write: readings to store and, if anything was refused, its quarantine record. */
export interface MessageWork {
  readonly rows: readonly NewReading[];
  readonly quarantine: NewQuarantinedMessage | null;
}

export interface BatchResult {
  readonly inserted: number;
  readonly duplicates: number;
  readonly quarantined: number;
}

/**
 * Writes the work of many messages in ONE transaction: the readings (one COPY; one UNNEST insert skipping
 * duplicates when the batch repeats a stored reading), the station-days they touch marked for compliance
 * recomputation, and the quarantine records.
 */
@Injectable()
export class TelemetryBatchWriter {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly readings: ReadingsWriter,
  ) {}

  async write(work: readonly MessageWork[]): Promise<BatchResult> {
    const rows: NewReading[] = [];
    const quarantine: NewQuarantinedMessage[] = [];
    // Distinct (station, local day) pairs, keyed by number: this loop sees every reading.
    const marks = new Map<number, { stationId: number; day: string }>();
    for (const w of work) {
      for (const row of w.rows) {
        rows.push(row);
        const key = row.stationId * 100_000 + localDayNumber(row.time);
        if (!marks.has(key)) marks.set(key, { stationId: row.stationId, day: localDay(row.time) });
      }
      if (w.quarantine) quarantine.push(w.quarantine);
    }
    // Nearly every batch is new readings: COPY without a savepoint. A redelivered reading makes the COPY
    // fail and abort the transaction; the batch is then written again, whole, skipping what is stored.
    try {
      return await this.writeOnce(rows, [...marks.values()], quarantine, 'copy');
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      return this.writeOnce(rows, [...marks.values()], quarantine, 'skip-duplicates');
    }
  }

  private writeOnce(
    rows: readonly NewReading[],
    marks: readonly StationDay[],
    quarantine: readonly NewQuarantinedMessage[],
    way: 'copy' | 'skip-duplicates',
  ): Promise<BatchResult> {
    return this.db.transaction(async (tx) => {
      const readings = this.readings.inTransaction(tx);
      const { inserted, duplicates } =
        rows.length === 0
          ? { inserted: 0, duplicates: 0 }
          : ((way === 'copy' ? await readings.copyReadings(rows) : null) ??
            (await readings.insertReadingsSkippingDuplicates(rows)));
      await readings.markForRecompute(marks);
      await new QuarantineRepository(tx).insertMany(quarantine);
      return { inserted, duplicates, quarantined: quarantine.length };
    });
  }
}
