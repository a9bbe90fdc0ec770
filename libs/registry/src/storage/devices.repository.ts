import { SqlExecutor } from '@hp/storage';
import { CodedTableRepository } from './coded-table.repository';
import { Device, DeviceInput, DevicePresence, DeviceRef } from './registry.types';

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

  /** Records a device's presence; returns false when no device has this code. */
  async setPresence(code: string, presence: DevicePresence): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE devices SET online = $2, presence_at = $3, firmware = COALESCE($4, firmware) WHERE code = $1`,
      [code, presence.online, presence.at, presence.firmware ?? null],
    );
    return result.rowCount === 1;
  }

  async findPresence(code: string): Promise<DevicePresence | null> {
    const row = (
      await this.db.query<{ online: boolean | null; at: Date | null; firmware: string | null }>(
        `SELECT online, presence_at AS at, firmware FROM devices WHERE code = $1`,
        [code],
      )
    ).rows[0];
    return row && row.online !== null && row.at
      ? { online: row.online, at: row.at, firmware: row.firmware ?? undefined }
      : null;
  }

  /** Every device's last known presence (null when it never reported one). */
  async listPresence(): Promise<
    {
      code: string;
      parkId: number;
      stationId: number | null;
      online: boolean | null;
      presenceAt: Date | null;
    }[]
  > {
    return (
      await this.db.query<{
        code: string;
        parkId: number;
        stationId: number | null;
        online: boolean | null;
        presenceAt: Date | null;
      }>(
        `SELECT code, park_id AS "parkId", station_id AS "stationId", online, presence_at AS "presenceAt"
           FROM devices ORDER BY code`,
      )
    ).rows;
  }
}
