import type { SqlExecutor } from '@hp/storage';
import {
  LotJudging,
  LotScope,
  LotStanding,
  LotVerdict,
  WasteFinding,
  WasteLotQuery,
  WasteLotRecord,
} from './waste.types';

interface JudgedColumns {
  judgedKg: number;
  judgedStanding: LotStanding;
  judgedViolations: WasteFinding[];
  judgedStorageDeadline: Date | null;
  judgedManifestDeadline: Date | null;
}

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

  /**
   * The lots of a scope, each judged by the one rule, the SQL function waste_lot_judgement (migration 0027),
   * which /api/waste/kpi, the views, reports, alerts and Grafana's panels all call. Ordered by anchor, code.
   */
  async judge(scope: LotScope, judging: LotJudging): Promise<LotVerdict[]> {
    const params: unknown[] = [
      judging.asOf.toISOString(),
      judging.massTolerance,
      judging.maxStorageDays,
      judging.manifestCloseDays,
    ];
    const param = (value: unknown) => `$${params.push(value)}`;
    const inPark = (query: WasteLotQuery) =>
      query.parkId === undefined || query.parkId === null ? '' : `AND l.park_id = ${param(query.parkId)}`;
    let where: string;
    if ('lotCode' in scope) where = `l.lot_code = ${param(scope.lotCode)}`;
    else if ('manifestNumber' in scope) where = `l.manifest_number = ${param(scope.manifestNumber)}`;
    else if ('anchoredIn' in scope) {
      const q = scope.anchoredIn;
      where = `l.anchor_at >= ${param(q.from.toISOString())} AND l.anchor_at < ${param(q.to.toISOString())} ${inPark(q)}`;
    } else {
      // A year's report concerns the lots anchored before its end and not treated before its start.
      const q = scope.activeIn;
      where = `l.anchor_at < ${param(q.to.toISOString())}
               AND (l.treated_at IS NULL OR l.treated_at >= ${param(q.from.toISOString())}) ${inPark(q)}`;
    }
    const rows = await this.db.query<WasteLotRecord & JudgedColumns>(
      `SELECT ${COLUMNS.map(([key, column]) => `l.${column} AS "${key}"`).join(', ')},
              j.kg AS "judgedKg", j.standing AS "judgedStanding", j.violations AS "judgedViolations",
              j.storage_deadline AS "judgedStorageDeadline", j.manifest_deadline AS "judgedManifestDeadline"
         FROM waste_lots l
        CROSS JOIN LATERAL waste_lot_judgement(l, $1::timestamptz, $2::float8, $3::float8, $4::float8) j
        WHERE ${where}
        ORDER BY l.anchor_at, l.lot_code`,
      params,
    );
    return rows.rows.map(
      ({
        judgedKg,
        judgedStanding,
        judgedViolations,
        judgedStorageDeadline,
        judgedManifestDeadline,
        ...lot
      }) => ({
        lot,
        kg: judgedKg,
        standing: judgedStanding,
        violations: judgedViolations,
        storageDeadline: judgedStorageDeadline,
        manifestDeadline: judgedManifestDeadline,
      }),
    );
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
