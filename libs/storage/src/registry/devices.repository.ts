import { SqlExecutor } from '../driver/database';
import { CodedTableRepository } from './coded-table.repository';
import { Device, DeviceInput } from './registry.types';

export class DevicesRepository extends CodedTableRepository<Device, DeviceInput> {
  constructor(db: SqlExecutor) {
    super(db, 'devices', [
      { key: 'code', column: 'code' },
      { key: 'parkId', column: 'park_id' },
      { key: 'stationId', column: 'station_id' },
      { key: 'kind', column: 'kind' },
      { key: 'credentialHash', column: 'credential_hash', keepWhenNull: true },
    ]);
  }
}
