import {
  QuarantineReason,
  statusCodeToValue,
  TelemetryReadingV1,
  WATER_PARAMETERS,
  WaterParameterCode,
} from '@hp/contracts';
import { NewReading } from '@hp/readings';
import { acceptedUnits, unitConverter } from './units';

export interface ReadingRules {
  /** Device timestamps older than now - backfillMs are refused. */
  readonly backfillMs: number;
  /** Device timestamps later than now + futureToleranceMs are refused. */
  readonly futureToleranceMs: number;
}

const BOUNDS = new Map(WATER_PARAMETERS.map((p) => [p.code, p]));

// The readings of a message nearly always share one time: its parse, and the Date rows hold (never
// mutated), are reused while the time text repeats.
let lastTimeText = '';
let lastTimeMs = Number.NaN;
let lastTime = new Date(Number.NaN);

function parseTime(text: string): number {
  if (text !== lastTimeText) {
    lastTimeText = text;
    lastTimeMs = Date.parse(text);
    lastTime = new Date(lastTimeMs);
  }
  return lastTimeMs;
}

/**
 * Checks the meaning of a reading whose shape is already valid: unit (converted to the canonical unit
 * or refused), physically possible value, and a timestamp inside [now - backfill, now + tolerance].
 * Returns the row to store, or the reason it is refused (a code with the values compared).
 */
export function checkReading(
  stationId: number,
  reading: TelemetryReadingV1,
  nowMs: number,
  rules: ReadingRules,
): NewReading | QuarantineReason {
  const parameter = reading.parameter as WaterParameterCode;
  const convert = unitConverter(parameter, reading.unit);
  if (!convert) {
    return {
      code: 'UNIT_NOT_ACCEPTED',
      params: { parameter, unit: reading.unit, accepted: acceptedUnits(parameter).join(', ') },
    };
  }
  const value = convert(reading.value);
  const def = BOUNDS.get(parameter)!;
  if (value < def.physicalMin || (def.physicalMax !== null && value > def.physicalMax)) {
    return {
      code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS',
      params: { parameter, value, min: def.physicalMin, max: def.physicalMax, unit: def.unit },
    };
  }
  const timeMs = parseTime(reading.time);
  if (timeMs > nowMs + rules.futureToleranceMs) {
    return {
      code: 'TIME_IN_FUTURE',
      params: { parameter, time: reading.time, toleranceSeconds: rules.futureToleranceMs / 1000 },
    };
  }
  if (timeMs < nowMs - rules.backfillMs) {
    return {
      code: 'TIME_BEFORE_BACKFILL',
      params: { parameter, time: reading.time, backfillDays: Math.round(rules.backfillMs / 86_400_000) },
    };
  }
  return {
    time: lastTime,
    stationId,
    parameterCode: parameter,
    value,
    status: statusCodeToValue(reading.status),
  };
}

const LOCAL_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of the local day (Asia/Ho_Chi_Minh, UTC+7 all year) of an instant. */
export function localDayNumber(time: Date): number {
  return Math.floor((time.getTime() + LOCAL_OFFSET_MS) / DAY_MS);
}

/** The local day (Asia/Ho_Chi_Minh) of an instant, as 'YYYY-MM-DD'. */
export function localDay(time: Date): string {
  return new Date(localDayNumber(time) * DAY_MS).toISOString().slice(0, 10);
}
