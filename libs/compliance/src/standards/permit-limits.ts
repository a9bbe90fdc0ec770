import { ComplianceWindow, DischargePermit } from '@hp/storage';
import { Limit, StandardsCatalogue } from './standards-catalogue';

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
  // Rounded to remove binary noise (150 x 0.9 x 1.1 = 148.50000000000003); limits have few digits.
  const max = Number((c.max * kq * kf).toPrecision(12));
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

function describe(min: number | null, max: number | null): string {
  if (min !== null && max !== null) return `${min}-${max}`;
  return min !== null ? `>= ${min}` : `<= ${max}`;
}
