import { apiSchema, json, PERIOD_SCHEMA, REASON_API_SCHEMA, WATER_PARAMETER_CODES } from '@hp/contracts';
import { PARAMETER_VERDICTS, SET_ASIDE_DECISIONS } from '../storage/compliance.types';
import { PROVISIONAL_FLAG_SCHEMA } from '../kpi/compliance-views.service';

/** The response schemas of the compliance routes (served in OpenAPI; the dashboard's types come from them). */

const DAY_VERDICTS = [...PARAMETER_VERDICTS, 'no_permit'];
const PARK_STATUSES = [
  'met',
  'exceedance',
  'suspected_exceedance',
  'insufficient_data',
  'no_permit',
  'no_operating_plant',
];
/** A reason: a code with its parameters (the dashboard words it through the served message catalogue). */
/** A reason: a code with typed parameters, one schema for every feature (@hp/contracts). */
export const REASON_SCHEMA = REASON_API_SCHEMA;
const reasons = json.array(REASON_SCHEMA);

export const DAY_VERDICT_SCHEMA = apiSchema('DayVerdict', json.oneOf(DAY_VERDICTS));
export const PARK_STATUS_SCHEMA = apiSchema('ParkStatus', json.oneOf(PARK_STATUSES));

export const PARAMETER_LIMIT_SCHEMA = apiSchema(
  'ParameterLimit',
  json.object({
    parameter: json.string(),
    min: json.nullable(json.number()),
    max: json.nullable(json.number()),
    basis: json.string(),
  }),
);

export const STATION_LIMITS_SCHEMA = apiSchema(
  'StationLimits',
  json.object({
    stationId: json.integer(),
    day: json.day(),
    permit: json.nullable(
      apiSchema(
        'LimitsPermit',
        json.object({
          number: json.nullable(json.string()),
          standard: json.string(),
          column: json.string(),
          kq: json.nullable(json.number()),
          kf: json.nullable(json.number()),
          kfSource: json.nullable(json.oneOf(['flow_table', 'explicit'])),
          kfReason: json.nullable(json.string()),
          permittedFlowM3PerDay: json.nullable(json.number()),
          kfBand: json.nullable(
            json.object({
              aboveM3PerDay: json.nullable(json.number()),
              upToM3PerDay: json.nullable(json.number()),
            }),
          ),
        }),
      ),
    ),
    limits: json.array(PARAMETER_LIMIT_SCHEMA),
    notJudged: json.array(
      json.object({ parameter: json.string(), reason: json.oneOf(['NOT_IN_PERMIT', 'NO_LIMIT']) }),
    ),
  }),
);

export const SET_ASIDE_REVIEW_SCHEMA = apiSchema(
  'SetAsideReview',
  json.object({
    id: json.integer(),
    stationId: json.integer(),
    day: json.day(),
    parameterCode: json.string(),
    decision: json.oneOf(SET_ASIDE_DECISIONS),
    setAsideRecords: json.integer(),
    note: json.string(),
    reviewer: json.string(),
    reviewedAt: json.dateTime(),
  }),
);

export const PARAMETER_DAY_SCHEMA = apiSchema(
  'ParameterDay',
  json.object({
    stationId: json.integer(),
    day: json.day(),
    parameterCode: json.oneOf(WATER_PARAMETER_CODES),
    permitId: json.integer(),
    limitMin: json.nullable(json.number()),
    limitMax: json.nullable(json.number()),
    cadenceSeconds: json.nullable(
      json.integer({ description: 'the measurement cadence the day was judged by' }),
    ),
    expectedRecords: json.integer(),
    totalRecords: json.integer(),
    validRecords: json.integer(),
    capture: json.number(),
    meanValue: json.nullable(json.number()),
    maxValue: json.nullable(json.number()),
    minValue: json.nullable(json.number()),
    hourWindowsValid: json.integer(),
    hourExceedances: json.integer(),
    dayWindowValid: json.boolean(),
    dayExceedance: json.boolean(),
    verdict: json.oneOf(PARAMETER_VERDICTS),
    flatlineRecords: json.nullable(
      json.integer({ description: 'the flat-line run length the day was screened with (0: none)' }),
    ),
    setAsideRecords: json.integer({ description: 'readings the flat-line screen set aside' }),
    setAsideMax: json.nullable(json.number()),
    setAsideMin: json.nullable(json.number()),
    setAsideBeyondLimit: json.boolean(),
    reviewDecision: json.nullable(json.oneOf(SET_ASIDE_DECISIONS)),
  }),
);

export const DAY_WARNING_SCHEMA = apiSchema(
  'DayWarning',
  json.object({
    code: json.string({ example: 'FLOW_OUTSIDE_KF_BAND' }),
    params: json.record({ nullable: true, oneOf: [json.string(), json.number(), json.boolean()] }),
  }),
);

const DATA_VERSION = {
  corrections: json.integer(),
  lastCorrectionId: json.nullable(json.integer()),
};

/** A station's judged day, as stored (the review route answers it). */
const STATION_DAY_PROPERTIES = {
  stationId: json.integer(),
  day: json.day(),
  permitId: json.nullable(json.integer()),
  verdict: DAY_VERDICT_SCHEMA,
  reasons,
  warnings: json.array(DAY_WARNING_SCHEMA),
  provisional: json.boolean(),
  judgedUntil: json.nullable(json.dateTime()),
};

export const JUDGED_DAY_SCHEMA = apiSchema(
  'JudgedStationDay',
  json.object({ ...STATION_DAY_PROPERTIES, dataVersion: json.object(DATA_VERSION) }, [
    'warnings',
    'dataVersion',
    'provisional',
    'judgedUntil',
  ]),
);

export const STATION_DAY_SCHEMA = apiSchema(
  'StationDay',
  json.object(
    {
      ...STATION_DAY_PROPERTIES,
      dataVersion: json.object({
        ...DATA_VERSION,
        computedAt: json.dateTime(),
        latest: json.object(DATA_VERSION),
        stale: json.boolean(),
      }),
      parameters: json.array(PARAMETER_DAY_SCHEMA),
      setAsideReviews: json.array(SET_ASIDE_REVIEW_SCHEMA),
    },
    ['warnings', 'provisional', 'judgedUntil'],
  ),
);

export const STATION_DAILY_SCHEMA = apiSchema(
  'StationDaily',
  json.object({
    stationId: json.integer(),
    from: json.day(),
    to: json.day(),
    days: json.array(STATION_DAY_SCHEMA),
  }),
);

export const SET_ASIDE_REVIEW_RESULT_SCHEMA = apiSchema(
  'SetAsideReviewResult',
  json.object({ review: SET_ASIDE_REVIEW_SCHEMA, day: JUDGED_DAY_SCHEMA }),
);

const RECENT_PROBLEM = json.object({ day: json.day(), verdict: DAY_VERDICT_SCHEMA, reasons });

export const STATION_PERIOD_SCHEMA = apiSchema(
  'StationPeriod',
  json.object({
    stationId: json.integer(),
    stationCode: json.string(),
    plantCode: json.string(),
    days: json.integer(),
    compliantDays: json.integer(),
    exceedanceDays: json.integer(),
    insufficientDays: json.integer(),
    suspectedDays: json.integer(),
    noPermitDays: json.integer(),
    missingDays: json.integer(),
    provisionalDays: json.integer(),
    provisional: json.boolean(),
    recentProblems: json.array(RECENT_PROBLEM),
  }),
);

export const PARK_PERIOD_SCHEMA = apiSchema(
  'ParkPeriod',
  json.object({
    parkCode: json.string(),
    parkName: json.string(),
    operating: json.boolean(),
    hasOperatingPlant: json.boolean(),
    status: PARK_STATUS_SCHEMA,
    minCompliantDayShare: json.number(),
    provisional: PROVISIONAL_FLAG_SCHEMA,
    reasons,
    stations: json.array(STATION_PERIOD_SCHEMA),
  }),
);

export const COMPLIANCE_KPI_SCHEMA = apiSchema(
  'ComplianceKpi',
  json.object({
    period: PERIOD_SCHEMA,
    daysJudged: json.integer(),
    operatingParks: json.integer(),
    parksMeetingStandard: json.integer(),
    share: json.nullable(json.number()),
    target: json.object({ share: json.number(), by: json.day() }),
    provisional: PROVISIONAL_FLAG_SCHEMA,
    notMeeting: json.array(
      json.object({
        parkCode: json.string(),
        parkName: json.string(),
        status: PARK_STATUS_SCHEMA,
        provisional: PROVISIONAL_FLAG_SCHEMA,
        reasons,
      }),
    ),
    monthlyTrend: json.array(
      json.object({
        month: json.string({ example: '2026-10' }),
        operatingParks: json.integer(),
        parksMeetingStandard: json.integer(),
        share: json.nullable(json.number()),
      }),
    ),
  }),
);
