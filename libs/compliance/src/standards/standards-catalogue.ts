import { PermitColumn } from '@hp/registry';
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

/**
 * A band of the Kf table: flows above the previous band's upTo (exclusive) up to its own (inclusive); the
 * first starts at 0, the last has upTo null (no upper bound).
 */
export interface KfBand {
  /** m3/day, exclusive; null for the first band. */
  readonly above: number | null;
  /** m3/day, inclusive; null for the last band. */
  readonly upTo: number | null;
  readonly kf: number;
}

/** Kf by the permitted discharge flow (m3/day), as the standard tabulates it. */
export interface KfTable {
  readonly tag: 'V' | 'V2' | 'U';
  readonly unit: 'm3/day';
  readonly bands: readonly KfBand[];
}

export interface Standard {
  readonly version: string;
  readonly title: string;
  readonly formula: string;
  readonly effectiveFrom: string;
  readonly columns: readonly PermitColumn[];
  readonly parameters: readonly StandardParameter[];
  /** Null when the standard has no (known) Kf table: Kf is then entered explicitly, with a reason. */
  readonly kfTable: KfTable | null;
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

  /** The Kf band holding a discharge flow (m3/day); null when the standard has no Kf table. */
  kfBand(version: string, flowM3PerDay: number): KfBand | null {
    return kfBandOf(this.standard(version)?.kfTable ?? null, flowM3PerDay);
  }
}

/** The band of a Kf table holding a flow (m3/day): above < flow <= upTo. */
export function kfBandOf(table: KfTable | null, flowM3PerDay: number): KfBand | null {
  if (!table || !Number.isFinite(flowM3PerDay) || flowM3PerDay < 0) return null;
  return table.bands.find((b) => b.upTo === null || flowM3PerDay <= b.upTo) ?? null;
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
  const kfTable = s.kfTable === undefined || s.kfTable === null ? null : checkKfTable(s.kfTable, fail);
  // Normalize absent min/max to null.
  return {
    ...(s as Standard),
    kfTable,
    parameters: s.parameters!.map((p) => ({
      ...p,
      limits: Object.fromEntries(
        Object.entries(p.limits ?? {}).map(([c, l]) => [c, { min: l?.min ?? null, max: l?.max ?? null }]),
      ),
    })),
  };
}

/** Bands in increasing order of flow, the last one open-ended; each band's lower bound filled in. */
function checkKfTable(raw: unknown, fail: (what: string) => never): KfTable {
  const t = raw as { tag?: unknown; unit?: unknown; bands?: unknown };
  if (typeof t !== 'object' || t === null) fail('kfTable is not an object');
  if (!TAGS.includes(t.tag as string)) fail('kfTable.tag must be V, V2 or U');
  if (t.unit !== 'm3/day') fail('kfTable.unit must be m3/day');
  if (!Array.isArray(t.bands) || t.bands.length === 0) fail('kfTable.bands must be a non-empty array');
  const bands: KfBand[] = [];
  let above: number | null = null;
  for (const [i, b] of (t.bands as { upTo?: unknown; kf?: unknown }[]).entries()) {
    const last = i === (t.bands as unknown[]).length - 1;
    if (typeof b?.kf !== 'number' || !Number.isFinite(b.kf) || b.kf <= 0)
      fail(`kfTable.bands[${i}].kf must be a positive number`);
    if (last ? b.upTo !== null : typeof b.upTo !== 'number' || !Number.isFinite(b.upTo))
      fail(`kfTable.bands[${i}].upTo must be ${last ? 'null (the last band is open-ended)' : 'a number'}`);
    const upTo = b.upTo as number | null;
    if (upTo !== null && (upTo <= 0 || (above !== null && upTo <= above)))
      fail(`kfTable.bands[${i}].upTo must be above the previous band's`);
    bands.push({ above, upTo, kf: b.kf as number });
    above = upTo;
  }
  return { tag: t.tag as KfTable['tag'], unit: 'm3/day', bands };
}
