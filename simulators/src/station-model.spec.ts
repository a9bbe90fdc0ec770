import { parseTelemetryPayload, TelemetryReadingV1 } from '@hp/contracts';
import { DEFAULT_FAULT_CONFIG, FaultConfigOverrides, NO_FAULTS, resolveFaultConfig } from './fault-config';
import { createStationModel, StationModel, StationSpec } from './station-model';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Monday 2 March 2026, 00:00 Hai Phong time. */
const MONDAY = Date.parse('2026-03-02T00:00:00+07:00');

const spec = (stationCode = 'SIM-P01-OUT', seed = 20230): StationSpec => ({
  parkCode: 'SIM-P01',
  stationCode,
  designCapacityM3PerDay: null,
  seed,
});

const run = (model: StationModel, from: number, durationMs: number) =>
  model.readingsBetween(from, from + durationMs);
const of = (readings: TelemetryReadingV1[], parameter: string, status?: string) =>
  readings.filter((r) => r.parameter === parameter && (status === undefined || r.status === status));
const localHour = (r: TelemetryReadingV1) => Number(r.time.slice(11, 13));
const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The runs of consecutive equal values. */
function runs<T>(values: readonly T[]): { value: T; length: number }[] {
  const found: { value: T; length: number }[] = [];
  values.forEach((value, i) => {
    if (i > 0 && value === values[i - 1]) found[found.length - 1].length++;
    else found.push({ value, length: 1 });
  });
  return found;
}
const longestRun = (values: readonly unknown[]) => Math.max(...runs(values).map((r) => r.length));

describe('StationModel', () => {
  describe('determinism', () => {
    it('gives byte-identical output for the same seed and clock, however the clock is sliced', () => {
      const whole = JSON.stringify(run(createStationModel(spec()), MONDAY, DAY));
      const hourly = createStationModel(spec());
      const sliced: TelemetryReadingV1[] = [];
      for (let h = 23; h >= 0; h--) sliced.unshift(...run(hourly, MONDAY + h * HOUR, HOUR)); // even backwards
      expect(JSON.stringify(sliced)).toBe(whole);
      expect(whole).toBe(JSON.stringify(run(createStationModel(spec()), MONDAY, DAY)));
    });

    it('gives each station code and each seed its own stream', () => {
      const day = (s: StationSpec) =>
        JSON.stringify(run(createStationModel(s), MONDAY, DAY).map((r) => r.value));
      const base = day(spec());
      expect(day(spec('SIM-P02-OUT'))).not.toBe(base);
      expect(day(spec('SIM-P01-OUT', 20231))).not.toBe(base);
    });

    it('takes a given design capacity and otherwise draws one from 1,500-10,000 m3/d', () => {
      expect(
        createStationModel({ ...spec(), designCapacityM3PerDay: 4200 }).traits.designCapacityM3PerDay,
      ).toBe(4200);
      for (let seed = 0; seed < 20; seed++) {
        const capacity = createStationModel(spec('X', seed)).traits.designCapacityM3PerDay;
        expect(capacity).toBeGreaterThanOrEqual(1500);
        expect(capacity).toBeLessThanOrEqual(10000);
      }
    });
  });

  describe('cadences', () => {
    const day = run(createStationModel(spec(), { faults: NO_FAULTS }), MONDAY, DAY);
    const gaps = (parameter: string) => {
      const times = of(day, parameter).map((r) => Date.parse(r.time));
      return new Set(times.slice(1).map((t, i) => (t - times[i]) / MINUTE));
    };

    it('samples Flow, Temp, pH and TSS every 5-minute tick', () => {
      for (const parameter of ['Flow', 'Temp', 'pH', 'TSS']) {
        expect(of(day, parameter)).toHaveLength(288);
        expect(gaps(parameter)).toEqual(new Set([5]));
        const values = of(day, parameter).map((r) => r.value);
        expect(longestRun(values)).toBeLessThan(4); // continuous instruments move every tick
      }
    });

    it('publishes COD only on each new 15-minute result and NH4 on each 30-minute result', () => {
      expect(of(day, 'COD')).toHaveLength(96);
      expect(gaps('COD')).toEqual(new Set([15]));
      expect(of(day, 'NH4')).toHaveLength(48);
      expect(gaps('NH4')).toEqual(new Set([30]));
      expect(of(day, 'NH4').every((r) => ['00', '30'].includes(r.time.slice(14, 16)))).toBe(true);
    });

    it('stamps local time with the +07:00 offset and rejects instants off the sample grid', () => {
      expect(day[0].time).toBe('2026-03-02T00:00:00+07:00');
      const model = createStationModel(spec());
      expect(() => model.readingsAt(MONDAY + MINUTE)).toThrow(RangeError);
      expect(() => createStationModel(spec(), { tickMinutes: 7 })).toThrow(/tickMinutes/);
    });
  });

  describe('a simulated week with the default faults', () => {
    const week = ['SIM-P01-OUT', 'SIM-P02-OUT', 'SIM-P03-OUT'].map((code) =>
      run(createStationModel(spec(code)), MONDAY, 7 * DAY),
    );
    const all = week.flat();

    it('passes the telemetry contract, 100 readings a message', () => {
      for (let i = 0; i < all.length; i += 100) {
        const result = parseTelemetryPayload(
          Buffer.from(JSON.stringify({ readings: all.slice(i, i + 100) })),
        );
        expect(result).toMatchObject({ ok: true, rejected: [] });
      }
    });

    it('stays mostly within the good-operation effluent ranges, with some COD exceedances over column B', () => {
      const good: Record<string, [number, number]> = {
        pH: [6.5, 8],
        COD: [20, 70],
        TSS: [5, 40],
        NH4: [0.5, 6],
      };
      for (const [parameter, [min, max]] of Object.entries(good)) {
        const values = of(all, parameter, '00').map((r) => r.value);
        const inside = values.filter((v) => v >= min && v <= max).length;
        expect(inside / values.length).toBeGreaterThan(0.95);
      }
      const temps = of(all, 'Temp', '00').map((r) => r.value);
      expect(Math.min(...temps)).toBeGreaterThan(18);
      expect(Math.max(...temps)).toBeLessThan(36);
      const exceedances = of(all, 'COD', '00').filter((r) => r.value > 150);
      expect(exceedances.length).toBeGreaterThan(0);
      expect(exceedances.length / of(all, 'COD', '00').length).toBeLessThan(0.02);
    });

    it('keeps flow within 30-90 % of design capacity', () => {
      ['SIM-P01-OUT', 'SIM-P02-OUT', 'SIM-P03-OUT'].forEach((code, i) => {
        const hourly = createStationModel(spec(code)).traits.designCapacityM3PerDay / 24;
        const flows = of(week[i], 'Flow', '00').map((r) => r.value / hourly);
        expect(Math.min(...flows)).toBeGreaterThanOrEqual(0.3 - 0.001);
        expect(Math.max(...flows)).toBeLessThanOrEqual(0.9 + 0.001);
      });
    });

    it('calibrates pH daily for 15-30 min in working hours, and COD and NH4 weekly for 30-60 min (status 01)', () => {
      for (const readings of week) {
        for (let d = 0; d < 7; d++) {
          const date = new Date(MONDAY + d * DAY + 7 * HOUR).toISOString().slice(0, 10);
          const calibrating = of(readings, 'pH', '01').filter((r) => r.time.startsWith(date));
          expect(calibrating.length).toBeGreaterThanOrEqual(3);
          expect(calibrating.length).toBeLessThanOrEqual(6);
          expect(
            calibrating.every((r) => localHour(r) >= 8 && localHour(r) < 17 && Math.abs(r.value - 7) < 0.2),
          ).toBe(true);
        }
        const codDays = new Set(of(readings, 'COD', '01').map((r) => r.time.slice(0, 10)));
        expect(codDays.size).toBe(1);
        expect(of(readings, 'COD', '01').length).toBeGreaterThanOrEqual(2);
        expect(of(readings, 'COD', '01').length).toBeLessThanOrEqual(4);
        expect(new Set(of(readings, 'NH4', '01').map((r) => r.time.slice(0, 10))).size).toBe(1);
      }
    });

    it('fills each local day to at least 75 % of the records expected at the default cadences, with status 00', () => {
      // The registered defaults (migration 0018): 5 min Flow/Temp/pH/TSS, 15 min COD, 30 min NH4.
      const expected: Record<string, number> = { Flow: 288, Temp: 288, pH: 288, TSS: 288, COD: 96, NH4: 48 };
      for (const readings of week) {
        for (let d = 0; d < 7; d++) {
          const date = new Date(MONDAY + d * DAY + 7 * HOUR).toISOString().slice(0, 10);
          for (const [parameter, count] of Object.entries(expected)) {
            const valid = of(readings, parameter, '00').filter((r) => r.time.startsWith(date));
            expect(valid.length).toBeLessThanOrEqual(count);
            expect(valid.length / count).toBeGreaterThanOrEqual(0.75);
          }
        }
      }
    });
  });

  describe('faults', () => {
    const faulty = (faults: FaultConfigOverrides, days = 3) =>
      run(createStationModel(spec(), { faults: { ...NO_FAULTS, ...faults } }), MONDAY, days * DAY);

    it('reports device errors as status 02 with value 0, lasting hours', () => {
      const readings = faulty({ deviceError: { perChannelPerDay: 1, minHours: 2, maxHours: 4 } });
      for (const parameter of ['Flow', 'Temp', 'pH', 'TSS', 'COD', 'NH4']) {
        const errors = of(readings, parameter, '02');
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.every((r) => r.value === 0)).toBe(true);
      }
      const errorRuns = runs(of(readings, 'pH').map((r) => r.status))
        .slice(1, -1) // the first and last runs may be cut by the simulated period
        .filter((r) => r.value === '02');
      expect(errorRuns.length).toBeGreaterThan(0);
      expect(Math.min(...errorRuns.map((r) => r.length))).toBeGreaterThanOrEqual(24); // >= 2 h of 5-minute samples
    });

    it('flat-lines a channel for N identical consecutive values with status 00', () => {
      const readings = faulty({ flatline: { perChannelPerDay: 1, minCycles: 8, maxCycles: 8 } }, 1);
      for (const parameter of ['Flow', 'pH', 'COD', 'NH4']) {
        const values = of(readings, parameter).map((r) => r.value);
        expect(longestRun(values)).toBeGreaterThanOrEqual(8);
        expect(of(readings, parameter).every((r) => r.status === '00')).toBe(true);
      }
    });

    it('drifts linearly between calibrations and starts again from zero after each', () => {
      const calibration = DEFAULT_FAULT_CONFIG.calibration;
      const drifting = faulty(
        { calibration, drift: { probability: 1, minPercentSpanPerWeek: 3, maxPercentSpanPerWeek: 3 } },
        15,
      );
      const clean = faulty({ calibration }, 15);
      const cleanCod = of(clean, 'COD');
      const offsets = of(drifting, 'COD').map((r, i) => ({ ...r, offset: r.value - cleanCod[i].value }));
      const ends = offsets.flatMap((r, i) =>
        r.status === '01' && offsets[i + 1]?.status === '00' ? [i + 1] : [],
      );
      expect(ends.length).toBe(2); // two weekly calibrations in 15 days
      const [afterFirst, afterSecond] = ends;
      expect(Math.abs(offsets[afterFirst].offset)).toBeLessThan(0.5); // reset at calibration
      const beforeSecond = offsets.slice(afterFirst, afterSecond).filter((r) => r.status === '00');
      // 3 % of the 0-500 mg/L span per week, accumulated over the week between calibrations
      expect(Math.abs(beforeSecond[beforeSecond.length - 1].offset)).toBeGreaterThan(12);
      expect(Math.abs(beforeSecond[Math.floor(beforeSecond.length / 2)].offset)).toBeGreaterThan(6);
      expect(Math.abs(beforeSecond[Math.floor(beforeSecond.length / 2)].offset)).toBeLessThan(9);
      expect(Math.abs(offsets[afterSecond].offset)).toBeLessThan(0.5);
    });

    it('rejects a rate that is not a probability', () => {
      expect(() => resolveFaultConfig({ flatline: { perChannelPerDay: 2 } })).toThrow(
        /flatline.perChannelPerDay/,
      );
      expect(() =>
        createStationModel(spec(), { faults: { deviceError: { minHours: 5, maxHours: 1 } } }),
      ).toThrow(/deviceError/);
    });
  });

  describe('flow', () => {
    const fortnight = ['SIM-P01-OUT', 'SIM-P02-OUT', 'SIM-P03-OUT', 'SIM-P04-OUT'].map((code) =>
      of(run(createStationModel(spec(code), { faults: NO_FAULTS }), MONDAY, 14 * DAY), 'Flow'),
    );
    const weekday = (r: TelemetryReadingV1) => new Date(Date.parse(r.time) + 7 * HOUR).getUTCDay();

    it('is higher in the working day than at night', () => {
      for (const flow of fortnight) {
        const weekdays = flow.filter((r) => weekday(r) >= 1 && weekday(r) <= 5);
        const day = weekdays.filter((r) => localHour(r) >= 9 && localHour(r) < 17).map((r) => r.value);
        const night = weekdays.filter((r) => localHour(r) < 5).map((r) => r.value);
        expect(mean(day)).toBeGreaterThan(mean(night));
      }
    });

    it('is lower at weekends than on weekdays', () => {
      for (const flow of fortnight) {
        const sunday = flow.filter((r) => weekday(r) === 0).map((r) => r.value);
        const midweek = flow.filter((r) => weekday(r) >= 2 && weekday(r) <= 4).map((r) => r.value);
        expect(mean(sunday)).toBeLessThan(mean(midweek));
      }
    });

    it('dips deeply around Tết', () => {
      const model = createStationModel(spec(), { faults: NO_FAULTS });
      const tet = Date.parse('2027-02-06T00:00:00+07:00');
      const before = mean(of(run(model, tet - 28 * DAY, 7 * DAY), 'Flow').map((r) => r.value));
      const during = mean(of(run(model, tet, 5 * DAY), 'Flow').map((r) => r.value));
      expect(during).toBeLessThan(0.75 * before);
    });
  });
});
