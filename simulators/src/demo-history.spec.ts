import { demoHistoryReadings, demoStationProfiles } from './demo-history';
import { StationModel } from './station-model';

const CODES = ['A-OUT', 'B-OUT', 'C-OUT', 'D-OUT', 'E-OUT', 'F-OUT', 'G-OUT', 'H-OUT'];
const DAY = 86_400_000;
const END = Date.parse('2026-12-07T00:00:00+07:00');

function modelOf(
  code: string,
  faults = demoStationProfiles(CODES, 7).find((p) => p.stationCode === code)!.faults,
) {
  return new StationModel(
    { parkCode: 'P', stationCode: code, designCapacityM3PerDay: 3000, seed: 7 },
    { faults },
  );
}

describe('demo history', () => {
  it('gives one failing analyser, two plants with upsets and compliant others, the same for the same seed', () => {
    const profiles = demoStationProfiles(CODES, 7);
    const count = (role: string) => profiles.filter((p) => p.role === role).length;
    expect([count('failing_analyser'), count('exceeding'), count('compliant')]).toEqual([1, 2, 5]);
    expect(demoStationProfiles(CODES, 7)).toEqual(profiles);
    expect(
      demoStationProfiles([...CODES].reverse(), 7)
        .map((p) => [p.stationCode, p.role])
        .sort(),
    ).toEqual(profiles.map((p) => [p.stationCode, p.role]).sort());
  });

  it('samples each parameter at its cadence, and a compliant plant stays inside column B', () => {
    const code = demoStationProfiles(CODES, 7).find((p) => p.role === 'compliant')!.stationCode;
    const readings = demoHistoryReadings(modelOf(code), 'compliant', END - 30 * DAY, END);
    const perDay = (parameter: string) => readings.filter((r) => r.parameter === parameter).length / 30;
    expect([perDay('Flow'), perDay('COD'), perDay('NH4')]).toEqual([288, 96, 48]);
    expect(Math.max(...readings.filter((r) => r.parameter === 'COD').map((r) => r.value))).toBeLessThan(150);
    expect(demoHistoryReadings(modelOf(code), 'compliant', END - DAY, END)).toEqual(
      readings.filter((r) => r.timeMs >= END - DAY),
    );
  });

  it('lays upsets over an exceeding plant every ninth day, and a stuck COD then silence over a failing one', () => {
    const profiles = demoStationProfiles(CODES, 7);
    const exceeding = profiles.find((p) => p.role === 'exceeding')!.stationCode;
    const upsets = demoHistoryReadings(modelOf(exceeding), 'exceeding', END - 30 * DAY, END).filter(
      (r) => r.parameter === 'COD' && r.value > 150,
    );
    const upsetDays = new Set(upsets.map((r) => Math.floor((r.timeMs + 7 * 3_600_000) / DAY)));
    expect(upsetDays.size).toBeGreaterThanOrEqual(3);

    const failing = profiles.find((p) => p.role === 'failing_analyser')!.stationCode;
    const readings = demoHistoryReadings(modelOf(failing), 'failing_analyser', END - 30 * DAY, END);
    const cod = readings.filter((r) => r.parameter === 'COD' && r.status === '00');
    const runs = new Map<number, number>();
    for (const r of cod) if (r.value > 150) runs.set(r.value, (runs.get(r.value) ?? 0) + 1);
    expect(Math.max(...runs.values())).toBeGreaterThanOrEqual(12); // stuck above the limit for hours
    const times = readings.filter((r) => r.parameter === 'Flow').map((r) => r.timeMs);
    const longestGap = Math.max(...times.slice(1).map((t, i) => t - times[i]));
    expect(longestGap).toBeGreaterThan(DAY); // then days without any reading
  });

  it("puts the bad actors' latest incident on the history's last closed day, so it is current at the start", () => {
    const profiles = demoStationProfiles(CODES, 7);
    const end = END + 15 * 3_600_000; // 15:00 local
    const lastClosed = { from: END - DAY, to: END };
    const inDay = (r: { timeMs: number }) => r.timeMs >= lastClosed.from && r.timeMs < lastClosed.to;
    for (const p of profiles.filter((x) => x.role === 'exceeding')) {
      const readings = demoHistoryReadings(modelOf(p.stationCode), 'exceeding', END - 20 * DAY, end, end);
      const upsets = readings.filter((r) => r.parameter === 'COD' && r.value > 150);
      expect(upsets.some(inDay)).toBe(true);
      expect(upsets.filter((r) => r.timeMs >= END)).toEqual([]); // none today, and the next in nine days
    }
    const failing = profiles.find((p) => p.role === 'failing_analyser')!.stationCode;
    const readings = demoHistoryReadings(modelOf(failing), 'failing_analyser', END - 20 * DAY, end, end);
    const stuck = readings.filter((r) => r.parameter === 'COD' && r.status === '00' && r.value > 150);
    expect(stuck.length).toBeGreaterThanOrEqual(12);
    expect(stuck.every(inDay)).toBe(true);
    // Silent since: nothing from the evening of that day to the end of the history.
    expect(readings.filter((r) => r.timeMs >= END)).toEqual([]);
  });
});
