import { ParameterDefinition } from '@hp/contracts';
import { SqlExecutor } from '@hp/storage';
import { Parameter } from './registry.types';

const SELECT = `SELECT code, name, unit, physical_min AS "physicalMin", physical_max AS "physicalMax" FROM parameters`;

export class ParametersRepository {
  constructor(private readonly db: SqlExecutor) {}

  /** Inserts or updates every definition in one statement; returns how many rows were written. */
  async upsertMany(defs: readonly ParameterDefinition[]): Promise<number> {
    if (defs.length === 0) return 0;
    const result = await this.db.query(
      `INSERT INTO parameters (code, name, unit, physical_min, physical_max)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, unit = EXCLUDED.unit,
         physical_min = EXCLUDED.physical_min, physical_max = EXCLUDED.physical_max`,
      [
        defs.map((d) => d.code),
        defs.map((d) => d.name),
        defs.map((d) => d.unit),
        defs.map((d) => d.physicalMin),
        defs.map((d) => d.physicalMax),
      ],
    );
    return result.rowCount;
  }

  async list(): Promise<Parameter[]> {
    return (await this.db.query<Parameter>(`${SELECT} ORDER BY code`)).rows;
  }

  async findByCode(code: string): Promise<Parameter | null> {
    return (await this.db.query<Parameter>(`${SELECT} WHERE code = $1`, [code])).rows[0] ?? null;
  }
}
