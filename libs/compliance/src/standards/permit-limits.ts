import { ComplianceWindow, DischargePermit, KfSource } from '@hp/registry';
import { StationDayWarning } from '../storage/compliance.types';
import { KfBand, kfBandOf, Limit, StandardsCatalogue } from './standards-catalogue';

/** The limit a permit sets for a parameter, and where it comes from (shown to inspectors). */
export interface PermitLimit extends Limit {
  readonly source: 'permit' | 'standard';
  /** e.g. "QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5" */
  readonly basis: string;
}

/**
 * Cmax for one parameter under a permit: the permit's own limit if it states one; otherwise the
 * standard's C for the permit's column, times Kq x Kf unless the parameter is exempt from coefficients
 * (ranges such as pH are never scaled). A coefficient the permit leaves empty counts as 1.
 * Null when neither the permit nor the standard limits the parameter.
 */
export function permitLimit(
  catalogue: StandardsCatalogue,
  permit: DischargePermit,
  parameterCode: string,
): PermitLimit | null {
  const own = permit.limits.find(
    (l) => l.parameterCode === parameterCode && (l.min !== null || l.max !== null),
  );
  if (own) {
    return {
      min: own.min,
      max: own.max,
      source: 'permit',
      basis: `permit ${permit.permitNumber ?? `#${permit.id}`}: ${describe(own.min, own.max)}`,
    };
  }
  const parameter = catalogue.parameter(permit.standardVersion, parameterCode);
  const c = parameter?.limits[permit.columnCode];
  if (!parameter || !c) return null;
  const head = `${permit.standardVersion} column ${permit.columnCode}`;
  const isRange = c.min !== null;
  if (!parameter.coefficients || isRange || c.max === null) {
    return {
      min: c.min,
      max: c.max,
      source: 'standard',
      basis: `${head}: ${describe(c.min, c.max)} (no coefficients)`,
    };
  }
  const kq = permit.kq ?? 1;
  const kf = permit.kf ?? 1;
  // In decimal, as the permit writes it: 150 x 0.9 x 1.1 is 148.5, not 148.50000000000003.
  const max = decimalProduct([c.max, kq, kf]);
  return {
    min: null,
    max,
    source: 'standard',
    basis: `${head}: C ${c.max} x Kq ${kq} x Kf ${kf} = ${max}`,
  };
}

/** The averaging windows judged for a parameter: its own rule's, else the permit's. */
export function permitWindows(permit: DischargePermit, parameterCode: string): ComplianceWindow[] {
  return permit.limits.find((l) => l.parameterCode === parameterCode)?.windows ?? permit.windows;
}

/**
 * The flat-line run length a parameter is screened with under a permit: the permit's own rule for it, else
 * the parameter's default (flatline_defaults), else the permit's run length. 0: never screened.
 */
export function permitFlatlineRecords(
  permit: DischargePermit,
  parameterCode: string,
  defaults: ReadonlyMap<string, number>,
): number {
  return (
    permit.limits.find((l) => l.parameterCode === parameterCode)?.flatlineRecords ??
    defaults.get(parameterCode) ??
    permit.flatlineRecords
  );
}

function describe(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min}-${max}`;
  return min !== null ? `>= ${min}` : `<= ${max}`;
}

/**
 * The product of decimal numbers computed on their decimal digits (so 150 x 0.9 x 1.1 = 148.5 exactly, as
 * written), then the nearest double. Numbers that print in exponent form fall back to binary arithmetic
 * rounded to 15 significant digits.
 */
export function decimalProduct(factors: readonly number[]): number {
  let digits = 0;
  let product = 1n;
  for (const f of factors) {
    const text = String(f);
    if (!/^-?\d+(\.\d+)?$/.test(text)) return Number(factors.reduce((a, b) => a * b, 1).toPrecision(15));
    const [whole, fraction = ''] = text.split('.');
    product *= BigInt(whole + fraction);
    digits += fraction.length;
  }
  return Number(`${product}e-${digits}`);
}

/** How a permit's Kf was settled: derived from its permitted flow, or stated with a reason. */
export interface ResolvedKf {
  readonly kf: number;
  readonly kfSource: KfSource;
  readonly kfReason: string | null;
  readonly permittedFlowM3PerDay: number | null;
}

/** Why a Kf cannot be settled (the CLI or API words it). */
export type KfProblem =
  | { readonly code: 'KF_REASON_REQUIRED' }
  | { readonly code: 'KF_FLOW_OR_EXPLICIT_REQUIRED'; readonly standard: string }
  | { readonly code: 'KF_NO_TABLE'; readonly standard: string };

/**
 * Kf of a new permit under a standard: explicit (with its reason) when given, the permitted flow recorded
 * beside it; otherwise derived from the permitted flow by the standard's Kf table. Null Kf (no flow, no
 * explicit value) is allowed only for a standard without a Kf table.
 */
export function resolveKf(
  catalogue: StandardsCatalogue,
  standardVersion: string,
  input: { flowM3PerDay?: number; kf?: number; kfReason?: string },
): { kf: ResolvedKf | null } | { problem: KfProblem } {
  const flow = input.flowM3PerDay ?? null;
  const reason = input.kfReason?.trim() ? input.kfReason.trim() : null;
  if (input.kf !== undefined) {
    if (!reason) return { problem: { code: 'KF_REASON_REQUIRED' } };
    return { kf: { kf: input.kf, kfSource: 'explicit', kfReason: reason, permittedFlowM3PerDay: flow } };
  }
  const table = catalogue.standard(standardVersion)?.kfTable ?? null;
  if (flow !== null) {
    const band = kfBandOf(table, flow);
    if (!band) return { problem: { code: 'KF_NO_TABLE', standard: standardVersion } };
    return { kf: { kf: band.kf, kfSource: 'flow_table', kfReason: null, permittedFlowM3PerDay: flow } };
  }
  if (table) return { problem: { code: 'KF_FLOW_OR_EXPLICIT_REQUIRED', standard: standardVersion } };
  return { kf: null };
}

/**
 * The Kf band a permit's limits assume: the band of its permitted flow when recorded, else the one band
 * whose Kf is the permit's Kf; null when neither says (no table, no Kf, or a Kf the table does not list).
 */
export function permitKfBand(catalogue: StandardsCatalogue, permit: DischargePermit): KfBand | null {
  const table = catalogue.standard(permit.standardVersion)?.kfTable ?? null;
  if (!table) return null;
  if (permit.permittedFlowM3PerDay !== null) return kfBandOf(table, permit.permittedFlowM3PerDay);
  if (permit.kf === null) return null;
  const matching = table.bands.filter((b) => b.kf === permit.kf);
  return matching.length === 1 ? matching[0] : null;
}

export const FLOW_OUTSIDE_KF_BAND = 'FLOW_OUTSIDE_KF_BAND';

/**
 * The warning of a day whose measured flow (mean of its valid Flow records in m3/h, x 24) lies outside the
 * Kf band of the permit: the limits were scaled by a Kf that the day's discharge does not have. Null when
 * the day is inside the band, has no valid Flow record, or the permit has no band.
 */
export function flowBandWarning(
  catalogue: StandardsCatalogue,
  permit: DischargePermit,
  flow: { meanM3PerHour: number; validRecords: number } | undefined,
): StationDayWarning | null {
  const band = permitKfBand(catalogue, permit);
  if (!band || !flow || flow.validRecords === 0) return null;
  const measured = decimalProduct([Number(flow.meanM3PerHour.toPrecision(12)), 24]);
  if ((band.above === null || measured > band.above) && (band.upTo === null || measured <= band.upTo))
    return null;
  const table = catalogue.standard(permit.standardVersion)!.kfTable;
  return {
    code: FLOW_OUTSIDE_KF_BAND,
    params: {
      measuredFlowM3PerDay: Number(measured.toFixed(1)),
      flowRecords: flow.validRecords,
      permitKf: permit.kf,
      bandAboveM3PerDay: band.above,
      bandUpToM3PerDay: band.upTo,
      kfForMeasuredFlow: kfBandOf(table, measured)?.kf ?? null,
    },
  };
}
