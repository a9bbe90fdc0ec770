import type { SqlExecutor } from '@hp/storage';
import { ComplianceStationDay, StationPeriodSummary, StoredComplianceStationDay } from './compliance.types';

/** Reasons kept per station in a period summary. */
const MAX_SUMMARY_REASONS = 10;

export class ComplianceStationDaysRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Replaces the stored verdicts of these station-days, with the data version each used. */
  async upsertMany(days: readonly ComplianceStationDay[]): Promise<void> {
    if (days.length === 0) return;
    await this.db.query(
      `INSERT INTO compliance_station_days (station_id, day, permit_id, verdict, reasons, corrections_used,
                                            last_correction_id, provisional, judged_until, computed_at, warnings)
       SELECT s, d, p, v, r, n, l, pr, ju, now(), w
         FROM unnest($1::int[], $2::date[], $3::int[], $4::text[], $5::jsonb[], $6::int[], $7::int8[], $8::bool[],
                     $9::timestamptz[], $10::jsonb[])
              AS u (s, d, p, v, r, n, l, pr, ju, w)
       ON CONFLICT (station_id, day) DO UPDATE
         SET permit_id = EXCLUDED.permit_id, verdict = EXCLUDED.verdict, reasons = EXCLUDED.reasons,
             corrections_used = EXCLUDED.corrections_used, last_correction_id = EXCLUDED.last_correction_id,
             provisional = EXCLUDED.provisional, judged_until = EXCLUDED.judged_until,
             warnings = EXCLUDED.warnings, computed_at = EXCLUDED.computed_at`,
      [
        days.map((d) => d.stationId),
        days.map((d) => d.day),
        days.map((d) => d.permitId),
        days.map((d) => d.verdict),
        days.map((d) => JSON.stringify(d.reasons)),
        days.map((d) => d.dataVersion?.corrections ?? 0),
        days.map((d) => d.dataVersion?.lastCorrectionId ?? null),
        days.map((d) => d.provisional ?? false),
        days.map((d) => d.judgedUntil?.toISOString() ?? null),
        days.map((d) => JSON.stringify(d.warnings ?? [])),
      ],
    );
  }

  /**
   * Provisional station-days due to be judged again: a day in progress judged up to a moment before
   * `judgedUntilBefore` (so "so far" moves on), and every closed day still inside its late-data window (so it
   * turns final once the window has passed).
   */
  async provisionalDue(judgedUntilBefore: Date): Promise<{ stationId: number; day: string }[]> {
    return (
      await this.db.query<{ stationId: number; day: string }>(
        `SELECT station_id AS "stationId", day FROM compliance_station_days
          WHERE provisional AND (judged_until IS NULL OR judged_until < $1) ORDER BY day, station_id`,
        [judgedUntilBefore.toISOString()],
      )
    ).rows;
  }

  /** A station's verdicts in [fromDay, toDay), by day, each with the data version it used. */
  async listForStation(
    stationId: number,
    fromDay: string,
    toDay: string,
  ): Promise<StoredComplianceStationDay[]> {
    const { rows } = await this.db.query<
      ComplianceStationDay & { corrections: number; lastCorrectionId: number | null; computedAt: Date }
    >(
      `SELECT station_id AS "stationId", day, permit_id AS "permitId", verdict, reasons, provisional,
              judged_until AS "judgedUntil", warnings,
              corrections_used AS corrections, last_correction_id AS "lastCorrectionId", computed_at AS "computedAt"
         FROM compliance_station_days
        WHERE station_id = $1 AND day >= $2::date AND day < $3::date
        ORDER BY day`,
      [stationId, fromDay, toDay],
    );
    return rows.map(({ corrections, lastCorrectionId, computedAt, ...day }) => ({
      ...day,
      dataVersion: { corrections, lastCorrectionId, computedAt },
    }));
  }

  /** The verdicts of these stations over [fromDay, toDay): one row per station-day judged. */
  async verdicts(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<Pick<ComplianceStationDay, 'stationId' | 'day' | 'verdict' | 'provisional' | 'judgedUntil'>[]> {
    if (stationIds.length === 0) return [];
    return (
      await this.db.query<
        Pick<ComplianceStationDay, 'stationId' | 'day' | 'verdict' | 'provisional' | 'judgedUntil'>
      >(
        `SELECT station_id AS "stationId", day, verdict, provisional, judged_until AS "judgedUntil"
           FROM compliance_station_days
          WHERE station_id = ANY($1::int[]) AND day >= $2::date AND day < $3::date
          ORDER BY day, station_id`,
        [stationIds, fromDay, toDay],
      )
    ).rows;
  }

  /** Verdict counts per station over [fromDay, toDay), with the latest reasons; stations without rows are absent. */
  async summarize(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<StationPeriodSummary[]> {
    if (stationIds.length === 0) return [];
    const result = await this.db.query<StationPeriodSummary>(
      `SELECT station_id AS "stationId",
              count(*) FILTER (WHERE verdict = 'compliant')::int AS "compliantDays",
              count(*) FILTER (WHERE verdict = 'exceedance')::int AS "exceedanceDays",
              count(*) FILTER (WHERE verdict = 'insufficient_data')::int AS "insufficientDays",
              count(*) FILTER (WHERE verdict = 'suspected_exceedance')::int AS "suspectedDays",
              count(*) FILTER (WHERE verdict = 'no_permit')::int AS "noPermitDays",
              count(*) FILTER (WHERE provisional)::int AS "provisionalDays",
              COALESCE((SELECT json_agg(json_build_object('day', x.day, 'verdict', x.verdict, 'reasons', x.reasons) ORDER BY x.day DESC)
                          FROM (SELECT day, verdict, reasons FROM compliance_station_days i
                                 WHERE i.station_id = o.station_id AND i.day >= $2::date AND i.day < $3::date
                                   AND i.verdict <> 'compliant'
                                 ORDER BY day DESC LIMIT ${MAX_SUMMARY_REASONS}) x), '[]'::json) AS reasons
         FROM compliance_station_days o
        WHERE station_id = ANY($1::int[]) AND day >= $2::date AND day < $3::date
        GROUP BY station_id`,
      [stationIds, fromDay, toDay],
    );
    return result.rows;
  }

  /**
   * Monthly verdict counts of these stations over [fromDay, toDay): one row per station and month
   * ('YYYY-MM-01'), for the KPI trend in one query.
   */
  async summarizeByMonth(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<(Omit<StationPeriodSummary, 'reasons'> & { month: string })[]> {
    if (stationIds.length === 0) return [];
    return (
      await this.db.query<Omit<StationPeriodSummary, 'reasons'> & { month: string }>(
        `SELECT station_id AS "stationId", date_trunc('month', day)::date AS month,
                count(*) FILTER (WHERE verdict = 'compliant')::int AS "compliantDays",
                count(*) FILTER (WHERE verdict = 'exceedance')::int AS "exceedanceDays",
                count(*) FILTER (WHERE verdict = 'insufficient_data')::int AS "insufficientDays",
              count(*) FILTER (WHERE verdict = 'suspected_exceedance')::int AS "suspectedDays",
                count(*) FILTER (WHERE verdict = 'no_permit')::int AS "noPermitDays",
                count(*) FILTER (WHERE provisional)::int AS "provisionalDays"
           FROM compliance_station_days
          WHERE station_id = ANY($1::int[]) AND day >= $2::date AND day < $3::date
          GROUP BY 1, 2 ORDER BY 2, 1`,
        [stationIds, fromDay, toDay],
      )
    ).rows;
  }

  /** Station-days judged at or after a moment (the daily-verdict alerts follow this). */
  async changedSince(at: Date, limit: number): Promise<(ComplianceStationDay & { computedAt: Date })[]> {
    return (
      await this.db.query<ComplianceStationDay & { computedAt: Date }>(
        `SELECT station_id AS "stationId", day, permit_id AS "permitId", verdict, reasons, computed_at AS "computedAt"
           FROM compliance_station_days WHERE computed_at >= $1 ORDER BY computed_at, station_id, day LIMIT $2`,
        [at.toISOString(), limit],
      )
    ).rows;
  }
}
