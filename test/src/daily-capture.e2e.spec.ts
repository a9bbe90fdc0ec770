import { connectAsync, MqttClient } from 'mqtt';
import { addDays, localDayOf, localDayStart, TelemetryReadingV1, WATER_PARAMETERS } from '@hp/contracts';
import { waitFor } from '@hp/testing';
import { EmbeddedPlatform } from './support/embedded-platform';

/**
 * Issue 16's "done when", as an officer would try it on `npm start` (embedded broker and database, seed
 * and demo permits on boot): a station whose device publishes each parameter at the cadence registered
 * for it, with status 00 and values inside the permit's limits, for a whole local day, shows 100 % data
 * capture for every parameter its permit judges and a compliant day.
 */
describe('npm start: a station publishing at its registered cadences for a day', () => {
  const PARK = 'VSIP-HP';
  const STATION = 'VSIP-HP-CETP-OUT';
  const DEVICE = `CAPTURE-${process.pid}`;
  let platform: EmbeddedPlatform;

  // Only this test's device publishes to the station.
  beforeAll(async () => {
    platform = await EmbeddedPlatform.start('capture', { SIMULATOR_ENABLED: 'false' });
  }, 180_000);

  afterAll(() => platform?.dispose(), 60_000);

  /** A value that moves every record (no flat line) and stays well inside column B. */
  const valueOf = (parameter: string, i: number): number => {
    const wave = Math.sin(i * 0.37) + 0.5 * Math.sin(i * 1.9);
    const shapes: Record<string, [number, number, number]> = {
      Flow: [150, 20, 1], // m3/h: about 3,600 m3/day, inside the permit's 500-5,000 band
      Temp: [29, 1.5, 2],
      pH: [7.2, 0.3, 2],
      TSS: [20, 6, 1],
      COD: [40, 12, 1],
      NH4: [2, 0.8, 2],
    };
    const [base, amplitude, decimals] = shapes[parameter] ?? [1, 0.2, 2];
    return Number((base + amplitude * wave).toFixed(decimals));
  };

  it('shows 100 % capture for every judged parameter and a compliant day', async () => {
    const token = await platform.signIn();
    const api = platform.api.bind(platform);
    const stations = await api<{ id: number; code: string }[]>('/stations', token);
    const stationId = stations.find((s) => s.code === STATION)!.id;

    // What the station's (demo) permit judges, and the cadence each parameter is registered at.
    const limits = await api<{
      permit: { standard: string; column: string; kf: number | null; kfSource: string } | null;
      limits: { parameter: string; min: number | null; max: number | null }[];
    }>(`/stations/${stationId}/limits`, token);
    expect(limits.permit).toMatchObject({
      standard: 'QCVN40:2011',
      column: 'B',
      kf: 1,
      kfSource: 'flow_table',
    });
    const judged = limits.limits.map((l) => l.parameter);
    expect(judged.sort()).toEqual(['COD', 'NH4', 'TSS', 'Temp', 'pH']);
    const detail = await api<{ cadences: { parameterCode: string; cadenceSeconds: number }[] }>(
      `/stations/${stationId}`,
      token,
    );
    const cadence = new Map(detail.cadences.map((c) => [c.parameterCode, c.cadenceSeconds]));
    expect(Object.fromEntries(judged.map((p) => [p, cadence.get(p)]))).toEqual({
      COD: 900,
      NH4: 1800,
      TSS: 300,
      Temp: 300,
      pH: 300,
    });
    for (const l of limits.limits) {
      const { min, max } = l;
      for (let i = 0; i < 288; i++) {
        const v = valueOf(l.parameter, i);
        expect(min === null || v >= min).toBe(true);
        expect(max === null || v <= max).toBe(true);
      }
    }

    // Yesterday (local), whole: every judged parameter and Flow at its registered cadence, status 00.
    const day = addDays(localDayOf(new Date()), -1);
    const dayStart = localDayStart(day).getTime();
    const readings: TelemetryReadingV1[] = [];
    for (const code of [...judged, 'Flow']) {
      const { code: parameter, unit } = WATER_PARAMETERS.find((p) => p.code === code)!;
      const step = cadence.get(parameter)! * 1000;
      for (let i = 0; i * step < 86_400_000; i++)
        readings.push({
          parameter,
          value: valueOf(parameter, i),
          unit,
          time: new Date(dayStart + i * step).toISOString(),
          status: '00',
        });
    }
    readings.sort((a, b) => a.time.localeCompare(b.time));

    const { password } = await api<{ password: string }>('/admin/devices', token, {
      method: 'POST',
      body: JSON.stringify({ code: DEVICE, kind: 'analyzer', station: STATION }),
    });
    const device: MqttClient = await connectAsync(platform.mqttUrl, {
      clientId: DEVICE,
      username: DEVICE,
      password,
    });
    try {
      // One message per hour of the day, each acknowledged (QoS 1) after the platform committed it.
      for (let hour = 0; hour < 24; hour++) {
        const from = new Date(dayStart + hour * 3_600_000).toISOString();
        const to = new Date(dayStart + (hour + 1) * 3_600_000).toISOString();
        const batch = readings.filter((r) => r.time >= from && r.time < to);
        await device.publishAsync(
          `hp/v1/parks/${PARK}/stations/${STATION}/telemetry`,
          JSON.stringify({ readings: batch }),
          { qos: 1 },
        );
      }
    } finally {
      await device.endAsync();
    }

    type Day = {
      day: string;
      verdict: string;
      reasons: { code: string; params: Record<string, unknown> }[];
      provisional?: boolean;
      parameters: {
        parameterCode: string;
        capture: number;
        expectedRecords: number;
        validRecords: number;
        cadenceSeconds: number | null;
        verdict: string;
      }[];
    };
    const judgedDay = async (): Promise<Day | undefined> =>
      (
        await api<{ days: Day[] }>(
          `/stations/${stationId}/compliance?from=${day}&to=${addDays(day, 1)}`,
          token,
        )
      ).days.find((d) => d.day === day);
    // The recompute job judges the marked day within its period (a minute); await every record counted.
    let result: Day | undefined;
    await waitFor(
      async () => {
        result = await judgedDay();
        return (
          result !== undefined &&
          result.parameters.length === judged.length &&
          result.parameters.every((p) => p.validRecords === p.expectedRecords)
        );
      },
      { timeoutMs: 240_000, intervalMs: 2_000, description: `the day ${day} judged on all its records` },
    );
    process.stdout.write(
      `\nnpm start capture ${STATION} ${day}: ${result!.verdict}${result!.provisional ? ' (provisional)' : ''}; ${result!.parameters
        .map((p) => `${p.parameterCode} ${p.validRecords}/${p.expectedRecords} = ${p.capture * 100} %`)
        .join(', ')}\n`,
    );
    expect(result!.verdict).toBe('compliant');
    expect(
      Object.fromEntries(
        result!.parameters.map((p) => [p.parameterCode, [p.capture, p.cadenceSeconds, p.verdict]]),
      ),
    ).toEqual({
      Temp: [1, 300, 'compliant'],
      pH: [1, 300, 'compliant'],
      TSS: [1, 300, 'compliant'],
      COD: [1, 900, 'compliant'],
      NH4: [1, 1800, 'compliant'],
    });
    expect(result!.parameters.find((p) => p.parameterCode === 'COD')!.expectedRecords).toBe(96);
    expect(result!.parameters.find((p) => p.parameterCode === 'NH4')!.expectedRecords).toBe(48);
  }, 420_000);
});
