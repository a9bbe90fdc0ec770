import { SqlExecutor } from '@hp/storage';
import { CodedTableRepository } from './coded-table.repository';
import { Park, ParkInput } from './registry.types';

export class ParksRepository extends CodedTableRepository<Park, ParkInput> {
  constructor(db: SqlExecutor) {
    super(db, 'parks', [
      { key: 'code', column: 'code' },
      { key: 'name', column: 'name' },
      { key: 'nameVi', column: 'name_vi' },
      { key: 'developer', column: 'developer' },
      { key: 'economicZone', column: 'economic_zone' },
      { key: 'district', column: 'district' },
      { key: 'areaHa', column: 'area_ha' },
      { key: 'operatingStatus', column: 'operating_status', absent: 'default' },
      { key: 'source', column: 'source' },
      // Set through the API: a seed that leaves them out keeps them.
      { key: 'latitude', column: 'latitude', absent: 'default' },
      { key: 'longitude', column: 'longitude', absent: 'default' },
    ]);
  }
}
