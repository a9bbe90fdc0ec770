import type { SqlExecutor } from '@hp/storage';
import { WasteCode } from './waste.types';

const SELECT = `SELECT code, name_vi AS "nameVi", name_en AS "nameEn", threshold_class AS "thresholdClass", evidence
  FROM waste_codes`;

export class WasteCodesRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Inserts or updates codes (a later load replaces names, class and evidence); returns how many. */
  async upsertMany(codes: readonly WasteCode[]): Promise<number> {
    if (codes.length === 0) return 0;
    const result = await this.db.query(
      `INSERT INTO waste_codes (code, name_vi, name_en, threshold_class, evidence)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (code) DO UPDATE SET name_vi = EXCLUDED.name_vi, name_en = EXCLUDED.name_en,
         threshold_class = EXCLUDED.threshold_class, evidence = EXCLUDED.evidence`,
      [
        codes.map((c) => c.code),
        codes.map((c) => c.nameVi),
        codes.map((c) => c.nameEn),
        codes.map((c) => c.thresholdClass),
        codes.map((c) => c.evidence),
      ],
    );
    return result.rowCount;
  }

  async find(code: string): Promise<WasteCode | null> {
    return (await this.db.query<WasteCode>(`${SELECT} WHERE code = $1`, [code])).rows[0] ?? null;
  }

  async list(): Promise<WasteCode[]> {
    return (await this.db.query<WasteCode>(`${SELECT} ORDER BY code`)).rows;
  }
}
