import { WaterParameterCode } from '@hp/contracts';

/**
 * Units a station may report in, per parameter, and how to convert to the canonical unit stored.
 * A unit not listed is refused, never guessed.
 */
type Convert = (value: number) => number;
const same: Convert = (v) => v;

const MASS_CONCENTRATION: Record<string, Convert> = {
  'mg/L': same,
  'mg/l': same,
  'g/m3': same,
  'g/m³': same,
  ppm: same,
  'ug/L': (v) => v / 1000,
  'µg/L': (v) => v / 1000,
  'g/L': (v) => v * 1000,
};

export const UNIT_CONVERSIONS: Readonly<Record<WaterParameterCode, Readonly<Record<string, Convert>>>> = {
  Flow: {
    'm3/h': same,
    'm³/h': same,
    'm3/s': (v) => v * 3600,
    'L/s': (v) => v * 3.6,
    'l/s': (v) => v * 3.6,
    'm3/d': (v) => v / 24,
    'm3/day': (v) => v / 24,
  },
  Temp: {
    degC: same,
    '°C': same,
    C: same,
    oC: same,
    degF: (v) => ((v - 32) * 5) / 9,
    '°F': (v) => ((v - 32) * 5) / 9,
    K: (v) => v - 273.15,
  },
  pH: { pH: same, '-': same, '': same },
  TSS: MASS_CONCENTRATION,
  COD: MASS_CONCENTRATION,
  NH4: MASS_CONCENTRATION,
  TN: MASS_CONCENTRATION,
  TP: MASS_CONCENTRATION,
  TOC: MASS_CONCENTRATION,
  Cl: MASS_CONCENTRATION,
  Color: { 'Pt-Co': same, 'Pt/Co': same, PtCo: same, 'mg/L Pt': same, Hazen: same },
};

/** The converter of a reported unit, or null when the unit is not accepted for the parameter. */
export function unitConverter(parameter: WaterParameterCode, unit: string): Convert | null {
  return UNIT_CONVERSIONS[parameter][unit] ?? null;
}

export function acceptedUnits(parameter: WaterParameterCode): string[] {
  return Object.keys(UNIT_CONVERSIONS[parameter]).filter((u) => u !== '');
}
