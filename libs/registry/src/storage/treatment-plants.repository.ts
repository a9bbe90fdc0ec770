import { SqlExecutor } from '@hp/storage';
import { CodedTableRepository } from './coded-table.repository';
import { TreatmentPlant, TreatmentPlantInput } from './registry.types';

export class TreatmentPlantsRepository extends CodedTableRepository<TreatmentPlant, TreatmentPlantInput> {
  constructor(db: SqlExecutor) {
    super(db, 'treatment_plants', [
      { key: 'code', column: 'code' },
      { key: 'parkId', column: 'park_id' },
      { key: 'name', column: 'name' },
      // Set through the API: a seed that leaves it out keeps it.
      { key: 'nameVi', column: 'name_vi', absent: 'default' },
      { key: 'designCapacityM3PerDay', column: 'design_capacity_m3_per_day' },
      { key: 'receivingWater', column: 'receiving_water' },
      { key: 'operatingStatus', column: 'operating_status', absent: 'default' },
      { key: 'source', column: 'source' },
    ]);
  }
}
