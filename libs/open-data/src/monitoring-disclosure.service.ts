import { Inject, Injectable, Optional } from '@nestjs/common';
import { addDays, DomainError, localDayOf, localIso, WATER_PARAMETER_CODES } from '@hp/contracts';
import { permitLimit, shippedCatalogue, STANDARDS_CATALOGUE, StandardsCatalogue } from '@hp/compliance';
import { PublishedStation, ReadingsReader } from '@hp/readings';
import { DischargePermit, RegistryReader } from '@hp/registry';
import { toCsv } from './csv';

/**
 * Decree 08/2022/ND-CP Art. 102(2)(a) [V2, domain.md 7.2]: continuous automatic monitoring results are
 * kept public for 30 days. Readings older than this are not served.
 */
export const DISCLOSURE_DAYS = 30;
const DAY_MS = 86_400_000;
/** Rows of one page unless the client asks for fewer. */
export const DISCLOSURE_PAGE_ROWS = 5000;
/** Fewest rows of one page a client may ask for. */
export const DISCLOSURE_MIN_PAGE_ROWS = 100;
/** Most rows of one page: a day of 5-minute records of every water parameter is ~3,200. */
export const DISCLOSURE_MAX_PAGE_ROWS = 10_000;

/** A limit as the permit in force states it (exact), or nulls when the permit does not judge the parameter. */
export interface DisclosedLimit {
  readonly parameter: string;
  readonly min: number | null;
  readonly max: number | null;
}

export interface DisclosedStation {
  readonly parkCode: string;
  readonly parkName: string;
  readonly parkNameVi: string | null;
  readonly stationId: number;
  readonly stationCode: string;
  readonly stationName: string;
  readonly stationNameVi: string | null;
  /** The permit in force today (null: none, so nothing is judged). */
  readonly permit: {
    readonly number: string | null;
    readonly standard: string;
    readonly column: string;
  } | null;
  /** The parameters the permit judges, with their limits. */
  readonly limits: readonly DisclosedLimit[];
}

/** One published reading: one row of the JSON and of the CSV. */
export interface DisclosedReading {
  readonly parkCode: string;
  readonly stationCode: string;
  readonly parameter: string;
  readonly value: number;
  readonly unit: string | null;
  /** Local time, ISO 8601 with +07:00. */
  readonly time: string;
  /** Circular 10/2021 status: 00 measuring, 01 calibrating, 02 device error. */
  readonly status: string;
  /** The limit of the permit in force on the reading's local day; null where none is judged. */
  readonly limitMin: number | null;
  readonly limitMax: number | null;
  /** An officer's correction replaced the value or status as received. */
  readonly corrected: boolean;
}

export interface DisclosedReadingsPage {
  readonly station: Omit<DisclosedStation, 'permit' | 'limits'>;
  /** The window served: the one asked for, within the last 30 days. */
  readonly window: { readonly from: string; readonly to: string };
  readonly readings: readonly DisclosedReading[];
  /** Where the window continues when this page is full (null: it is complete). */
  readonly nextFrom: string | null;
}

/** The CSV columns of the published readings: the JSON rows' fields, in their order. */
export const DISCLOSED_READING_COLUMNS: readonly (keyof DisclosedReading & string)[] = [
  'parkCode',
  'stationCode',
  'parameter',
  'value',
  'unit',
  'time',
  'status',
  'limitMin',
  'limitMax',
  'corrected',
];

/** Published readings as CSV: the same rows and values as the JSON, `corrected` as true/false. */
export function disclosedReadingsCsv(readings: readonly DisclosedReading[]): string {
  return toCsv(
    DISCLOSED_READING_COLUMNS,
    readings.map((r) => ({ ...r, corrected: r.corrected ? 'true' : 'false' })),
  );
}

/** Local time as every export writes it (one definition, @hp/contracts). */
export { localIso };

/** The published monitoring results of every active outlet station, with the permit limits in force. */
@Injectable()
export class MonitoringDisclosureService {
  private readonly catalogue: StandardsCatalogue;

  constructor(
    private readonly readingsReader: ReadingsReader,
    private readonly registry: RegistryReader,
    @Optional() @Inject(STANDARDS_CATALOGUE) catalogue: StandardsCatalogue | null,
  ) {
    this.catalogue = catalogue ?? shippedCatalogue();
  }

  async stations(now = new Date()): Promise<DisclosedStation[]> {
    const stations = await this.readingsReader.published.listStations();
    const today = localDayOf(now);
    const permits = await this.registry.permits.listOverlapping(
      stations.map((s) => s.stationId),
      today,
      addDays(today, 1),
    );
    return stations.map((s) => {
      const permit = permits.find((p) => p.stationId === s.stationId) ?? null;
      return {
        ...identity(s),
        permit: permit && {
          number: permit.permitNumber,
          standard: permit.standardVersion,
          column: permit.columnCode,
        },
        limits: permit ? this.judgedLimits(permit) : [],
      };
    });
  }

  /**
   * A station's readings over [from, to) clipped to the last 30 days, oldest first, at most `limit` rows.
   * A full page ends before the last timestamp it reached, so the readings of one instant never straddle
   * two pages; `nextFrom` is where the next page starts.
   */
  async readings(
    stationId: number,
    query: { from?: Date; to?: Date; parameter?: string; limit?: number },
    now = new Date(),
  ): Promise<DisclosedReadingsPage> {
    const station = await this.readingsReader.published.findStation(stationId);
    if (!station)
      throw new DomainError(
        'NOT_FOUND',
        `no active outlet station ${stationId} publishes monitoring results`,
      );
    const oldest = new Date(now.getTime() - DISCLOSURE_DAYS * DAY_MS);
    const from = new Date(Math.max(query.from?.getTime() ?? oldest.getTime(), oldest.getTime()));
    const to = new Date(Math.min(query.to?.getTime() ?? now.getTime(), now.getTime()));
    if (query.from && query.to && query.to <= query.from)
      throw new DomainError('INVALID_ARGUMENT', 'to must be after from');
    const limit = query.limit ?? DISCLOSURE_PAGE_ROWS;
    const rows =
      to > from
        ? await this.readingsReader.published.list(stationId, {
            from,
            to,
            parameter: query.parameter,
            limit: limit + 1,
          })
        : [];
    let nextFrom: Date | null = null;
    if (rows.length > limit) {
      nextFrom = rows[limit - 1].time;
      // One instant holds at most a dozen parameters and a page at least DISCLOSURE_MIN_PAGE_ROWS, so the
      // page keeps the instants before its last one.
      rows.length = rows.findIndex((r) => r.time.getTime() === nextFrom!.getTime());
    }
    const permits = await this.registry.permits.listOverlapping(
      [stationId],
      localDayOf(from),
      addDays(localDayOf(to), 1),
    );
    const limitCache = new Map<string, DisclosedLimit | null>();
    const limitOf = (parameter: string, time: Date): DisclosedLimit | null => {
      const day = localDayOf(time);
      const permit = permits.find(
        (p) => p.effectiveFrom <= day && (p.effectiveTo === null || day < p.effectiveTo),
      );
      if (!permit) return null;
      const key = `${permit.id}|${parameter}`;
      if (!limitCache.has(key)) limitCache.set(key, this.judgedLimit(permit, parameter));
      return limitCache.get(key)!;
    };
    return {
      station: identity(station),
      window: { from: localIso(from), to: localIso(to) },
      readings: rows.map((r) => {
        const limit = limitOf(r.parameterCode, r.time);
        return {
          parkCode: station.parkCode,
          stationCode: station.stationCode,
          parameter: r.parameterCode,
          value: r.value,
          unit: r.unit,
          time: localIso(r.time),
          status: String(r.status).padStart(2, '0'),
          limitMin: limit?.min ?? null,
          limitMax: limit?.max ?? null,
          corrected: r.corrected,
        };
      }),
      nextFrom: nextFrom && localIso(nextFrom),
    };
  }

  private judgedLimits(permit: DischargePermit): DisclosedLimit[] {
    return WATER_PARAMETER_CODES.flatMap((parameter) => {
      const limit = this.judgedLimit(permit, parameter);
      return limit ? [limit] : [];
    });
  }

  /** Only the parameters the permit judges have a limit (others are measured, not judged). */
  private judgedLimit(permit: DischargePermit, parameter: string): DisclosedLimit | null {
    if (!permit.parameters.includes(parameter)) return null;
    const limit = permitLimit(this.catalogue, permit, parameter);
    return limit && (limit.min !== null || limit.max !== null)
      ? { parameter, min: limit.min, max: limit.max }
      : null;
  }
}

function identity(s: PublishedStation): Omit<DisclosedStation, 'permit' | 'limits'> {
  return {
    parkCode: s.parkCode,
    parkName: s.parkName,
    parkNameVi: s.parkNameVi,
    stationId: s.stationId,
    stationCode: s.stationCode,
    stationName: s.stationName,
    stationNameVi: s.stationNameVi,
  };
}
