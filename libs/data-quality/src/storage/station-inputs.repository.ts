import { SqlExecutor } from '@hp/storage';
import { CalibrationSchedule, DqReading, Inspection } from '../rules/rule-types';

export interface InspectionRecord extends Inspection {
  readonly stationId: number;
  readonly reference: string | null;
  readonly createdBy: string | null;
}

/**
 * What the data-quality rules read per station: its declared calibration schedules, its announced
 * inspections, and its readings with their received time (SQL of the data-quality lib only).
 */
export class StationInputsRepository {
  constructor(private readonly db: SqlExecutor) {}

  async schedules(stationId: number): Promise<CalibrationSchedule[]> {
    const { rows } = await this.db.query<CalibrationSchedule>(
      `SELECT parameter_code AS "parameterCode", every_days AS "everyDays", anchor_day::text AS "anchorDay",
              to_char(window_start, 'HH24:MI') AS "windowStart", window_minutes AS "windowMinutes",
              max_per_day AS "maxPerDay"
         FROM dq_calibration_schedules WHERE station_id = $1 ORDER BY parameter_code`,
      [stationId],
    );
    return rows;
  }

  async setSchedule(stationId: number, s: CalibrationSchedule, by: string): Promise<void> {
    await this.db.query(
      `INSERT INTO dq_calibration_schedules
         (station_id, parameter_code, every_days, anchor_day, window_start, window_minutes, max_per_day, updated_by)
       VALUES ($1, $2, $3, $4::date, $5::time, $6, $7, $8)
       ON CONFLICT (station_id, parameter_code) DO UPDATE SET every_days = EXCLUDED.every_days,
         anchor_day = EXCLUDED.anchor_day, window_start = EXCLUDED.window_start,
         window_minutes = EXCLUDED.window_minutes, max_per_day = EXCLUDED.max_per_day,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [stationId, s.parameterCode, s.everyDays, s.anchorDay, s.windowStart, s.windowMinutes, s.maxPerDay, by],
    );
  }

  /** Drops a declared schedule; returns whether there was one. */
  async clearSchedule(stationId: number, parameterCode: string): Promise<boolean> {
    const result = await this.db.query(
      `DELETE FROM dq_calibration_schedules WHERE station_id = $1 AND parameter_code = $2`,
      [stationId, parameterCode],
    );
    return result.rowCount > 0;
  }

  /** The station's announced inspections overlapping [from, to), earliest first. */
  async inspections(stationId: number, from: Date, to: Date): Promise<InspectionRecord[]> {
    const { rows } = await this.db.query<InspectionRecord>(
      `SELECT id, station_id AS "stationId", starts_at AS "startsAt", ends_at AS "endsAt", reference,
              created_by AS "createdBy"
         FROM dq_inspections WHERE station_id = $1 AND ends_at > $2 AND starts_at < $3
        ORDER BY starts_at, id`,
      [stationId, from, to],
    );
    return rows;
  }

  async addInspection(
    stationId: number,
    i: { startsAt: Date; endsAt: Date; reference: string | null },
    by: string,
  ): Promise<InspectionRecord> {
    const { rows } = await this.db.query<InspectionRecord>(
      `INSERT INTO dq_inspections (station_id, starts_at, ends_at, reference, created_by)
       VALUES ($1, $2, $3, $4, $5)
       RETURNING id, station_id AS "stationId", starts_at AS "startsAt", ends_at AS "endsAt", reference,
                 created_by AS "createdBy"`,
      [stationId, i.startsAt, i.endsAt, i.reference, by],
    );
    return rows[0];
  }

  /** The station's raw readings in [from, to) with their received time, in time order. */
  async readings(stationId: number, from: Date, to: Date): Promise<DqReading[]> {
    const { rows } = await this.db.query<DqReading>(
      `SELECT time, parameter_code AS "parameterCode", value, status, received_at AS "receivedAt"
         FROM readings WHERE station_id = $1 AND time >= $2 AND time < $3
        ORDER BY time, parameter_code`,
      [stationId, from, to],
    );
    return rows;
  }

  /** Valid (00) records of the station in [from, to). */
  async validCount(stationId: number, from: Date, to: Date): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM readings WHERE station_id = $1 AND status = 0 AND time >= $2 AND time < $3`,
      [stationId, from, to],
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** The station's earliest reading time at or after `since`; null when it has none. */
  async firstReadingSince(stationId: number, since: Date): Promise<Date | null> {
    const { rows } = await this.db.query<{ first: Date | null }>(
      `SELECT min(time) AS first FROM readings WHERE station_id = $1 AND time >= $2`,
      [stationId, since],
    );
    return rows[0]?.first ?? null;
  }
}
