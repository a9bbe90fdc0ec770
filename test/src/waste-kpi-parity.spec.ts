import { localDayOf, localDayStart, periodOf } from '@hp/contracts';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { Database } from '@hp/storage';
import { openTestStore, TestStore } from '@hp/testing-store';
import { panelRows } from './support/grafana-panel';
import { DEFAULT_WASTE_POLICY, NewWasteEvent, WasteReader, WasteViewsService, WasteWriter } from '@hp/waste';

/**
 * One source per rule (issue 17.4, 17.5): /api/waste/kpi, the lot views and Grafana's waste panels judge
 * lots by the same SQL function (waste_lot_judgement), so they agree. This holds them to it on lots of every
 * standing and violation, judged now by both (Grafana judges at now()): the API's answers and each panel's
 * query, run as Grafana runs it, on the same folded lots.
 */
const DAY_MS = 86_400_000;
/** The local month that began at least 35 days ago: its open manifests are past their 30 days. */
const MONTH = periodOf('month', localDayOf(new Date(Date.now() - 35 * DAY_MS)));
const START = localDayStart(MONTH.from).getTime();
const RANGE = { from: new Date(START), to: new Date(localDayStart(MONTH.to).getTime() - 1) };
const HOUR = 3_600_000;

interface Plan {
  generator: string;
  kg: number;
  transporter?: string;
  receivedKg?: number;
  treated?: boolean;
}

/** Every standing: conforming, each kind of violation (an expired licence apart from none), in progress. */
const LOTS: Record<string, Plan & { expected: [string, string] }> = {
  OK: {
    generator: 'GEN',
    kg: 100,
    transporter: 'TR',
    receivedKg: 100,
    treated: true,
    expected: ['treated_conforming', ''],
  },
  SHORT: {
    generator: 'GEN',
    kg: 80,
    transporter: 'TR',
    receivedKg: 70,
    treated: true,
    expected: ['non_conforming', 'mass_mismatch'],
  },
  EXPIRED: {
    generator: 'GEN',
    kg: 60,
    transporter: 'TR-OLD',
    receivedKg: 60,
    treated: true,
    expected: ['non_conforming', 'licence_expired'],
  },
  UNLICENSED: {
    generator: 'GEN',
    kg: 50,
    transporter: 'TR-NONE',
    receivedKg: 50,
    treated: true,
    expected: ['non_conforming', 'party_not_licensed'],
  },
  OPEN: {
    generator: 'GEN',
    kg: 40,
    transporter: 'TR',
    receivedKg: 40,
    expected: ['non_conforming', 'manifest_overdue, treatment_unconfirmed'],
  },
  STORED: { generator: 'GEN', kg: 30, expected: ['in_progress', ''] },
};
/** A lot of an unregistered generator: of no park, counted city-wide only. */
const STRAY: Plan = { generator: 'GEN-X', kg: 20 };

function eventsOf(lot: string, plan: Plan, index: number): NewWasteEvent[] {
  const at = START + HOUR * (1 + index * 5);
  const event = (step: number, type: string, body: Record<string, unknown>): NewWasteEvent => {
    const time = new Date(at + step * HOUR);
    const id = `${lot}-${step}`;
    return {
      eventId: id,
      lotCode: lot,
      type,
      occurredAt: time,
      gatewayCode: 'GW',
      body: { id, type, lot, time: time.toISOString(), ...body },
    };
  };
  const events = [
    event(0, 'lot.generated', {
      generator: plan.generator,
      wasteCode: '16 01 12',
      massKg: plan.kg,
      container: 'c',
      storageArea: 'a',
    }),
  ];
  if (plan.transporter) {
    const manifest = `M-${lot}`;
    events.push(
      event(1, 'lot.handed-over', {
        manifest,
        transporter: plan.transporter,
        facility: 'TF',
        vehicle: 'v',
        massKg: plan.kg,
      }),
      event(2, 'lot.received', { manifest, facility: 'TF', massKg: plan.receivedKg }),
    );
    if (plan.treated)
      events.push(event(3, 'lot.treated', { facility: 'TF', method: 'recycling', certificate: `C-${lot}` }));
  }
  return events;
}

describe('the hazardous-waste lot rule: API and Grafana agree (one SQL source)', () => {
  let store: TestStore;
  let db: Database;
  let views: WasteViewsService;

  beforeAll(async () => {
    store = await openTestStore('pg', { poolSize: 2 });
    db = store.db;
    const park = await new RegistryAdmin(db).registerPark({ code: 'WPAR', name: 'Waste parity park' });
    const waste = new WasteWriter(db);
    const licensed = async (
      code: string,
      kind: 'transporter' | 'treatment_facility',
      validTo: string | null,
    ) => {
      const party = await waste.registerParty({ code, name: code, kind });
      await waste.licenseParty({
        partyId: party.id,
        licenceNumber: `${code}-L1`,
        wasteCodes: ['16 01 12'],
        validFrom: '2020-01-01',
        validTo,
      });
    };
    await waste.registerParty({ code: 'GEN', name: 'Factory', kind: 'generator', parkId: park.id });
    await licensed('TR', 'transporter', null);
    await licensed('TR-OLD', 'transporter', MONTH.from); // ended (exclusive) on the month's first day
    await licensed('TF', 'treatment_facility', null);
    const plans: [string, Plan][] = [...Object.entries(LOTS), ['STRAY', STRAY]];
    await waste.recordEvents(plans.flatMap(([lot, plan], i) => eventsOf(lot, plan, i)));
    views = new WasteViewsService(new WasteReader(db), new RegistryReader(db), DEFAULT_WASTE_POLICY);
  }, 60_000);

  afterAll(async () => {
    await store?.cleanup();
  });

  const panel = (uid: string, title: string, park?: string) => panelRows(db, RANGE, uid, title, park);

  it('gives every lot the same standing and violations in the lot view and on the park dashboard', async () => {
    const rows = await panel('hp-park', 'Waste lots', 'WPAR');
    const grafana = Object.fromEntries(rows.map((r) => [r['lot'], [r['standing'], r['violations']]]));
    const api: Record<string, [string, string]> = {};
    for (const lot of Object.keys(LOTS)) {
      const view = await views.lot(lot);
      api[lot] = [view.standing, view.violations.map((v) => v.code).join(', ')];
    }
    expect(api).toEqual(Object.fromEntries(Object.entries(LOTS).map(([lot, plan]) => [lot, plan.expected])));
    expect(grafana).toEqual(api);
  });

  it('gives the same city figures in /api/waste/kpi and on the city overview', async () => {
    const { city } = await views.kpi('month', MONTH.from);
    expect(city).toMatchObject({ lots: 7, generatedKg: 380, treatedConformingKg: 100, inProgressKg: 30 });
    const [figures] = await panel('hp-city-overview', 'Hazardous waste generated vs treated per regulation');
    expect(Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, Number(v)]))).toEqual({
      generated: city.generatedKg,
      'treated per regulation': city.treatedConformingKg,
      'non-conforming': city.nonConformingKg,
      'in progress': city.inProgressKg,
    });
    const [{ share }] = await panel('hp-city-overview', 'Hazardous waste treated per regulation');
    expect(Number(share)).toBeCloseTo(city.share!, 4);
  });
});
