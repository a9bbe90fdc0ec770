import { SqlExecutor } from '@hp/storage';
import { DischargePermit, DischargePermitInput } from './registry.types';

// A permit with its own parameter limits (permit_parameter_limits is part of the permit: written and read
// with it, here).
const SELECT = `SELECT p.id, p.station_id AS "stationId", p.permit_number AS "permitNumber",
  p.standard_version AS "standardVersion", p.column_code AS "columnCode", p.kq, p.kf,
  p.permitted_flow_m3_per_day AS "permittedFlowM3PerDay", p.kf_source AS "kfSource", p.kf_reason AS "kfReason",
  p.effective_from AS "effectiveFrom", p.effective_to AS "effectiveTo",
  p.parameters, p.windows, p.min_capture AS "minCapture", p.flatline_records AS "flatlineRecords",
  COALESCE((SELECT json_agg(json_build_object('parameterCode', l.parameter_code, 'min', l.min_value, 'max', l.max_value, 'windows', l.windows, 'flatlineRecords', l.flatline_records)
                            ORDER BY l.parameter_code)
              FROM permit_parameter_limits l WHERE l.permit_id = p.id), '[]'::json) AS limits,
  p.document_ref AS "documentRef", p.supersedes, p.superseded_at AS "supersededAt",
  p.created_at AS "createdAt"
  FROM discharge_permits p`;
/** Permits that apply to their days: a superseded version applies to none. */
const IN_FORCE = 'p.superseded_at IS NULL';

export class DischargePermitsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /**
   * Fails (unique violation) when the station already has a permit starting that day. A permit that
   * starts while another is open-ended closes that one on its first day: a change applies from its date
   * on, and the history stays.
   */
  async insert(input: DischargePermitInput): Promise<DischargePermit> {
    await this.db.query(
      `UPDATE discharge_permits SET effective_to = $2::date
        WHERE station_id = $1 AND effective_to IS NULL AND effective_from < $2::date AND superseded_at IS NULL`,
      [input.stationId, input.effectiveFrom],
    );
    return this.write(input, null);
  }

  /**
   * Records a corrected version of a permit in force: the old row stays, marked superseded (it applies to no
   * day from now on), and the new one applies over the days the input gives. Fails (unique violation) when
   * the new version starts on the first day of another permit in force at the station.
   */
  async supersede(permitId: number, input: DischargePermitInput): Promise<DischargePermit> {
    await this.db.query(`UPDATE discharge_permits SET superseded_at = now() WHERE id = $1`, [permitId]);
    return this.write(input, permitId);
  }

  private async write(input: DischargePermitInput, supersedes: number | null): Promise<DischargePermit> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO discharge_permits
         (station_id, permit_number, standard_version, column_code, kq, kf, effective_from, effective_to,
          parameters, windows, min_capture, flatline_records, permitted_flow_m3_per_day, kf_source, kf_reason,
          document_ref, supersedes)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date,
               COALESCE($9::text[], '{Temp,pH,TSS,COD,NH4}'), COALESCE($10::text[], '{hour,day}'),
               COALESCE($11::numeric, 0.75), COALESCE($12::int, 12), $13::numeric, $14, $15, $16, $17)
       RETURNING id`,
      [
        input.stationId,
        input.permitNumber ?? null,
        input.standardVersion,
        input.columnCode,
        input.kq ?? null,
        input.kf ?? null,
        input.effectiveFrom,
        input.effectiveTo ?? null,
        input.parameters ?? null,
        input.windows ?? null,
        input.minCapture ?? null,
        input.flatlineRecords ?? null,
        input.permittedFlowM3PerDay ?? null,
        input.kfSource ?? null,
        input.kfReason ?? null,
        input.documentRef ?? null,
        supersedes,
      ],
    );
    const id = result.rows[0].id;
    const limits = input.limits ?? [];
    if (limits.length > 0)
      await this.db.query(
        `INSERT INTO permit_parameter_limits (permit_id, parameter_code, min_value, max_value, windows, flatline_records)
         SELECT $1, p, lo, hi, (SELECT array_agg(x) FROM json_array_elements_text(w) AS x), f
           FROM unnest($2::text[], $3::float8[], $4::float8[], $5::json[], $6::int[]) AS u (p, lo, hi, w, f)`,
        [
          id,
          limits.map((l) => l.parameterCode),
          limits.map((l) => l.min),
          limits.map((l) => l.max),
          limits.map((l) => (l.windows ? JSON.stringify(l.windows) : null)),
          limits.map((l) => l.flatlineRecords ?? null),
        ],
      );
    return (await this.db.query<DischargePermit>(`${SELECT} WHERE p.id = $1`, [id])).rows[0];
  }

  /** A station's permits in force (not superseded), oldest first. */
  async listByStation(stationId: number): Promise<DischargePermit[]> {
    return (
      await this.db.query<DischargePermit>(
        `${SELECT} WHERE p.station_id = $1 AND ${IN_FORCE} ORDER BY p.effective_from`,
        [stationId],
      )
    ).rows;
  }

  /** Every permit of a station, superseded versions too: by first day, each version after the one it corrects. */
  async history(stationId: number): Promise<DischargePermit[]> {
    return (
      await this.db.query<DischargePermit>(
        `${SELECT} WHERE p.station_id = $1 ORDER BY p.effective_from, p.id`,
        [stationId],
      )
    ).rows;
  }

  async findById(id: number): Promise<DischargePermit | null> {
    if (!(Number.isInteger(id) && id >= 1 && id <= 2_147_483_647)) return null;
    return (await this.db.query<DischargePermit>(`${SELECT} WHERE p.id = $1`, [id])).rows[0] ?? null;
  }

  /** Every permit of these stations in force on some day of [fromDay, toDay). */
  async listOverlapping(
    stationIds: readonly number[],
    fromDay: string,
    toDay: string,
  ): Promise<DischargePermit[]> {
    return (
      await this.db.query<DischargePermit>(
        `${SELECT} WHERE p.station_id = ANY($1::int[]) AND ${IN_FORCE} AND p.effective_from < $3::date
           AND (p.effective_to IS NULL OR p.effective_to > $2::date)
         ORDER BY p.station_id, p.effective_from`,
        [stationIds, fromDay, toDay],
      )
    ).rows;
  }

  /** The permit in force at a station on a day ('YYYY-MM-DD'), if any. */
  async findEffective(stationId: number, day: string): Promise<DischargePermit | null> {
    const result = await this.db.query<DischargePermit>(
      `${SELECT} WHERE p.station_id = $1 AND ${IN_FORCE} AND p.effective_from <= $2::date AND (p.effective_to IS NULL OR p.effective_to > $2::date)
       ORDER BY p.effective_from DESC LIMIT 1`,
      [stationId, day],
    );
    return result.rows[0] ?? null;
  }
}
