import { SqlExecutor } from '@hp/storage';
import { CodedTableRepository } from './coded-table.repository';
import { ParkOutlet, Station, StationInput, StationRef } from './registry.types';

export class StationsRepository extends CodedTableRepository<Station, StationInput> {
  constructor(db: SqlExecutor) {
    super(db, 'stations', [
      { key: 'code', column: 'code' },
      { key: 'plantId', column: 'plant_id' },
      { key: 'name', column: 'name' },
      { key: 'kind', column: 'kind' },
      { key: 'expectedIntervalSeconds', column: 'expected_interval_seconds', absent: 'default' },
      { key: 'active', column: 'active', absent: 'default' },
      // Set through the API: a seed that leaves them out keeps them.
      { key: 'nameVi', column: 'name_vi', absent: 'default' },
      { key: 'latitude', column: 'latitude', absent: 'default' },
      { key: 'longitude', column: 'longitude', absent: 'default' },
      { key: 'retiredOn', column: 'retired_on', absent: 'default' },
    ]);
  }

  /** Every station with the codes of its plant and park (ingestion resolves topics with these). */
  async listRefs(): Promise<StationRef[]> {
    const result = await this.db.query<StationRef>(
      `SELECT s.id, s.code, k.code AS "parkCode", p.code AS "plantCode", s.active
         FROM stations s
         JOIN treatment_plants p ON p.id = s.plant_id
         JOIN parks k ON k.id = p.park_id
        ORDER BY k.code, s.code`,
    );
    return result.rows;
  }

  /**
   * Every park with its treatment plants and their active outlet stations (a park without a plant has
   * one row with nulls): what the compliance views judge a park by.
   */
  async listParkOutlets(): Promise<ParkOutlet[]> {
    const result = await this.db.query<ParkOutlet>(
      `SELECT k.id AS "parkId", k.code AS "parkCode", k.name AS "parkName", k.operating_status AS "parkStatus",
              p.id AS "plantId", p.code AS "plantCode", p.operating_status AS "plantStatus",
              s.id AS "stationId", s.code AS "stationCode"
         FROM parks k
         LEFT JOIN treatment_plants p ON p.park_id = k.id
         LEFT JOIN stations s ON s.plant_id = p.id AND s.kind = 'outlet' AND s.active
        ORDER BY k.code, p.code, s.code`,
    );
    return result.rows;
  }
}
