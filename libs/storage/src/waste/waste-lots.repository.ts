import { SqlExecutor } from '../driver/database';
import { WasteLotQuery, WasteLotRecord } from './waste.types';

const COLUMNS: readonly (readonly [keyof WasteLotRecord, string, string])[] = [
  ['lotCode', 'lot_code', 'text'],
  ['state', 'state', 'text'],
  ['generatorCode', 'generator_code', 'text'],
  ['parkId', 'park_id', 'integer'],
  ['wasteCode', 'waste_code', 'text'],
  ['anchorAt', 'anchor_at', 'timestamptz'],
  ['generatedAt', 'generated_at', 'timestamptz'],
  ['generatedKg', 'generated_kg', 'double precision'],
  ['manifestNumber', 'manifest_number', 'text'],
  ['transporterCode', 'transporter_code', 'text'],
  ['facilityCode', 'facility_code', 'text'],
  ['handedOverAt', 'handed_over_at', 'timestamptz'],
  ['handedOverKg', 'handed_over_kg', 'double precision'],
  ['receivedAt', 'received_at', 'timestamptz'],
  ['receivedKg', 'received_kg', 'double precision'],
  ['treatedAt', 'treated_at', 'timestamptz'],
  ['treatmentMethod', 'treatment_method', 'text'],
  ['certificate', 'certificate', 'text'],
  ['findings', 'findings', 'jsonb'],
  ['eventCount', 'event_count', 'integer'],
];

const SELECT = `SELECT ${COLUMNS.map(([key, column]) => `${column} AS "${key}"`).join(', ')} FROM waste_lots`;
const PLACEHOLDERS = COLUMNS.map(([, , type], i) => `$${i + 1}::${type}`).join(', ');
const UPDATES = COLUMNS.slice(1)
  .map(([, column]) => `${column} = EXCLUDED.${column}`)
  .join(', ');

/** The folded chain of each hazardous-waste lot (one row per lot, replaced on every new event). */
export class WasteLotsRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Serializes the refolding of one lot until the transaction ends (two instances, one lot). */
  async lockForRefold(lotCode: string): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('waste-lot:' || $1))`, [lotCode]);
  }

  async upsert(lot: WasteLotRecord): Promise<void> {
    await this.db.query(
      `INSERT INTO waste_lots (${COLUMNS.map(([, column]) => column).join(', ')}) VALUES (${PLACEHOLDERS})
       ON CONFLICT (lot_code) DO UPDATE SET ${UPDATES}, updated_at = now()`,
      COLUMNS.map(([key, , type]) => {
        const value = lot[key];
        if (type === 'jsonb') return JSON.stringify(value);
        return value instanceof Date ? value.toISOString() : value;
      }),
    );
  }

  async find(lotCode: string): Promise<WasteLotRecord | null> {
    return (await this.db.query<WasteLotRecord>(`${SELECT} WHERE lot_code = $1`, [lotCode])).rows[0] ?? null;
  }

  async listByManifest(manifestNumber: string): Promise<WasteLotRecord[]> {
    return (
      await this.db.query<WasteLotRecord>(`${SELECT} WHERE manifest_number = $1 ORDER BY lot_code`, [
        manifestNumber,
      ])
    ).rows;
  }

  /** Lots anchored (generated) in [from, to), of one park when parkId is given. */
  async listAnchoredIn(query: WasteLotQuery): Promise<WasteLotRecord[]> {
    const byPark = query.parkId !== undefined && query.parkId !== null;
    return (
      await this.db.query<WasteLotRecord>(
        `${SELECT} WHERE anchor_at >= $1 AND anchor_at < $2 ${byPark ? 'AND park_id = $3' : ''}
         ORDER BY anchor_at, lot_code`,
        byPark
          ? [query.from.toISOString(), query.to.toISOString(), query.parkId]
          : [query.from.toISOString(), query.to.toISOString()],
      )
    ).rows;
  }

  /**
   * Lots of a park (or all) that a year's report concerns: anchored before its end and not treated
   * before its start (still in the chain during the year).
   */
  async listActiveIn(query: WasteLotQuery): Promise<WasteLotRecord[]> {
    const byPark = query.parkId !== undefined && query.parkId !== null;
    return (
      await this.db.query<WasteLotRecord>(
        `${SELECT} WHERE anchor_at < $2 AND (treated_at IS NULL OR treated_at >= $1)
           ${byPark ? 'AND park_id = $3' : ''}
         ORDER BY anchor_at, lot_code`,
        byPark
          ? [query.from.toISOString(), query.to.toISOString(), query.parkId]
          : [query.from.toISOString(), query.to.toISOString()],
      )
    ).rows;
  }

  async count(): Promise<number> {
    return (await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM waste_lots`)).rows[0].n;
  }

  /**
   * Codes of the lots that changed in [from, to), or whose storage or manifest deadline fell in it (the
   * waste alerts follow these: a deadline passes without any new event).
   */
  async changedOrDueIn(
    from: Date,
    to: Date,
    maxStorageDays: number,
    manifestCloseDays: number,
  ): Promise<string[]> {
    return (
      await this.db.query<{ lotCode: string }>(
        `SELECT lot_code AS "lotCode" FROM waste_lots
          WHERE (updated_at >= $1 AND updated_at < $2)
             OR (state = 'stored' AND generated_at + make_interval(days => $3) >= $1
                 AND generated_at + make_interval(days => $3) < $2)
             OR (state IN ('handed_over', 'received') AND handed_over_at + make_interval(days => $4) >= $1
                 AND handed_over_at + make_interval(days => $4) < $2)
          ORDER BY lot_code`,
        [from.toISOString(), to.toISOString(), maxStorageDays, manifestCloseDays],
      )
    ).rows.map((r) => r.lotCode);
  }
}
