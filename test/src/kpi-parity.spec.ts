import {
  ComplianceReader,
  ComplianceViewsService,
  ComplianceWriter,
  StationDayVerdict,
} from '@hp/compliance';
import { addDays } from '@hp/contracts';
import { Database } from '@hp/storage';
import { OperatingStatus, RegistryAdmin, RegistryReader } from '@hp/registry';
import { openTestStore, TestStore } from '@hp/testing-store';
import { panelRows } from './support/grafana-panel';
import { ReadingsReader } from '@hp/readings';

/**
 * One source per rule (issue 17.4): the API's park standings and city KPI and the Grafana panels that show
 * them read the same SQL functions (park_standings_between, parks_meeting_standard), so they agree. This
 * holds them to it on the golden KPI month (golden case 31) widened to every standing: the API's answer and
 * each panel's query, run as Grafana runs it, on the same station-day verdicts.
 */
const MONTH = { from: '2026-11-01', to: '2026-12-01' };
/** Grafana's "November 2026" range, local time. */
const RANGE = {
  from: new Date('2026-11-01T00:00:00+07:00'),
  to: new Date(new Date('2026-12-01T00:00:00+07:00').getTime() - 1),
};

interface Scenario {
  park: OperatingStatus;
  plant: OperatingStatus | null;
  /** Verdict of each of the month's 30 days (missing days: no row). */
  days: (StationDayVerdict | null)[];
}

const days = (verdict: StationDayVerdict | null, n = 30, rest: StationDayVerdict | null = null) =>
  Array.from({ length: 30 }, (_, i) => (i < n ? verdict : rest));

const SCENARIOS: Record<string, Scenario & { expected: string }> = {
  MET: { park: 'operating', plant: 'operating', days: days('compliant'), expected: 'met' },
  EXC: {
    park: 'operating',
    plant: 'operating',
    days: days('compliant', 29, 'exceedance'),
    expected: 'exceedance',
  },
  SUS: {
    park: 'operating',
    plant: 'operating',
    days: days('compliant', 29, 'suspected_exceedance'),
    expected: 'suspected_exceedance',
  },
  // 22 of 30 compliant = 73.3 % < 75 %; 23 would be 76.7 %.
  LOW: {
    park: 'operating',
    plant: 'operating',
    days: days('compliant', 22, 'insufficient_data'),
    expected: 'insufficient_data',
  },
  EDGE: { park: 'operating', plant: 'operating', days: days('compliant', 23, null), expected: 'met' },
  NOP: { park: 'operating', plant: 'operating', days: days('no_permit'), expected: 'no_permit' },
  BUILD: { park: 'operating', plant: 'under_construction', days: [], expected: 'no_operating_plant' },
  PLAN: { park: 'planned', plant: null, days: [], expected: 'no_operating_plant' },
};

describe('the park-standing rule and the KPI: API and Grafana agree (one SQL source)', () => {
  let store: TestStore;
  let db: Database;
  let views: ComplianceViewsService;

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 2 });
    db = store.db;
    for (const [code, s] of Object.entries(SCENARIOS)) {
      const park = await new RegistryAdmin(db).registerPark({
        code,
        name: `Park ${code}`,
        operatingStatus: s.park,
      });
      if (s.plant === null) continue;
      const plant = await new RegistryAdmin(db).registerTreatmentPlant({
        code: `${code}-CETP`,
        parkId: park.id,
        name: 'CETP',
        operatingStatus: s.plant,
      });
      const station = await new RegistryAdmin(db).registerStation({
        code: `${code}-OUT`,
        plantId: plant.id,
        name: 'outlet',
        kind: 'outlet',
      });
      await new ComplianceWriter(db).storeStationDays(
        s.days.flatMap((verdict, i) =>
          verdict
            ? [{ stationId: station.id, day: addDays(MONTH.from, i), permitId: null, verdict, reasons: [] }]
            : [],
        ),
      );
    }
    views = new ComplianceViewsService(
      new RegistryReader(db),
      new ComplianceReader(db),
      new ReadingsReader(db),
    );
  });

  afterAll(async () => {
    await store?.cleanup();
  });

  const panel = (uid: string, title: string, park?: string) => panelRows(db, RANGE, uid, title, park);

  it('gives every park the same standing in the API and on the park dashboard, as worked by hand', async () => {
    const api = await views.parks(MONTH.from, MONTH.to, '2026-12-05');
    for (const [code, s] of Object.entries(SCENARIOS)) {
      expect(api.find((p) => p.parkCode === code)?.status).toBe(s.expected);
      expect(await panel('hp-park', 'Discharge standard', code)).toEqual([{ standing: s.expected }]);
    }
  });

  it('gives the same city KPI in the API and on the city overview: 2 of 7 operating parks', async () => {
    const kpi = await views.kpi('month', '2026-11-15', '2026-12-05');
    // Operating: MET, EXC, SUS, LOW, EDGE, NOP, BUILD (PLAN is planned). Met: MET and EDGE.
    expect([kpi.operatingParks, kpi.parksMeetingStandard, kpi.share]).toEqual([7, 2, 2 / 7]);
    expect(await panel('hp-city-overview', 'Operating parks meeting the discharge standard')).toEqual([
      { share: kpi.share },
    ]);
    expect(await panel('hp-city-overview', 'Parks meeting the standard / operating parks')).toEqual([
      { 'meeting the standard': kpi.parksMeetingStandard, 'operating parks': kpi.operatingParks },
    ]);
    expect(kpi.monthlyTrend.at(-1)).toEqual({
      month: '2026-11',
      operatingParks: 7,
      parksMeetingStandard: 2,
      share: 2 / 7,
    });
  });

  it("reads the rule's share from data: at 70 % the park with 22 of 30 compliant days meets it, in both", async () => {
    await new ComplianceWriter(db).setMinCompliantDayShare(0.7);
    try {
      expect((await views.park('LOW', MONTH.from, MONTH.to, '2026-12-05')).status).toBe('met');
      expect(await panel('hp-park', 'Discharge standard', 'LOW')).toEqual([{ standing: 'met' }]);
    } finally {
      await new ComplianceWriter(db).setMinCompliantDayShare(0.75);
    }
  });
});
