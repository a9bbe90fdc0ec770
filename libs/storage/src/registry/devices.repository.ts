import { SqlExecutor } from '../driver/database';
import { CodedTableRepository } from './coded-table.repository';
import { Device, DeviceInput, DeviceRef } from './registry.types';

const SELECT_REFS = `SELECT d.id, d.code, d.kind, COALESCE(sk.code, k.code) AS "parkCode", s.code AS "stationCode",
    d.credential_hash AS "credentialHash"
   FROM devices d
   JOIN parks k ON k.id = d.park_id
   LEFT JOIN stations s ON s.id = d.station_id
   LEFT JOIN treatment_plants p ON p.id = s.plant_id
   LEFT JOIN parks sk ON sk.id = p.park_id`;

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

  /** Every device with its park and station codes (the MQTT credentials and ACLs are built from these). */
  async listRefs(): Promise<DeviceRef[]> {
    return (await this.db.query<DeviceRef>(`${SELECT_REFS} ORDER BY d.code`)).rows;
  }

  /** One device with its park and station codes, e.g. for the broker's login check; null when unknown. */
  async findRefByCode(code: string): Promise<DeviceRef | null> {
    return (await this.db.query<DeviceRef>(`${SELECT_REFS} WHERE d.code = $1`, [code])).rows[0] ?? null;
  }
}
