import { SqlExecutor } from '@hp/storage';
import { CodedTableRepository } from './coded-table.repository';
import {
  Device,
  DeviceActivity,
  DeviceInput,
  DeviceOverview,
  DevicePresence,
  DeviceRef,
} from './registry.types';

/** A device with its own park and, when bound to one, its station and the station's park. */
const FROM_BOUND = `
   FROM devices d
   JOIN parks k ON k.id = d.park_id
   LEFT JOIN stations s ON s.id = d.station_id
   LEFT JOIN treatment_plants p ON p.id = s.plant_id
   LEFT JOIN parks sk ON sk.id = p.park_id`;

const SELECT_REFS = `SELECT d.id, d.code, d.kind, COALESCE(sk.code, k.code) AS "parkCode", s.code AS "stationCode",
    d.credential_hash AS "credentialHash"
${FROM_BOUND}`;

const SELECT_OVERVIEW = `SELECT d.code, d.kind, COALESCE(sk.code, k.code) AS "parkCode", s.code AS "stationCode",
    d.credential_hash IS NOT NULL AS "hasCredential", d.online, d.presence_at AS "presenceAt",
    d.last_message_at AS "lastMessageAt", d.last_message_kind AS "lastMessageKind", d.updated_at AS "updatedAt"
${FROM_BOUND}`;

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

  /** Every device for the admin list: binding, credential held or not, presence and last message. */
  async listOverview(): Promise<DeviceOverview[]> {
    return (await this.db.query<DeviceOverview>(`${SELECT_OVERVIEW} ORDER BY d.code`)).rows;
  }

  /** One device as the admin list shows it; null when unknown. */
  async findOverviewByCode(code: string): Promise<DeviceOverview | null> {
    return (
      (await this.db.query<DeviceOverview>(`${SELECT_OVERVIEW} WHERE d.code = $1`, [code])).rows[0] ?? null
    );
  }

  /** Replaces (a hash) or removes (null: revoked) a device's credential; false when no device has this code. */
  async setCredential(code: string, credentialHash: string | null): Promise<boolean> {
    const result = await this.db.query(
      `UPDATE devices SET credential_hash = $2, updated_at = now() WHERE code = $1`,
      [code, credentialHash],
    );
    return result.rowCount === 1;
  }

  /**
   * Records the last message of each device named (by code, or as the analyzers of a station) in one
   * statement; an older time never replaces a newer one. Unknown devices and stations are ignored.
   */
  async recordActivity(activity: readonly DeviceActivity[]): Promise<void> {
    if (activity.length === 0) return;
    await this.db.query(
      `WITH seen AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb)
           AS x(device text, park text, station text, at timestamptz, kind text)
       ), targets AS (
         SELECT d.id, seen.at, seen.kind FROM seen JOIN devices d ON d.code = seen.device
         UNION ALL
         SELECT d.id, seen.at, seen.kind
           FROM seen
           JOIN stations s ON s.code = seen.station
           JOIN treatment_plants p ON p.id = s.plant_id
           JOIN parks k ON k.id = p.park_id AND k.code = seen.park
           JOIN devices d ON d.station_id = s.id AND d.kind = 'analyzer'
       ), latest AS (
         SELECT DISTINCT ON (id) id, at, kind FROM targets ORDER BY id, at DESC
       )
       UPDATE devices d SET last_message_at = latest.at, last_message_kind = latest.kind
         FROM latest
        WHERE d.id = latest.id AND (d.last_message_at IS NULL OR d.last_message_at <= latest.at)`,
      [
        JSON.stringify(
          activity.map((a) => ({
            device: a.deviceCode ?? null,
            park: a.station?.parkCode ?? null,
            station: a.station?.stationCode ?? null,
            at: a.at.toISOString(),
            kind: a.kind,
          })),
        ),
      ],
    );
  }
}
