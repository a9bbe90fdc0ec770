// Request bodies of the permit routes: a station's discharge permit (GPMT) and its corrected versions.
import { json, JsonSchema, WATER_PARAMETER_CODES } from '@hp/contracts';
import { COMPLIANCE_WINDOWS, PERMIT_COLUMNS, PermitColumn, ComplianceWindow } from '@hp/registry';

const PARAMETER = json.oneOf(WATER_PARAMETER_CODES);

const LIMIT_SCHEMA = json.body(
  {
    parameterCode: PARAMETER,
    min: json.nullable(json.number({ description: 'Lower bound (pH); null: none' })),
    max: json.nullable(
      json.number({ example: 100, description: "Upper bound, replacing the standard's C x Kq x Kf" }),
    ),
    windows: json.nullable({ ...json.array(json.oneOf(COMPLIANCE_WINDOWS)), minItems: 1, uniqueItems: true }),
    flatlineRecords: json.nullable(json.integer({ minimum: 0, maximum: 10_000 })),
  },
  ['min', 'max', 'windows', 'flatlineRecords'],
);

const PERMIT_FIELDS: Record<string, JsonSchema> = {
  permitNumber: json.text({ maxLength: 100, example: '123/GPMT-BTNMT', description: 'The GPMT number' }),
  standardVersion: json.text({ example: 'QCVN40:2011' }),
  columnCode: json.oneOf(PERMIT_COLUMNS),
  kq: json.nullable(json.number({ exclusiveMinimum: 0, description: 'Kq of the receiving water; null: 1' })),
  permittedFlowM3PerDay: json.number({
    exclusiveMinimum: 0,
    description: "The discharge flow the permit allows (m3/day): Kf comes from it by the standard's Kf table",
  }),
  kf: json.number({
    exclusiveMinimum: 0,
    description: 'Kf stated explicitly, with kfReason (instead of the flow)',
  }),
  kfReason: json.text({ maxLength: 500 }),
  parameters: {
    ...json.array(PARAMETER),
    minItems: 1,
    uniqueItems: true,
    example: ['Temp', 'pH', 'TSS', 'COD', 'NH4'],
    description: 'Parameters judged',
  },
  limits: { ...json.array(LIMIT_SCHEMA), description: "The permit's own rules per judged parameter" },
  windows: { ...json.array(json.oneOf(COMPLIANCE_WINDOWS)), minItems: 1, uniqueItems: true },
  minCapture: json.number({ exclusiveMinimum: 0, maximum: 1 }),
  flatlineRecords: json.integer({ minimum: 2, maximum: 10_000 }),
  effectiveFrom: { ...json.day(), description: 'First day in force' },
  effectiveTo: json.nullable({ ...json.day(), description: 'Exclusive; null: open-ended' }),
  documentRef: json.nullable(
    json.text({ maxLength: 500, description: 'The permit document: its URL or archive number' }),
  ),
};
const ALWAYS_OPTIONAL = [
  'kq',
  'permittedFlowM3PerDay',
  'kf',
  'kfReason',
  'limits',
  'windows',
  'minCapture',
  'flatlineRecords',
  'effectiveTo',
  'documentRef',
];

export const NEW_PERMIT_SCHEMA = json.body(PERMIT_FIELDS, ALWAYS_OPTIONAL);
/** A corrected version: what is left out is taken from the version it supersedes. */
export const PERMIT_VERSION_SCHEMA = json.body(
  { ...PERMIT_FIELDS, reason: json.text({ maxLength: 500, description: 'Why the permit is corrected' }) },
  Object.keys(PERMIT_FIELDS),
);

export interface PermitLimitBody {
  parameterCode: string;
  min?: number | null;
  max?: number | null;
  windows?: ComplianceWindow[] | null;
  flatlineRecords?: number | null;
}

export interface PermitVersionBody {
  permitNumber?: string;
  standardVersion?: string;
  columnCode?: PermitColumn;
  kq?: number | null;
  permittedFlowM3PerDay?: number;
  kf?: number;
  kfReason?: string;
  parameters?: string[];
  limits?: PermitLimitBody[];
  windows?: ComplianceWindow[];
  minCapture?: number;
  flatlineRecords?: number;
  effectiveFrom?: string;
  effectiveTo?: string | null;
  documentRef?: string | null;
  reason?: string;
}

export interface NewPermitBody extends PermitVersionBody {
  permitNumber: string;
  standardVersion: string;
  columnCode: PermitColumn;
  parameters: string[];
  effectiveFrom: string;
}
