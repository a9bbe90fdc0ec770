/**
 * Canonical parameter symbols of Circular 10/2021/TT-BTNMT (Phu luc 15, water table) [V2 in domain.md],
 * with the canonical unit the platform stores. Physical bounds are what an instrument can report at all,
 * not permit limits (those live in the standards catalogue as editable data).
 */
export const WATER_PARAMETER_CODES = [
  'Flow',
  'Temp',
  'pH',
  'TSS',
  'COD',
  'NH4',
  'TN',
  'TP',
  'Color',
  'TOC',
  'Cl',
] as const;
export type WaterParameterCode = (typeof WATER_PARAMETER_CODES)[number];

export interface ParameterDefinition {
  readonly code: WaterParameterCode;
  readonly name: string;
  readonly unit: string;
  /** Lowest value the quantity can physically take (inclusive). */
  readonly physicalMin: number;
  /** Highest value the quantity can physically take (inclusive); null when unbounded. */
  readonly physicalMax: number | null;
}

export const WATER_PARAMETERS: readonly ParameterDefinition[] = [
  { code: 'Flow', name: 'Effluent flow', unit: 'm3/h', physicalMin: 0, physicalMax: null },
  { code: 'Temp', name: 'Temperature', unit: 'degC', physicalMin: -5, physicalMax: 100 },
  { code: 'pH', name: 'pH', unit: 'pH', physicalMin: 0, physicalMax: 14 },
  { code: 'TSS', name: 'Total suspended solids', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'COD', name: 'Chemical oxygen demand', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'NH4', name: 'Ammonium (as N)', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'TN', name: 'Total nitrogen', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'TP', name: 'Total phosphorus (as P)', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'Color', name: 'Colour', unit: 'Pt-Co', physicalMin: 0, physicalMax: null },
  { code: 'TOC', name: 'Total organic carbon', unit: 'mg/L', physicalMin: 0, physicalMax: null },
  { code: 'Cl', name: 'Chloride', unit: 'mg/L', physicalMin: 0, physicalMax: null },
];

export function isWaterParameterCode(code: string): code is WaterParameterCode {
  return (WATER_PARAMETER_CODES as readonly string[]).includes(code);
}
