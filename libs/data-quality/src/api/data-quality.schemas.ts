import { apiSchema, json } from '@hp/contracts';
import { DQ_RULE_CODES } from '../rules/rule-types';

/** The bodies and answers of the data-quality routes (served in OpenAPI). */

/** Local time of day, HH:MM. */
const HHMM = '^([01][0-9]|2[0-3]):[0-5][0-9]$';
const MAX_REFERENCE = 200;

export const SCHEDULE_BODY_SCHEMA = json.body(
  {
    schedule: {
      type: 'object',
      nullable: true,
      enum: [null],
      description: 'null: drop the schedule (and give no other field)',
    },
    everyDays: json.integer({ minimum: 1, maximum: 366, example: 7 }),
    anchorDay: {
      ...json.day(),
      example: '2026-12-01',
      description: 'a local day on which calibration is due',
    },
    windowStart: json.string({ pattern: HHMM, example: '08:00', description: 'local time HH:MM' }),
    windowMinutes: json.integer({ minimum: 1, maximum: 1440, example: 120 }),
    maxPerDay: { ...json.integer({ minimum: 1, maximum: 96 }), default: 1 },
  },
  ['schedule', 'everyDays', 'anchorDay', 'windowStart', 'windowMinutes', 'maxPerDay'],
);

export interface ScheduleBody {
  schedule?: null;
  everyDays?: number;
  anchorDay?: string;
  windowStart?: string;
  windowMinutes?: number;
  maxPerDay?: number;
}

export const INSPECTION_BODY_SCHEMA = json.body(
  {
    startsAt: { ...json.dateTime(), example: '2026-12-10T09:00:00+07:00' },
    endsAt: { ...json.dateTime(), example: '2026-12-10T11:00:00+07:00' },
    reference: json.nullable(json.string({ maxLength: MAX_REFERENCE })),
  },
  ['reference'],
);

export interface InspectionBody {
  startsAt: string;
  endsAt: string;
  reference?: string | null;
}

export const RULE_BODY_SCHEMA = json.body(
  {
    raiseAfter: json.integer({ minimum: 1, maximum: 90 }),
    clearAfter: json.integer({ minimum: 1, maximum: 90 }),
    weight: json.integer({ minimum: 0, maximum: 100 }),
    enabled: json.boolean(),
    settings: { type: 'object', description: "the rule's thresholds" },
  },
  ['raiseAfter', 'clearAfter', 'weight', 'enabled', 'settings'],
);

export interface RuleBody {
  raiseAfter?: number;
  clearAfter?: number;
  weight?: number;
  enabled?: boolean;
  settings?: Record<string, unknown>;
}

const dayScore = json.object({ day: json.day(), score: json.number() });
const ruleCode = json.oneOf(DQ_RULE_CODES);

export const STATION_DATA_QUALITY_SCHEMA = apiSchema(
  'StationDataQuality',
  json.object({
    stationId: json.integer(),
    from: json.day(),
    to: json.day(),
    current: json.nullable(dayScore),
    days: json.array(dayScore),
    active: json.array(
      json.object({ code: ruleCode, sinceDay: json.nullable(json.day()), params: json.record({}) }),
    ),
    recent: json.array(
      json.object({
        day: json.day(),
        code: ruleCode,
        holds: json.boolean(),
        raised: json.boolean(),
        params: json.record({}),
      }),
    ),
  }),
);

export const CALIBRATION_SCHEDULE_SCHEMA = apiSchema(
  'CalibrationSchedule',
  json.object({
    parameterCode: json.string({ description: 'a parameter code, or ALL' }),
    everyDays: json.integer(),
    anchorDay: json.day(),
    windowStart: json.string(),
    windowMinutes: json.integer(),
    maxPerDay: json.integer(),
  }),
);

export const INSPECTION_SCHEMA = apiSchema(
  'Inspection',
  json.object({
    id: json.integer(),
    stationId: json.integer(),
    startsAt: json.dateTime(),
    endsAt: json.dateTime(),
    reference: json.nullable(json.string()),
    createdBy: json.nullable(json.string()),
  }),
);

export const DQ_RULE_SCHEMA = apiSchema(
  'DataQualityRule',
  json.object({
    code: ruleCode,
    raiseAfter: json.integer(),
    clearAfter: json.integer(),
    weight: json.integer(),
    enabled: json.boolean(),
    settings: json.record({}),
    evidence: json.oneOf(['V', 'V2', 'U']),
  }),
);
