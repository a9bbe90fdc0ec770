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
    from: input.instant('ISO 8601 with zone; default: 24 h before `to`'),
    to: input.instant('ISO 8601 with zone, exclusive; default: now'),
    resolution: input.oneOf(RESOLUTIONS, 'default raw'),
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
  readonly resolution?: Resolution;
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
  const resolution = params.resolution ?? 'raw';
  const to = params.to ?? now;
  const from = params.from ?? new Date(to.getTime() - DEFAULT_WINDOW_MS);
  if (from >= to) throw DomainError.invalid('from', 'must be earlier than to');
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
