import { SqlExecutor } from '@hp/storage';

/** One column of a registry table: its TS key, its SQL name, and how an upsert treats it. */
export interface ColumnSpec<TInput> {
  readonly key: keyof TInput & string;
  readonly column: string;
  /** Used when the input leaves the field out ('DEFAULT' keeps the column default on insert). */
  readonly absent?: 'null' | 'default';
  /** On conflict, a null value keeps what is stored (e.g. a device credential). */
  readonly keepWhenNull?: boolean;
}

/**
 * Shared SQL of the registry tables keyed by a unique `code` (all have id, created_at, updated_at): upsert by code, list, find by code or id.
 * Rows come back with camel-case aliases, so TS row types map one-to-one.
 */
export abstract class CodedTableRepository<TRow, TInput> {
  private readonly selectList: string;

  protected constructor(
    protected readonly db: SqlExecutor,
    private readonly table: string,
    private readonly columns: readonly ColumnSpec<TInput>[],
  ) {
    const aliased = columns.map((c) => `${c.column} AS "${c.key}"`);
    this.selectList = ['id', ...aliased, 'created_at AS "createdAt"', 'updated_at AS "updatedAt"'].join(', ');
  }

  /**
   * Inserts the row, or replaces the fields of the row with the same code. An omitted nullable field
   * becomes null; an omitted field with a column default keeps its stored value.
   */
  async upsert(input: TInput): Promise<TRow> {
    const { values, params } = this.valuesOf(input);
    const updates = this.columns
      .filter((c) => c.column !== 'code' && !(input[c.key] === undefined && c.absent === 'default'))
      .map((c) =>
        c.keepWhenNull
          ? `${c.column} = COALESCE(EXCLUDED.${c.column}, ${this.table}.${c.column})`
          : `${c.column} = EXCLUDED.${c.column}`,
      );
    const result = await this.db.query<TRow>(
      `INSERT INTO ${this.table} (${this.columns.map((c) => c.column).join(', ')})
       VALUES (${values.join(', ')})
       ON CONFLICT (code) DO UPDATE SET ${[...updates, 'updated_at = now()'].join(', ')}
       RETURNING ${this.selectList}`,
      params,
    );
    return result.rows[0];
  }

  /** Inserts a row with a new code; null (nothing written) when the code is taken. */
  async insertNew(input: TInput): Promise<TRow | null> {
    const { values, params } = this.valuesOf(input);
    const result = await this.db.query<TRow>(
      `INSERT INTO ${this.table} (${this.columns.map((c) => c.column).join(', ')})
       VALUES (${values.join(', ')})
       ON CONFLICT (code) DO NOTHING
       RETURNING ${this.selectList}`,
      params,
    );
    return result.rows[0] ?? null;
  }

  async list(): Promise<TRow[]> {
    return (await this.db.query<TRow>(`SELECT ${this.selectList} FROM ${this.table} ORDER BY code`)).rows;
  }

  async findByCode(code: string): Promise<TRow | null> {
    return this.findOne('code', code);
  }

  async findById(id: number): Promise<TRow | null> {
    return this.findOne('id', id);
  }

  /** The VALUES list of an insert (DEFAULT for a left-out field with a column default) and its parameters. */
  private valuesOf(input: TInput): { values: string[]; params: unknown[] } {
    const params: unknown[] = [];
    const values = this.columns.map((c) => {
      const value = input[c.key];
      if (value === undefined && c.absent === 'default') return 'DEFAULT';
      params.push(value ?? null);
      return `$${params.length}`;
    });
    return { values, params };
  }

  protected async findOne(column: 'id' | 'code', value: unknown): Promise<TRow | null> {
    // Ids are PostgreSQL integers: a larger number names no row (and must not become a database error).
    if (column === 'id' && !(Number.isInteger(Number(value)) && Math.abs(Number(value)) <= 2_147_483_647))
      return null;
    const result = await this.db.query<TRow>(
      `SELECT ${this.selectList} FROM ${this.table} WHERE ${column} = $1`,
      [value],
    );
    return result.rows[0] ?? null;
  }
}
