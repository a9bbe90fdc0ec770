import {
  DomainError,
  input,
  isWaterParameterCode,
  RequestShape,
  WATER_PARAMETER_CODES,
  WaterParameterCode,
} from '@hp/contracts';

export const RESOLUTIONS = ['raw', 'hour', 'day'] as const;
export type Resolution = (typeof RESOLUTIONS)[number];
/** What a request may ask for: a resolution, or `auto` (chosen by the span, see resolutionForSpan). */
export const RESOLUTION_CHOICES = [...RESOLUTIONS, 'auto'] as const;
export type ResolutionChoice = (typeof RESOLUTION_CHOICES)[number];

/** The longest [from, to) one request (or export) may span. */
export const MAX_SPAN_DAYS = 92;
const DAY_MS = 86_400_000;

/**
 * The resolution `auto` picks: raw readings up to 2 days (at most ~576 records a parameter), hourly means up
 * to 31 days (744 points), local-day means beyond: a chart never gets more points than it can draw.
 */
export function resolutionForSpan(from: Date, to: Date): Resolution {
  const days = (to.getTime() - from.getTime()) / DAY_MS;
  return days <= 2 ? 'raw' : days <= 31 ? 'hour' : 'day';
}

/**
 * The [from, to) of a request, defaults applied (to: now; from: 24 h before to): to after from, at most
 * MAX_SPAN_DAYS apart; each problem names its field.
 */
export function readingsSpan(params: { from?: Date; to?: Date }, now: Date): { from: Date; to: Date } {
  const to = params.to ?? now;
  const from = params.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (from >= to) throw DomainError.invalid('from', 'must be earlier than to');
  if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS)
    throw DomainError.invalid('to', `must be at most ${MAX_SPAN_DAYS} days after from`);
  return { from, to };
}

/** The time range parameters of the readings routes. */
export const READINGS_SPAN_INPUT = {
  from: input.instant('ISO 8601 with zone; default: 24 h before `to`'),
  to: input.instant(`ISO 8601 with zone, exclusive; default: now; at most ${MAX_SPAN_DAYS} days after from`),
};

export const DEFAULT_WINDOW_MS = 24 * 3600_000;
export const DEFAULT_RAW_LIMIT = 1000;
export const MAX_RAW_LIMIT = 10_000;

export interface ReadingsQuery {
  readonly stationId: number;
  readonly resolution: Resolution;
  readonly from: Date;
  readonly to: Date;
  readonly parameter: string | undefined;
  readonly limit: number;
  /** Buckets without data are returned as empty (hour/day, one parameter). */
  readonly fill: boolean;
}

/** The parameters of GET /stations/:id/readings, each in its one accepted form (see @hp/contracts input). */
export const READINGS_INPUT = {
  path: { id: input.id('station id') },
  query: {
    ...READINGS_SPAN_INPUT,
    resolution: input.oneOf(
      RESOLUTION_CHOICES,
      'default raw; auto: raw up to 2 days, hour up to 31, day beyond',
    ),
    parameter: input.custom(
      { type: 'string', enum: WATER_PARAMETER_CODES },
      waterParameter,
      'Circular 10/2021 code, e.g. COD',
    ),
    limit: input.integer(1, MAX_RAW_LIMIT, `raw only; default ${DEFAULT_RAW_LIMIT}`),
    fill: input.boolean('hour/day with one parameter: include empty buckets'),
  },
} satisfies RequestShape;

/** The query of GET /stations/:id/readings as READINGS_INPUT parsed it (absent: undefined). */
export interface ReadingsQueryParams {
  readonly from?: Date;
  readonly to?: Date;
  readonly resolution?: ResolutionChoice;
  readonly parameter?: WaterParameterCode;
  readonly limit?: number;
  readonly fill?: boolean;
}

/** Applies the defaults and the rules between parameters; every problem names its parameter. */
export function parseReadingsQuery(
  stationId: number,
  params: ReadingsQueryParams,
  now = new Date(),
): ReadingsQuery {
  const { from, to } = readingsSpan(params, now);
  const choice = params.resolution ?? 'raw';
  const resolution = choice === 'auto' ? resolutionForSpan(from, to) : choice;
  const limit = params.limit ?? DEFAULT_RAW_LIMIT;
  const fill = params.fill ?? false;
  if (fill && (resolution === 'raw' || params.parameter === undefined)) {
    throw DomainError.invalid('fill', 'needs resolution hour or day and one parameter');
  }
  return { stationId, resolution, from, to, parameter: params.parameter, limit, fill };
}

/** A Circular 10/2021 parameter code, exactly as listed (e.g. `pH`, `COD`). */
export function waterParameter(name: string, text: string): WaterParameterCode {
  if (!isWaterParameterCode(text))
    throw DomainError.invalid(name, `unknown parameter code ${JSON.stringify(text)}`);
  return text;
}
