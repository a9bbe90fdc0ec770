import { SqlExecutor } from '../driver/database';
import { DischargePermit, DischargePermitInput } from './registry.types';

const SELECT = `SELECT id, station_id AS "stationId", permit_number AS "permitNumber",
  standard_version AS "standardVersion", column_code AS "columnCode", kq, kf,
  effective_from AS "effectiveFrom", effective_to AS "effectiveTo", created_at AS "createdAt"
  FROM discharge_permits`;

export class DischargePermitsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Fails (unique violation) when the station already has a permit starting that day. */
  async insert(input: DischargePermitInput): Promise<DischargePermit> {
    const result = await this.db.query<{ id: number }>(
      `INSERT INTO discharge_permits
         (station_id, permit_number, standard_version, column_code, kq, kf, effective_from, effective_to)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8::date) RETURNING id`,
      [
        input.stationId,
        input.permitNumber ?? null,
        input.standardVersion,
        input.columnCode,
        input.kq ?? null,
        input.kf ?? null,
        input.effectiveFrom,
        input.effectiveTo ?? null,
      ],
    );
    return (await this.db.query<DischargePermit>(`${SELECT} WHERE id = $1`, [result.rows[0].id])).rows[0];
  }

  async listByStation(stationId: number): Promise<DischargePermit[]> {
    return (
      await this.db.query<DischargePermit>(`${SELECT} WHERE station_id = $1 ORDER BY effective_from`, [
        stationId,
      ])
    ).rows;
  }

  /** The permit in force at a station on a day ('YYYY-MM-DD'), if any. */
  async findEffective(stationId: number, day: string): Promise<DischargePermit | null> {
    const result = await this.db.query<DischargePermit>(
      `${SELECT} WHERE station_id = $1 AND effective_from <= $2::date AND (effective_to IS NULL OR effective_to > $2::date)
       ORDER BY effective_from DESC LIMIT 1`,
      [stationId, day],
    );
    return result.rows[0] ?? null;
  }
}
