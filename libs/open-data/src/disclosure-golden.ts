/**
 * Issue 16 golden set for public disclosure (deliverables 7 and 9): Decree 08/2022/ND-CP Art. 102 publishes
 * each discharger's continuous automatic monitoring results of the last 30 days without sign-in (station,
 * parameter, value, unit, time, status, limit). Every expected row below is worked by hand from the
 * readings, corrections and permits written here; the same cases run on PostgreSQL
 * (disclosure-golden.pg.spec.ts) and on the embedded driver (disclosure-golden.embedded.spec.ts).
 *
 * The world, judged as of NOW = 2026-11-30 12:00 local (05:00 UTC); the 30-day window is
 * [2026-10-31 12:00, 2026-11-30 12:00) local:
 * - park GD1, plant GD1-CETP, outlet GD1-OUT (active) with two permits under QCVN 40:2011 column B:
 *   GPMT-GD-1 from 2026-10-01, Kq 0.9, Kf 1.1: COD 150 x 0.9 x 1.1 = 148.5, TSS 100 x 0.99 = 99,
 *   NH4 10 x 0.99 = 9.9; GPMT-GD-2 from 2026-11-20 (local day), Kq 1.0, Kf 0.9: COD 135, TSS 90, NH4 9.
 *   Temp (<= 40) and pH (5.5-9) are exempt from the coefficients; Flow is measured, not judged (no limit).
 * - the same plant's inlet GD1-IN and a retired outlet GD1-OLD (inactive): never published.
 * - park GD2, outlet GD2-OUT (active) with no permit: published, with no limit.
 */
import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { NewReading, ReadingsReader, ReadingsWriter } from '@hp/readings';
import { WATER_PARAMETERS } from '@hp/contracts';
import { shippedCatalogue } from '@hp/compliance';
import {
  DisclosedReading,
  disclosedReadingsCsv,
  MonitoringDisclosureService,
} from './monitoring-disclosure.service';

export type OpenGoldenDatabase = () => Promise<{ db: Database; cleanup: () => Promise<void> }>;

/** Local (UTC+7) 'YYYY-MM-DDTHH:mm' to the instant. */
const local = (text: string): Date => new Date(`${text}:00+07:00`);

export const NOW = local('2026-11-30T12:00');

interface World {
  readonly service: MonitoringDisclosureService;
  readonly outlet: number;
  readonly inlet: number;
  readonly retired: number;
  readonly other: number;
}

/** Builds the world of the header comment in a migrated database. */
async function build(db: Database): Promise<World> {
  const admin = new RegistryAdmin(db);
  await admin.registerParameters(WATER_PARAMETERS);
  const station = async (park: string, code: string, kind: 'outlet' | 'inlet', active = true) => {
    const parkId = (
      await admin.registerPark({ code: park, name: `Golden park ${park}`, operatingStatus: 'operating' })
    ).id;
    const plantId = (
      await admin.registerTreatmentPlant({
        code: `${park}-CETP`,
        parkId,
        name: `${park} CETP`,
        operatingStatus: 'operating',
      })
    ).id;
    return (await admin.registerStation({ code, plantId, name: code, kind, active })).id;
  };
  const outlet = await station('GD1', 'GD1-OUT', 'outlet');
  const inlet = await station('GD1', 'GD1-IN', 'inlet');
  const retired = await station('GD1', 'GD1-OLD', 'outlet', false);
  const other = await station('GD2', 'GD2-OUT', 'outlet');
  const permit = {
    stationId: outlet,
    standardVersion: 'QCVN40:2011',
    columnCode: 'B' as const,
    kfSource: 'explicit' as const,
  };
  await admin.recordDischargePermit({
    ...permit,
    permitNumber: 'GPMT-GD-1',
    kq: 0.9,
    kf: 1.1,
    kfReason: 'golden: the permit states Kf 1.1',
    effectiveFrom: '2026-10-01',
  });
  // Inserting the next permit closes the first on the day before 2026-11-20.
  await admin.recordDischargePermit({
    ...permit,
    permitNumber: 'GPMT-GD-2',
    kq: 1.0,
    kf: 0.9,
    kfReason: 'golden: the permit states Kf 0.9',
    effectiveFrom: '2026-11-20',
  });
  const at = (
    stationId: number,
    time: string,
    parameterCode: string,
    value: number,
    status: 0 | 1 | 2 = 0,
  ): NewReading => ({
    stationId,
    time: local(time),
    parameterCode,
    value,
    status,
  });
  await new ReadingsWriter(db).insertReadings([
    at(outlet, '2026-10-31T11:55', 'COD', 31), // 30 days and 5 minutes old: out of the window
    at(outlet, '2026-10-31T12:00', 'COD', 30.5), // exactly 30 days old: the window's first instant
    at(outlet, '2026-11-19T23:55', 'COD', 120.4), // the last local day of GPMT-GD-1
    at(outlet, '2026-11-20T00:00', 'COD', 140.2), // local midnight (still 11-19 in UTC): GPMT-GD-2
    at(outlet, '2026-11-20T00:00', 'Flow', 85.25),
    at(outlet, '2026-11-25T08:00', 'COD', 60.1),
    at(outlet, '2026-11-25T08:00', 'pH', 7.21, 1), // calibrating
    at(outlet, '2026-11-26T09:30', 'Temp', 31.5, 2), // device error
    at(outlet, '2026-11-28T10:00', 'TSS', 250), // corrected to 45.5 below
    at(outlet, '2026-11-28T10:05', 'COD', 999), // withdrawn below
    at(outlet, '2026-11-30T11:55', 'NH4', 8.5), // the window's last record
    at(outlet, '2026-11-30T12:00', 'NH4', 3), // NOW itself: the window ends before it
    at(outlet, '2026-11-30T12:05', 'COD', 50), // after NOW (a device clock ahead): not yet published
    at(inlet, '2026-11-25T08:00', 'COD', 500),
    at(retired, '2026-11-25T08:00', 'COD', 501),
    at(other, '2026-11-29T09:00', 'COD', 77),
  ]);
  const corrections = new ReadingsWriter(db);
  await corrections.appendCorrection({
    stationId: outlet,
    parameterCode: 'TSS',
    time: local('2026-11-28T10:00'),
    withdrawn: false,
    value: 45.5,
    reason: 'golden: lab sample 45.5 mg/L',
    author: 'golden',
  });
  await corrections.appendCorrection({
    stationId: outlet,
    parameterCode: 'COD',
    time: local('2026-11-28T10:05'),
    withdrawn: true,
    reason: 'golden: maintenance flush',
    author: 'golden',
  });
  const service = new MonitoringDisclosureService(
    new ReadingsReader(db),
    new RegistryReader(db),
    shippedCatalogue(),
  );
  return { service, outlet, inlet, retired, other };
}

const row = (
  parameter: string,
  value: number,
  unit: string,
  time: string,
  status: string,
  limitMin: number | null,
  limitMax: number | null,
  corrected = false,
): DisclosedReading => ({
  parkCode: 'GD1',
  stationCode: 'GD1-OUT',
  parameter,
  value,
  unit,
  time,
  status,
  limitMin,
  limitMax,
  corrected,
});

/** GD1-OUT's published rows over the whole window, worked by hand, oldest first (then by parameter). */
export const EXPECTED_OUTLET_ROWS: readonly DisclosedReading[] = [
  row('COD', 30.5, 'mg/L', '2026-10-31T12:00:00+07:00', '00', null, 148.5),
  row('COD', 120.4, 'mg/L', '2026-11-19T23:55:00+07:00', '00', null, 148.5),
  row('COD', 140.2, 'mg/L', '2026-11-20T00:00:00+07:00', '00', null, 135),
  row('Flow', 85.25, 'm3/h', '2026-11-20T00:00:00+07:00', '00', null, null),
  row('COD', 60.1, 'mg/L', '2026-11-25T08:00:00+07:00', '00', null, 135),
  row('pH', 7.21, 'pH', '2026-11-25T08:00:00+07:00', '01', 5.5, 9),
  row('Temp', 31.5, 'degC', '2026-11-26T09:30:00+07:00', '02', null, 40),
  row('TSS', 45.5, 'mg/L', '2026-11-28T10:00:00+07:00', '00', null, 90, true),
  row('NH4', 8.5, 'mg/L', '2026-11-30T11:55:00+07:00', '00', null, 9),
];

/** The same rows as the CSV must carry them (after its byte-order mark), header first, CRLF ends. */
export const EXPECTED_OUTLET_CSV = [
  'parkCode,stationCode,parameter,value,unit,time,status,limitMin,limitMax,corrected',
  'GD1,GD1-OUT,COD,30.5,mg/L,2026-10-31T12:00:00+07:00,00,,148.5,false',
  'GD1,GD1-OUT,COD,120.4,mg/L,2026-11-19T23:55:00+07:00,00,,148.5,false',
  'GD1,GD1-OUT,COD,140.2,mg/L,2026-11-20T00:00:00+07:00,00,,135,false',
  'GD1,GD1-OUT,Flow,85.25,m3/h,2026-11-20T00:00:00+07:00,00,,,false',
  'GD1,GD1-OUT,COD,60.1,mg/L,2026-11-25T08:00:00+07:00,00,,135,false',
  'GD1,GD1-OUT,pH,7.21,pH,2026-11-25T08:00:00+07:00,01,5.5,9,false',
  'GD1,GD1-OUT,Temp,31.5,degC,2026-11-26T09:30:00+07:00,02,,40,false',
  'GD1,GD1-OUT,TSS,45.5,mg/L,2026-11-28T10:00:00+07:00,00,,90,true',
  'GD1,GD1-OUT,NH4,8.5,mg/L,2026-11-30T11:55:00+07:00,00,,9,false',
];

/** The disclosure golden cases over one storage driver. */
export function disclosureGolden(open: OpenGoldenDatabase): void {
  let world: World;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await open();
    cleanup = opened.cleanup;
    world = await build(opened.db);
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  it('D1 serves the last 30 days exactly: hand-worked rows, the limit of the permit in force on each local day', async () => {
    const page = await world.service.readings(world.outlet, {}, NOW);
    expect(page.window).toEqual({ from: '2026-10-31T12:00:00+07:00', to: '2026-11-30T12:00:00+07:00' });
    expect(page.readings).toEqual(EXPECTED_OUTLET_ROWS);
    expect(page.nextFrom).toBeNull();
    // The window never reaches back further than 30 days, whatever is asked.
    const asked = await world.service.readings(world.outlet, { from: local('2026-10-01T00:00') }, NOW);
    expect(asked.window.from).toBe('2026-10-31T12:00:00+07:00');
    expect(asked.readings).toEqual(EXPECTED_OUTLET_ROWS);
    // One parameter: the same rows filtered.
    const cod = await world.service.readings(world.outlet, { parameter: 'COD' }, NOW);
    expect(cod.readings).toEqual(EXPECTED_OUTLET_ROWS.filter((r) => r.parameter === 'COD'));
  });

  it('D2 leaves out readings older than 30 days, at or after now, and withdrawn ones; serves corrected values', async () => {
    const page = await world.service.readings(world.outlet, {}, NOW);
    const times = page.readings.map((r) => `${r.parameter}@${r.time}`);
    expect(times).not.toContain('COD@2026-10-31T11:55:00+07:00');
    expect(times).not.toContain('NH4@2026-11-30T12:00:00+07:00');
    expect(times).not.toContain('COD@2026-11-30T12:05:00+07:00');
    expect(page.readings.map((r) => r.value)).not.toContain(999);
    expect(page.readings.map((r) => r.value)).not.toContain(250);
    // A day later the first instant has left the window.
    const later = await world.service.readings(world.outlet, {}, local('2026-12-01T12:00'));
    expect(later.readings.map((r) => r.time)).not.toContain('2026-10-31T12:00:00+07:00');
    expect(later.readings[0]).toEqual(EXPECTED_OUTLET_ROWS[1]);
  });

  it('D3 publishes only active outlets: an inlet and a retired outlet are not found, another outlet keeps its own rows', async () => {
    for (const id of [world.inlet, world.retired])
      await expect(world.service.readings(id, {}, NOW)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const other = await world.service.readings(world.other, {}, NOW);
    expect(other.readings).toEqual([
      {
        parkCode: 'GD2',
        stationCode: 'GD2-OUT',
        parameter: 'COD',
        value: 77,
        unit: 'mg/L',
        time: '2026-11-29T09:00:00+07:00',
        status: '00',
        limitMin: null,
        limitMax: null,
        corrected: false,
      },
    ]);
    const listed = await world.service.stations(NOW);
    expect(listed.map((s) => s.stationCode)).toEqual(['GD1-OUT', 'GD2-OUT']);
    // Today's permit (GPMT-GD-2) with its judged limits in parameter order; none without a permit.
    expect(listed[0].permit).toEqual({ number: 'GPMT-GD-2', standard: 'QCVN40:2011', column: 'B' });
    expect(listed[0].limits).toEqual([
      { parameter: 'Temp', min: null, max: 40 },
      { parameter: 'pH', min: 5.5, max: 9 },
      { parameter: 'TSS', min: null, max: 90 },
      { parameter: 'COD', min: null, max: 135 },
      { parameter: 'NH4', min: null, max: 9 },
    ]);
    expect(listed[1]).toMatchObject({ permit: null, limits: [] });
    // On 2026-11-19 GPMT-GD-1 was in force: 148.5 exactly, never rounded.
    const before = await world.service.stations(local('2026-11-19T12:00'));
    expect(before[0].limits.find((l) => l.parameter === 'COD')).toEqual({
      parameter: 'COD',
      min: null,
      max: 148.5,
    });
  });

  it('D4 the CSV holds the same rows and values as the JSON, exactly as worked by hand', async () => {
    const page = await world.service.readings(world.outlet, {}, NOW);
    const csv = disclosedReadingsCsv(page.readings);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines).toEqual(EXPECTED_OUTLET_CSV);
    // Field by field, each CSV row is its JSON row written out.
    const header = lines[0].split(',');
    lines.slice(1).forEach((line, i) => {
      const json = page.readings[i] as unknown as Record<string, unknown>;
      expect(line.split(',')).toEqual(
        header.map((column) => (json[column] === null ? '' : String(json[column]))),
      );
    });
  });
}
