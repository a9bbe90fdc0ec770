import { addDays, localDayOf, ReadingStatusValue, reason, REASON_EXAMPLES } from '@hp/contracts';
import {
  buildDashboards,
  Dashboard,
  dashboardSqlQueries,
  DashboardSqlQuery,
  interpolateGrafanaSql,
  SqlTemplateVariable,
} from '@hp/grafana';
import { AlertConfiguration, AlertLifecycle } from '@hp/alerting';
import { Database } from '@hp/storage';
import { WasteLotRecord, WasteWriter } from '@hp/waste';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { ComplianceParameterDay, ComplianceReader, ComplianceWriter } from '@hp/compliance';
import { NewReading, ReadingsWriter } from '@hp/readings';
import { openTestStore, TEST_STORE_DRIVERS } from '@hp/testing-store';

/**
 * Every SQL query of the Grafana dashboards (variable queries and every panel target) runs against a
 * freshly migrated database holding one seeded day, with the Grafana macros and template variables
 * substituted the way Grafana substitutes them, and must return rows. No Grafana server runs here, so this
 * is what proves the panels' SQL matches the schema. It runs on plain PostgreSQL (the pg driver on the
 * test server) and on the embedded TimescaleDB (readings a hypertable), the two schema variants.
 */

/** Yesterday: a whole local day in the past, as a judged day is. */
const DAY = addDays(localDayOf(new Date()), -1);
const at = (time: string): Date => new Date(`${DAY}T${time}:00+07:00`);
/** The day as Grafana's "Yesterday" range gives it: local midnight to the last millisecond of the day. */
const RANGE = { from: at('00:00'), to: new Date(at('00:00').getTime() + 86_400_000 - 1) };
/** Grafana's interval for a one-day range on a panel about 1000 px wide (at least the panels' 1m). */
const INTERVAL_MS = 60_000;

const PARAMETER_LIMITS: Record<string, { base: number; min: number | null; max: number }> = {
  COD: { base: 60, min: null, max: 150 },
  NH4: { base: 4, min: null, max: 10 },
  TSS: { base: 30, min: null, max: 100 },
  pH: { base: 7.2, min: 5.5, max: 9 },
};
const READINGS_PER_DAY = 288; // every 5 minutes, the station's expected interval
const CALIBRATING_COD_READINGS = 12; // 08:00-08:55, status 01
const DEVICE_ERROR_NH4_READINGS = 6; // 14:00-14:25, status 02

interface Seeded {
  parkId: number;
  stationId: number;
}

/** Readings of a parameter that are not status 00 on the seeded day (calibration, device error). */
function unavailable(parameterCode: string): number {
  if (parameterCode === 'COD') return CALIBRATING_COD_READINGS;
  return parameterCode === 'NH4' ? DEVICE_ERROR_NH4_READINGS : 0;
}

async function seed(db: Database): Promise<Seeded> {
  const park = await new RegistryAdmin(db).registerPark({ code: 'GF-PARK', name: 'Grafana test park' });
  const plant = await new RegistryAdmin(db).registerTreatmentPlant({
    code: 'GF-CETP',
    parkId: park.id,
    name: 'Grafana test CETP',
  });
  const station = await new RegistryAdmin(db).registerStation({
    code: 'GF-OUT',
    plantId: plant.id,
    name: 'Grafana test outlet',
    kind: 'outlet',
  });
  const permit = await new RegistryAdmin(db).recordDischargePermit({
    stationId: station.id,
    permitNumber: 'GPMT-GF-1',
    standardVersion: 'QCVN40:2011',
    columnCode: 'B',
    effectiveFrom: addDays(DAY, -30),
  });

  const readings: NewReading[] = [];
  for (const [parameterCode, { base }] of Object.entries(PARAMETER_LIMITS))
    for (let i = 0; i < READINGS_PER_DAY; i++) {
      const time = new Date(RANGE.from.getTime() + i * 300_000);
      const hour = i / 12;
      let status: ReadingStatusValue = 0;
      if (parameterCode === 'COD' && hour >= 8 && hour < 9) status = 1;
      if (parameterCode === 'NH4' && i >= 14 * 12 && i < 14 * 12 + DEVICE_ERROR_NH4_READINGS) status = 2;
      readings.push({
        time,
        stationId: station.id,
        parameterCode,
        value: base * (1 + 0.1 * Math.sin(i / 7)),
        status,
      });
    }
  await new ReadingsWriter(db).insertReadings(readings);
  // Every analyser of this station reports every 5 minutes (COD and NH4 included): registered so, capture
  // counts against 288 records for each (the defaults would expect 96 COD and 48 NH4 records).
  for (const parameterCode of Object.keys(PARAMETER_LIMITS))
    await new RegistryAdmin(db).setStationCadence(station.id, parameterCode, 300);

  await new ComplianceWriter(db).storeStationDays([
    { stationId: station.id, day: DAY, permitId: permit.id, verdict: 'compliant', reasons: [] },
  ]);
  await new ComplianceWriter(db).storeParameterDays(
    [{ stationId: station.id, day: DAY }],
    Object.entries(PARAMETER_LIMITS).map(([parameterCode, limit]): ComplianceParameterDay => ({
      stationId: station.id,
      day: DAY,
      parameterCode,
      permitId: permit.id,
      limitMin: limit.min,
      limitMax: limit.max,
      cadenceSeconds: 300,
      expectedRecords: READINGS_PER_DAY,
      totalRecords: READINGS_PER_DAY,
      validRecords: READINGS_PER_DAY - unavailable(parameterCode),
      capture: (READINGS_PER_DAY - unavailable(parameterCode)) / READINGS_PER_DAY,
      meanValue: limit.base,
      maxValue: limit.base * 1.1,
      minValue: limit.base * 0.9,
      hourWindowsValid: 24,
      hourExceedances: 0,
      dayWindowValid: true,
      dayExceedance: false,
      verdict: 'compliant',
      flatlineRecords: 12,
      setAsideRecords: 0,
      setAsideMax: null,
      setAsideMin: null,
      setAsideBeyondLimit: false,
      reviewDecision: null,
    })),
  );

  // A conforming treated lot, one still in storage, and one received short (a mass mismatch).
  const waste = new WasteWriter(db);
  const wasteCode = '19 02 06';
  const generator = await waste.registerParty({
    code: 'GF-GEN',
    name: 'Factory',
    kind: 'generator',
    parkId: park.id,
  });
  for (const party of [
    generator,
    await waste.registerParty({ code: 'GF-TRANS', name: 'Transporter', kind: 'transporter' }),
    await waste.registerParty({ code: 'GF-FAC', name: 'Facility', kind: 'treatment_facility' }),
  ])
    await waste.licenseParty({
      partyId: party.id,
      licenceNumber: `${party.code}-L1`,
      wasteCodes: [wasteCode],
      validFrom: addDays(DAY, -365),
    });
  const lot = (fields: Partial<WasteLotRecord> & Pick<WasteLotRecord, 'lotCode' | 'state' | 'anchorAt'>) => ({
    generatorCode: 'GF-GEN',
    parkId: park.id,
    wasteCode,
    generatedAt: fields.anchorAt,
    generatedKg: null,
    manifestNumber: null,
    transporterCode: null,
    facilityCode: null,
    handedOverAt: null,
    handedOverKg: null,
    receivedAt: null,
    receivedKg: null,
    treatedAt: null,
    treatmentMethod: null,
    certificate: null,
    findings: [],
    eventCount: 1,
    ...fields,
  });
  await waste.saveFoldedLot(
    lot({
      lotCode: 'GF-LOT-TREATED',
      state: 'treated',
      anchorAt: at('01:00'),
      generatedKg: 100,
      manifestNumber: 'M-GF-1',
      transporterCode: 'GF-TRANS',
      facilityCode: 'GF-FAC',
      handedOverAt: at('03:00'),
      handedOverKg: 100,
      receivedAt: at('05:00'),
      receivedKg: 99.5,
      treatedAt: at('08:00'),
      treatmentMethod: 'incineration',
      certificate: 'CERT-GF-1',
      eventCount: 4,
    }),
  );
  await waste.saveFoldedLot(
    lot({ lotCode: 'GF-LOT-STORED', state: 'stored', anchorAt: at('10:00'), generatedKg: 50 }),
  );
  await waste.saveFoldedLot(
    lot({
      lotCode: 'GF-LOT-SHORT',
      state: 'received',
      anchorAt: at('11:00'),
      generatedKg: 40,
      manifestNumber: 'M-GF-2',
      transporterCode: 'GF-TRANS',
      facilityCode: 'GF-FAC',
      handedOverAt: at('12:00'),
      handedOverKg: 40,
      receivedAt: at('13:00'),
      receivedKg: 30,
      eventCount: 3,
    }),
  );

  const rule = await new AlertConfiguration(db).saveRule(
    {
      code: 'gf-cod-threshold',
      kind: 'threshold',
      stationId: station.id,
      parameter: 'COD',
      severity: 'critical',
    },
    'grafana-panels test',
  );
  await new AlertLifecycle(db, null).raise({
    ruleId: rule.id,
    subject: `station:${station.id}:COD`,
    kind: 'threshold',
    severity: 'critical',
    parkId: park.id,
    stationId: station.id,
    reason: reason('ALERT_THRESHOLD', { ...REASON_EXAMPLES.ALERT_THRESHOLD, station: station.code }),
    details: {},
    at: at('09:00'),
  });
  return { parkId: park.id, stationId: station.id };
}

type Row = Record<string, unknown>;

async function runSql(
  db: Database,
  query: DashboardSqlQuery,
  variables: Record<string, SqlTemplateVariable>,
) {
  const sql = interpolateGrafanaSql(query.rawSql, { ...RANGE, intervalMs: INTERVAL_MS, variables });
  try {
    return (await db.query<Row>(sql)).rows;
  } catch (error) {
    throw new Error(
      `${query.source} "${query.name}" (${query.refId}) failed: ${(error as Error).message}\n${sql}`,
    );
  }
}

/** The variables as Grafana sets them on load: the first option, or "All" of a multi-value variable. */
async function resolveVariables(
  db: Database,
  dashboard: Dashboard,
): Promise<Record<string, SqlTemplateVariable>> {
  const variables: Record<string, SqlTemplateVariable> = {};
  const definitions = dashboard.templating.list ?? [];
  for (const query of dashboardSqlQueries(dashboard).filter((q) => q.source === 'variable')) {
    const rows = await runSql(db, query, variables);
    if (rows.length === 0) throw new Error(`variable $${query.name} has no option`);
    const values = rows.map((row) => String(row['__value'] ?? Object.values(row)[0]));
    const definition = definitions.find((v) => v.name === query.name);
    const quoted = Boolean(definition?.multi || definition?.includeAll);
    variables[query.name] = { value: quoted ? values : values[0], quoted };
  }
  return variables;
}

const DASHBOARDS = buildDashboards();

describe.each(TEST_STORE_DRIVERS)('Grafana dashboards on $name', ({ driver }) => {
  let db: Database;
  let cleanup: (() => Promise<void>) | undefined;
  const variablesOf = new Map<string, Promise<Record<string, SqlTemplateVariable>>>();
  const variables = (dashboard: Dashboard) => {
    if (!variablesOf.has(dashboard.uid!)) variablesOf.set(dashboard.uid!, resolveVariables(db, dashboard));
    return variablesOf.get(dashboard.uid!)!;
  };

  beforeAll(async () => {
    ({ db, cleanup } = await openTestStore(driver, { poolSize: 2 }));
    await seed(db);
  }, 120_000);
  afterAll(async () => {
    await cleanup?.();
  });

  describe.each(DASHBOARDS.map((dashboard) => ({ uid: dashboard.uid!, dashboard })))(
    '$uid',
    ({ dashboard }) => {
      const queries = dashboardSqlQueries(dashboard);

      it('gives every variable options from the seeded rows', async () => {
        const resolved = await variables(dashboard);
        expect(Object.keys(resolved)).toEqual((dashboard.templating.list ?? []).map((v) => v.name));
      });

      it.each(
        queries
          .filter((q) => q.source === 'panel')
          .map((q) => ({ label: `${q.name} (${q.refId})`, query: q })),
      )('panel "$label" returns rows', async ({ query }) => {
        const resolved = await variables(dashboard);
        // A repeated panel runs once per value of its variable, that value alone (still quoted).
        const copies = query.repeat ? [resolved[query.repeat].value].flat() : [undefined];
        expect(copies.length).toBeGreaterThan(0);
        for (const value of copies) {
          const scoped =
            value === undefined ? resolved : { ...resolved, [query.repeat!]: { value, quoted: true } };
          const rows = await runSql(db, query, scoped);
          expect({ copy: value ?? null, returnsRows: rows.length > 0 }).toEqual({
            copy: value ?? null,
            returnsRows: true,
          });
        }
      });
    },
  );

  /** The rows of one panel target, by dashboard uid and panel title. */
  async function panelRows(uid: string, title: string, refId = 'A', repeatValue?: string): Promise<Row[]> {
    const dashboard = DASHBOARDS.find((d) => d.uid === uid)!;
    const query = dashboardSqlQueries(dashboard).find((q) => q.name === title && q.refId === refId);
    if (!query) throw new Error(`no panel "${title}" (${refId}) on ${uid}`);
    const resolved = await variables(dashboard);
    const scoped = repeatValue
      ? { ...resolved, [query.repeat!]: { value: repeatValue, quoted: true } }
      : resolved;
    return runSql(db, query, scoped);
  }
  const numbers = (row: Row | undefined) =>
    Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]));

  it('computes the 2030 targets from the seeded day', async () => {
    const [parks] = await panelRows('hp-city-overview', 'Operating parks meeting the discharge standard');
    expect(numbers(parks)).toEqual({ share: 1 });
    const [kg] = await panelRows('hp-city-overview', 'Hazardous waste generated vs treated per regulation');
    expect(numbers(kg)).toEqual({
      generated: 190,
      'treated per regulation': 100,
      'non-conforming': 40,
      'in progress': 50,
    });
    const [share] = await panelRows('hp-city-overview', 'Hazardous waste treated per regulation');
    expect(Number(share['share'])).toBeCloseTo(100 / 190, 6);
    const [alerts] = await panelRows('hp-city-overview', 'Open alerts by severity');
    expect(numbers(alerts)).toEqual({ critical: 1, warning: 0, info: 0 });
    const table = await panelRows('hp-city-overview', 'Parks: worst outlet verdict of the day');
    expect(table).toEqual([
      expect.objectContaining({
        park: 'GF-PARK',
        'worst verdict': 'compliant',
        'standing over the range': 'met',
      }),
    ]);
  });

  it('shows the park its verdicts, alert and waste lots', async () => {
    expect(await panelRows('hp-park', 'Discharge standard')).toEqual([{ standing: 'met' }]);
    const [station] = await panelRows('hp-park', 'Daily verdicts per station');
    expect(numbers(station)).toEqual(
      expect.objectContaining({ compliant: 1, exceedance: 0, 'not judged': 0 }),
    );
    expect(await panelRows('hp-park', 'Open alerts')).toEqual([
      expect.objectContaining({
        severity: 'critical',
        station: 'GF-OUT',
        status: 'open',
        reason: expect.stringMatching(/^ALERT_THRESHOLD .*parameter=COD .*station=GF-OUT .*value=163.2$/),
      }),
    ]);
    const byState = await panelRows('hp-park', 'Waste lots by state');
    expect(byState.map((r) => [r['state'], Number(r['lots']), Number(r['non-conforming'])])).toEqual([
      ['stored', 1, 0],
      ['handed_over', 0, 0],
      ['received', 1, 1],
      ['treated', 1, 0],
    ]);
    const lots = await panelRows('hp-park', 'Waste lots');
    expect(lots.map((r) => [r['lot'], r['standing'], r['violations']])).toEqual([
      ['GF-LOT-SHORT', 'non_conforming', 'mass_mismatch'],
      ['GF-LOT-STORED', 'in_progress', ''],
      ['GF-LOT-TREATED', 'treated_conforming', ''],
    ]);
  });

  it('shows the station its readings against the permit, capture and status counts', async () => {
    const measured = await panelRows('hp-station', '$parameter', 'A', 'COD');
    expect(measured).toHaveLength(READINGS_PER_DAY); // one 1-minute bucket per reading
    // Calibrating (01) readings are no measurement: their buckets are gaps.
    expect(measured.filter((r) => r['measured (status 00)'] === null)).toHaveLength(CALIBRATING_COD_READINGS);
    const limits = await panelRows('hp-station', '$parameter', 'B', 'pH');
    expect(limits.map((r) => [r['metric'], Number(r['value'])])).toEqual([
      ['permit max', 9],
      ['permit min', 5.5],
      ['permit max', 9],
      ['permit min', 5.5],
    ]);
    // The capture the engine judged the day by (stored), beside the permit's required 75 %.
    const capture = await panelRows('hp-station', 'Data capture per day');
    expect(Object.fromEntries(capture.map((r) => [r['metric'], Number(r['capture'])]))).toEqual({
      COD: (READINGS_PER_DAY - CALIBRATING_COD_READINGS) / READINGS_PER_DAY,
      NH4: (READINGS_PER_DAY - DEVICE_ERROR_NH4_READINGS) / READINGS_PER_DAY,
      TSS: 1,
      pH: 1,
      required: 0.75,
    });
    const [statuses] = await panelRows(
      'hp-station',
      'Calibrating (01) and device-error (02) readings per day',
    );
    expect(numbers(statuses)).toEqual({
      time: expect.any(Number),
      'calibrating (01)': CALIBRATING_COD_READINGS,
      'device error (02)': DEVICE_ERROR_NH4_READINGS,
    });
  });

  it("shows a day's reason codes with their parameters compactly (Grafana cannot run the catalogue)", async () => {
    const [judged, store] = [new ComplianceReader(db), new ComplianceWriter(db)];
    const stationId = (await new RegistryReader(db).stations.listRefs()).find((r) => r.code === 'GF-OUT')!.id;
    const [seeded] = await judged.stationDays.listForStation(stationId, DAY, addDays(DAY, 1));
    try {
      await store.storeStationDays([
        {
          ...seeded,
          verdict: 'exceedance',
          reasons: [
            reason('EXCEEDANCE_HOURLY_MEAN', REASON_EXAMPLES.EXCEEDANCE_HOURLY_MEAN),
            reason('TEXT', { text: 'stored before reasons were codes' }),
          ],
        },
      ]);
      expect(await panelRows('hp-station', 'Daily verdicts')).toEqual([
        expect.objectContaining({
          day: DAY,
          verdict: 'exceedance',
          reasons:
            'EXCEEDANCE_HOURLY_MEAN bound=max confirmed=false hours=2 limit=148.5 mean=490 parameter=COD unit=mg/L; stored before reasons were codes',
        }),
      ]);
    } finally {
      await store.storeStationDays([seeded]);
    }
  });
});
