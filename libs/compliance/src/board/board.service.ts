import { Injectable } from '@nestjs/common';
import {
  addDays,
  DomainError,
  localDayOf,
  localDayStart,
  statusValueToCode,
  WATER_PARAMETER_CODES,
  WATER_PARAMETERS,
} from '@hp/contracts';
import { LatestReading, ReadingsReader } from '@hp/readings';
import { DischargePermit, RegistryReader } from '@hp/registry';
import { PermitLimitsService } from '../kpi/permit-limits.service';
import { ComplianceReader } from '../storage/compliance-reader';
import { StationDayVerdict } from '../storage/compliance.types';
import {
  ageSeconds,
  BoardLimit,
  expectedRecords,
  LinkState,
  linkState,
  rate,
  ValueState,
  valueState,
} from './board-state';

/** A parameter a station sent within this long is found by one range scan; older ones by one probe each. */
const RECENT_SECONDS = 3600;
/** How far back the board looks for a parameter's last value (older: no value, stale). */
export const BOARD_LOOKBACK_DAYS = 7;
/** The longest period of one transmission request. */
export const MAX_TRANSMISSION_DAYS = 92;

const UNITS = new Map(WATER_PARAMETERS.map((p) => [p.code as string, p.unit]));
const ORDER = new Map(WATER_PARAMETER_CODES.map((code, i) => [code as string, i]));
const byCode = (a: string, b: string) => (ORDER.get(a) ?? 99) - (ORDER.get(b) ?? 99) || a.localeCompare(b);

export interface BoardParameter {
  parameter: string;
  unit: string | null;
  value: number | null;
  /** Circular 10/2021 status of the value ('00' measuring). */
  status: string | null;
  time: string | null;
  ageSeconds: number | null;
  cadenceSeconds: number;
  /** The permit's limit in force today (min for pH); null: the permit sets none. */
  limit: BoardLimit | null;
  state: ValueState;
}

export interface BoardStation {
  stationId: number;
  stationCode: string;
  stationName: string;
  parkCode: string;
  kind: string;
  link: {
    state: LinkState;
    lastMessageAt: string | null;
    ageSeconds: number | null;
    expectedIntervalSeconds: number;
  };
  /** The station's devices and their last presence (MQTT birth / last will). */
  devices: { code: string; online: boolean | null; presenceAt: string | null }[];
  permit: { id: number; number: string | null } | null;
  /** Today's verdict so far (null: not judged yet). */
  today: { day: string; verdict: StationDayVerdict | null; provisional: boolean | null };
  parameters: BoardParameter[];
}

export interface TransmissionParameter {
  parameter: string;
  cadenceSeconds: number;
  expected: number;
  received: number;
  valid: number;
  /** received / expected (null: nothing expected), and the same of status-00 records. */
  rate: number | null;
  validRate: number | null;
  /** Valid hourly means over the limit, on the judged days of the period. */
  hourExceedances: number;
  exceedanceDays: number;
  suspectedDays: number;
  judgedDays: number;
}

export interface StationTransmission {
  stationId: number;
  stationCode: string;
  parkCode: string;
  from: string;
  to: string;
  /** The end the counts run to: the period's end, or now while it is under way. */
  countedUntil: string;
  /** Over every listed parameter. */
  expected: number;
  received: number;
  rate: number | null;
  /** Station-days of the period judged an exceedance, a suspected one, at all. */
  exceedanceDays: number;
  suspectedDays: number;
  judgedDays: number;
  parameters: TransmissionParameter[];
}

interface StationRow {
  id: number;
  code: string;
  name: string;
  parkCode: string;
  kind: string;
  expectedIntervalSeconds: number;
}

/** The permit of each station in force on `day` (the latest starting on or before it). */
function permitsOn(permits: readonly DischargePermit[], day: string): Map<number, DischargePermit> {
  const out = new Map<number, DischargePermit>();
  for (const p of permits)
    if (p.effectiveFrom <= day && (p.effectiveTo === null || p.effectiveTo > day)) {
      const known = out.get(p.stationId);
      if (!known || known.effectiveFrom < p.effectiveFrom) out.set(p.stationId, p);
    }
  return out;
}

/**
 * The live operations board: every station's latest values against its permit, its link and today's verdict;
 * transmission rates and exceedance counts over a period. One query per concern for all stations at once,
 * through the owners' readers (registry, readings, compliance).
 */
@Injectable()
export class BoardService {
  constructor(
    private readonly registry: RegistryReader,
    private readonly readings: ReadingsReader,
    private readonly compliance: ComplianceReader,
    private readonly limits: PermitLimitsService,
  ) {}

  /** Active stations (or all), by park and code. */
  private async stations(withInactive = false): Promise<StationRow[]> {
    const [stations, refs] = await Promise.all([
      this.registry.stations.list(),
      this.registry.stations.listRefs(),
    ]);
    const byId = new Map(stations.map((s) => [s.id, s]));
    return refs
      .filter((r) => (withInactive || r.active) && byId.has(r.id))
      .map((r) => {
        const s = byId.get(r.id)!;
        return {
          id: r.id,
          code: r.code,
          name: s.name,
          parkCode: r.parkCode,
          kind: s.kind,
          expectedIntervalSeconds: s.expectedIntervalSeconds,
        };
      });
  }

  private async station(stationId: number): Promise<StationRow> {
    const station = (await this.stations(true)).find((s) => s.id === stationId);
    if (!station) throw DomainError.notFound('station', stationId);
    return station;
  }

  async latest(now = new Date()): Promise<BoardStation[]> {
    const stations = await this.stations();
    const ids = stations.map((s) => s.id);
    const today = localDayOf(now);
    const [permits, cadences, lastTimes, verdicts, devices] = await Promise.all([
      this.registry.permits.listOverlapping(ids, today, addDays(today, 1)),
      this.registry.cadences.forStations(ids, WATER_PARAMETER_CODES),
      this.readings.readings.lastMessageTimes(ids, now),
      this.compliance.stationDays.verdicts(ids, today, addDays(today, 1)),
      this.registry.devices.listPresence(),
    ]);
    const permitOf = permitsOn(permits, today);
    const expected = [...permitOf.values()].flatMap((p) =>
      p.parameters.map((parameterCode) => ({ stationId: p.stationId, parameterCode })),
    );
    const latest = await this.readings.readings.latestValues(ids, expected, {
      asOf: now,
      recentSeconds: RECENT_SECONDS,
      since: new Date(now.getTime() - BOARD_LOOKBACK_DAYS * 86_400_000),
    });
    const latestOf = new Map<number, Map<string, LatestReading>>();
    for (const r of latest) {
      const of = latestOf.get(r.stationId) ?? new Map<string, LatestReading>();
      of.set(r.parameterCode, r);
      latestOf.set(r.stationId, of);
    }
    const verdictOf = new Map(verdicts.map((v) => [v.stationId, v]));

    return stations.map((s) => {
      const permit = permitOf.get(s.id) ?? null;
      const judged = permit ? this.limits.judged(permit).limits : [];
      const limitOf = new Map(judged.map((l) => [l.parameter, { min: l.min, max: l.max }]));
      const values = latestOf.get(s.id) ?? new Map<string, LatestReading>();
      const codes = [...new Set([...(permit?.parameters ?? []), ...values.keys()])].sort(byCode);
      const last = lastTimes.get(s.id) ?? null;
      const verdict = verdictOf.get(s.id);
      return {
        stationId: s.id,
        stationCode: s.code,
        stationName: s.name,
        parkCode: s.parkCode,
        kind: s.kind,
        link: {
          state: linkState(last, s.expectedIntervalSeconds, now),
          lastMessageAt: last?.toISOString() ?? null,
          ageSeconds: last ? ageSeconds(last, now) : null,
          expectedIntervalSeconds: s.expectedIntervalSeconds,
        },
        devices: devices
          .filter((d) => d.stationId === s.id)
          .map((d) => ({ code: d.code, online: d.online, presenceAt: d.presenceAt?.toISOString() ?? null })),
        permit: permit ? { id: permit.id, number: permit.permitNumber } : null,
        today: {
          day: today,
          verdict: verdict?.verdict ?? null,
          provisional: verdict ? (verdict.provisional ?? false) : null,
        },
        parameters: codes.map((code) => {
          const reading = values.get(code) ?? null;
          const cadenceSeconds = cadences.get(s.id)?.get(code) ?? s.expectedIntervalSeconds;
          const limit = limitOf.get(code) ?? null;
          return {
            parameter: code,
            unit: UNITS.get(code) ?? null,
            value: reading?.value ?? null,
            status: reading ? statusValueToCode(reading.status) : null,
            time: reading?.time.toISOString() ?? null,
            ageSeconds: reading ? ageSeconds(reading.time, now) : null,
            cadenceSeconds,
            limit,
            state: valueState(reading, limit, cadenceSeconds, now),
          };
        }),
      };
    });
  }

  /** One station's transmission and exceedances over local days [fromDay, toDay). */
  async stationTransmission(
    stationId: number,
    fromDay: string,
    toDay: string,
    now = new Date(),
  ): Promise<StationTransmission> {
    const station = await this.station(stationId);
    return (await this.transmissionOf([station], fromDay, toDay, now))[0];
  }

  /** Every active station's transmission and exceedances over local days [fromDay, toDay). */
  async transmission(fromDay: string, toDay: string, now = new Date()): Promise<StationTransmission[]> {
    return this.transmissionOf(await this.stations(), fromDay, toDay, now);
  }

  private async transmissionOf(
    stations: readonly StationRow[],
    fromDay: string,
    toDay: string,
    now: Date,
  ): Promise<StationTransmission[]> {
    const ids = stations.map((s) => s.id);
    const from = localDayStart(fromDay);
    const end = localDayStart(toDay);
    const until = end < now ? end : now < from ? from : now;
    const seconds = (until.getTime() - from.getTime()) / 1000;
    const [counts, cadences, permits, exceedances, summaries] = await Promise.all([
      this.readings.readings.receivedCounts(ids, { from, to: until }),
      this.registry.cadences.forStations(ids, WATER_PARAMETER_CODES),
      this.registry.permits.listOverlapping(ids, fromDay, toDay),
      this.compliance.parameterDays.exceedanceCounts(ids, fromDay, toDay),
      this.compliance.stationDays.summarize(ids, fromDay, toDay),
    ]);
    const keyed = <T extends { stationId: number; parameterCode: string }>(rows: readonly T[]) =>
      new Map(rows.map((r) => [`${r.stationId}|${r.parameterCode}`, r]));
    const countOf = keyed(counts);
    const exceedanceOf = keyed(exceedances);
    const summaryOf = new Map(summaries.map((s) => [s.stationId, s]));

    return stations.map((s) => {
      const codes = new Set<string>();
      for (const p of permits) if (p.stationId === s.id) p.parameters.forEach((c) => codes.add(c));
      for (const c of counts) if (c.stationId === s.id) codes.add(c.parameterCode);
      for (const e of exceedances) if (e.stationId === s.id) codes.add(e.parameterCode);
      const parameters = [...codes].sort(byCode).map((code): TransmissionParameter => {
        const cadenceSeconds = cadences.get(s.id)?.get(code) ?? s.expectedIntervalSeconds;
        const expected = expectedRecords(seconds, cadenceSeconds);
        const count = countOf.get(`${s.id}|${code}`);
        const exceedance = exceedanceOf.get(`${s.id}|${code}`);
        const received = count?.total ?? 0;
        const valid = count?.valid ?? 0;
        return {
          parameter: code,
          cadenceSeconds,
          expected,
          received,
          valid,
          rate: rate(received, expected),
          validRate: rate(valid, expected),
          hourExceedances: exceedance?.hourExceedances ?? 0,
          exceedanceDays: exceedance?.exceedanceDays ?? 0,
          suspectedDays: exceedance?.suspectedDays ?? 0,
          judgedDays: exceedance?.judgedDays ?? 0,
        };
      });
      const expected = parameters.reduce((n, p) => n + p.expected, 0);
      const received = parameters.reduce((n, p) => n + p.received, 0);
      const summary = summaryOf.get(s.id);
      return {
        stationId: s.id,
        stationCode: s.code,
        parkCode: s.parkCode,
        from: fromDay,
        to: toDay,
        countedUntil: until.toISOString(),
        expected,
        received,
        rate: rate(received, expected),
        exceedanceDays: summary?.exceedanceDays ?? 0,
        suspectedDays: summary?.suspectedDays ?? 0,
        judgedDays: summary
          ? summary.compliantDays +
            summary.exceedanceDays +
            summary.insufficientDays +
            summary.suspectedDays +
            summary.noPermitDays
          : 0,
        parameters,
      };
    });
  }
}
