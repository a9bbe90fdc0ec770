import { SqlExecutor } from '../driver/database';
import { CodedTableRepository } from './coded-table.repository';
import { Station, StationInput, StationRef } from './registry.types';

export class StationsRepository extends CodedTableRepository<Station, StationInput> {
  constructor(db: SqlExecutor) {
    super(db, 'stations', [
      { key: 'code', column: 'code' },
      { key: 'plantId', column: 'plant_id' },
      { key: 'name', column: 'name' },
      { key: 'kind', column: 'kind' },
      { key: 'expectedIntervalSeconds', column: 'expected_interval_seconds', absent: 'default' },
      { key: 'active', column: 'active', absent: 'default' },
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
}
