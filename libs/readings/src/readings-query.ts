import { DomainError, isWaterParameterCode } from '@hp/contracts';

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

export interface RawReadingsQueryParams {
  readonly from?: string;
  readonly to?: string;
  readonly resolution?: string;
  readonly parameter?: string;
  readonly limit?: string;
  readonly fill?: string;
}

/** Validates the query string of GET /stations/:id/readings; every problem names its parameter. */
export function parseReadingsQuery(
  id: string,
  params: RawReadingsQueryParams,
  now = new Date(),
): ReadingsQuery {
  const stationId = parseStationId(id);
  const resolution = (params.resolution ?? 'raw') as Resolution;
  if (!RESOLUTIONS.includes(resolution))
    throw DomainError.invalid('resolution', `must be one of ${RESOLUTIONS.join(', ')}`);
  const to = params.to === undefined ? now : parseTime('to', params.to);
  const from =
    params.from === undefined ? new Date(to.getTime() - DEFAULT_WINDOW_MS) : parseTime('from', params.from);
  if (from >= to) throw DomainError.invalid('from', 'must be earlier than to');
  if (params.parameter !== undefined && !isWaterParameterCode(params.parameter)) {
    throw DomainError.invalid('parameter', `unknown parameter code "${params.parameter}"`);
  }
  let limit = DEFAULT_RAW_LIMIT;
  if (params.limit !== undefined) {
    limit = Number(params.limit);
    if (!/^\d+$/.test(params.limit) || limit < 1 || limit > MAX_RAW_LIMIT) {
      throw DomainError.invalid('limit', `must be an integer from 1 to ${MAX_RAW_LIMIT}`);
    }
  }
  const fill = params.fill === 'true';
  if (params.fill !== undefined && !['true', 'false'].includes(params.fill))
    throw DomainError.invalid('fill', 'must be true or false');
  if (fill && (resolution === 'raw' || params.parameter === undefined)) {
    throw DomainError.invalid('fill', 'needs resolution hour or day and one parameter');
  }
  return { stationId, resolution, from, to, parameter: params.parameter, limit, fill };
}

/** The :id of a /stations/:id/... route. */
export function parseStationId(id: string): number {
  const stationId = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(stationId))
    throw DomainError.invalid('id', `must be a station id (an integer), got "${id}"`);
  return stationId;
}

function parseTime(name: string, value: string): Date {
  const time = new Date(value);
  if (Number.isNaN(time.getTime()))
    throw DomainError.invalid(name, `must be an ISO 8601 time, got "${value}"`);
  return time;
}
