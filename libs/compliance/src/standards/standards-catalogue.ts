import { PermitColumn } from '@hp/storage';
import qcvn40of2011 from './qcvn-40-2011.json';
import qcvn40of2025 from './qcvn-40-2025.json';

/** A limit: a maximum, or a range (pH). */
export interface Limit {
  readonly min: number | null;
  readonly max: number | null;
}

export interface StandardParameter {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  /** Evidence of the value (domain.md): V verified, V2 secondary, U unverified. */
  readonly tag: 'V' | 'V2' | 'U';
  /** false: Cmax = C (no Kq, Kf). */
  readonly coefficients: boolean;
  readonly limits: Readonly<Partial<Record<PermitColumn, Limit>>>;
}

export interface Standard {
  readonly version: string;
  readonly title: string;
  readonly formula: string;
  readonly effectiveFrom: string;
  readonly columns: readonly PermitColumn[];
  readonly parameters: readonly StandardParameter[];
}

/** The standards a permit may name, by version. Data files, checked when loaded. */
export class StandardsCatalogue {
  private readonly byVersion = new Map<
    string,
    { standard: Standard; byCode: Map<string, StandardParameter> }
  >();

  constructor(standards: readonly unknown[]) {
    for (const [i, raw] of standards.entries()) {
      const standard = checkStandard(raw, `standards[${i}]`);
      if (this.byVersion.has(standard.version))
        throw new Error(`standard ${standard.version} is listed twice`);
      this.byVersion.set(standard.version, {
        standard,
        byCode: new Map(standard.parameters.map((p) => [p.code, p])),
      });
    }
  }

  get versions(): string[] {
    return [...this.byVersion.keys()];
  }

  standard(version: string): Standard | null {
    return this.byVersion.get(version)?.standard ?? null;
  }

  parameter(version: string, code: string): StandardParameter | null {
    return this.byVersion.get(version)?.byCode.get(code) ?? null;
  }
}

/** The catalogue shipped with the platform: QCVN 40:2011 Table 1 and the (still empty) QCVN 40:2025. */
export const SHIPPED_STANDARDS: readonly unknown[] = [qcvn40of2011, qcvn40of2025];

export function shippedCatalogue(): StandardsCatalogue {
  return new StandardsCatalogue(SHIPPED_STANDARDS);
}

const COLUMNS: readonly string[] = ['A', 'B', 'C'];
const TAGS: readonly string[] = ['V', 'V2', 'U'];

function checkStandard(raw: unknown, at: string): Standard {
  const s = raw as Partial<Standard> & Record<string, unknown>;
  const fail = (what: string): never => {
    throw new Error(`${at}${typeof s?.version === 'string' ? ` (${s.version})` : ''}: ${what}`);
  };
  if (typeof s !== 'object' || s === null) fail('is not an object');
  for (const key of ['version', 'title', 'formula', 'effectiveFrom'] as const)
    if (typeof s[key] !== 'string' || s[key] === '') fail(`${key} must be a non-empty string`);
  if (!Array.isArray(s.columns) || s.columns.some((c) => !COLUMNS.includes(c)))
    fail('columns must list A, B or C');
  if (!Array.isArray(s.parameters)) fail('parameters must be an array');
  const seen = new Set<string>();
  for (const [i, p] of s.parameters!.entries()) {
    const where = `parameters[${i}]${typeof p?.code === 'string' ? ` (${p.code})` : ''}`;
    if (typeof p?.code !== 'string' || p.code === '') fail(`${where}.code must be a non-empty string`);
    if (seen.has(p.code)) fail(`${where}: code listed twice`);
    seen.add(p.code);
    if (!TAGS.includes(p.tag)) fail(`${where}.tag must be V, V2 or U`);
    if (typeof p.coefficients !== 'boolean') fail(`${where}.coefficients must be true or false`);
    for (const [column, limit] of Object.entries(p.limits ?? {})) {
      if (!s.columns!.includes(column as PermitColumn))
        fail(`${where}.limits.${column}: not a column of this standard`);
      const { min = null, max = null } = limit as { min?: number | null; max?: number | null };
      if (min === null && max === null) fail(`${where}.limits.${column} needs min or max`);
      for (const v of [min, max])
        if (v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
          fail(`${where}.limits.${column}: min and max must be finite numbers`);
      if (min !== null && max !== null && max < min) fail(`${where}.limits.${column}: max is below min`);
    }
  }
  // Normalize absent min/max to null.
  return {
    ...(s as Standard),
    parameters: s.parameters!.map((p) => ({
      ...p,
      limits: Object.fromEntries(
        Object.entries(p.limits ?? {}).map(([c, l]) => [c, { min: l?.min ?? null, max: l?.max ?? null }]),
      ),
    })),
  };
}
