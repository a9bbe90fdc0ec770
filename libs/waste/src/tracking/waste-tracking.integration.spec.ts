import { Database } from '@hp/storage';
import { RegistryAdmin, RegistryReader } from '@hp/registry';
import { Quarantine } from '@hp/ingestion';
import { WasteEventsRepository } from '../storage/waste-events.repository';
import { WasteLotsRepository } from '../storage/waste-lots.repository';
import { WasteReader } from '../storage/waste-reader';
import { WastePartiesRepository } from '../storage/waste-parties.repository';
import { openTestStore, TEST_STORE_DRIVERS } from '@hp/testing-store';
import { DEFAULT_WASTE_POLICY } from '../lifecycle/waste-policy';
import { WasteViewsService } from '../views/waste-views.service';
import { refoldAllLots, WasteTrackingService } from './waste-tracking.service';

const TOPIC = 'hp/v1/waste/GW-A/events';
const AT = { clientId: null, receivedAt: new Date('2026-06-30T00:00:00Z') };
const DAY = 86_400_000;

interface LotPlan {
  lot: string;
  generator: string;
  kg: number;
  generatedAt: string;
  transporter?: string;
  receivedKg?: number;
  /** Days from generation to handover, receipt (same day) and treatment; absent steps are not sent. */
  handoverDay?: number;
  treatedDay?: number;
}

/** The events of one planned lot, with ids derived from the lot so a replay sends the same ids. */
function eventsOf(p: LotPlan): object[] {
  const at = (days: number, hours = 0) =>
    new Date(Date.parse(p.generatedAt) + days * DAY + hours * 3_600_000).toISOString();
  const events: object[] = [
    {
      id: `${p.lot}-g`,
      type: 'lot.generated',
      lot: p.lot,
      time: p.generatedAt,
      generator: p.generator,
      wasteCode: '16 01 12',
      massKg: p.kg,
      container: 'box',
      storageArea: 'A',
    },
  ];
  if (p.handoverDay !== undefined) {
    events.push(
      {
        id: `${p.lot}-h`,
        type: 'lot.handed-over',
        lot: p.lot,
        time: at(p.handoverDay),
        manifest: `M/${p.lot}`,
        transporter: p.transporter ?? 'TR-1',
        facility: 'TF-1',
        vehicle: '15C-1',
        massKg: p.kg,
      },
      {
        id: `${p.lot}-r`,
        type: 'lot.received',
        lot: p.lot,
        time: at(p.handoverDay, 4),
        manifest: `M/${p.lot}`,
        facility: 'TF-1',
        massKg: p.receivedKg ?? p.kg,
      },
    );
  }
  if (p.treatedDay !== undefined) {
    events.push({
      id: `${p.lot}-t`,
      type: 'lot.treated',
      lot: p.lot,
      time: at(p.treatedDay),
      facility: 'TF-1',
      method: 'recycling',
      certificate: `C-${p.lot}`,
    });
  }
  return events;
}

const message = (events: object[]) => Buffer.from(JSON.stringify({ events }));

/*
 * Golden KPI case, June 2026, judged on 2026-06-30T00:00Z (policy: 2 % tolerance, 365 days, 30 days):
 *   A1  park A  400 kg  treated on day 10, all conforming           -> treated per regulation
 *   A2  park A  250 kg  received 240 kg (4 % off)                    -> non-conforming (mass_mismatch)
 *   A3  park A  100 kg  still in storage (20 days)                   -> in progress
 *   A4  park A   50 kg  transporter TR-X holds no licence            -> non-conforming (party_not_licensed)
 *   A5  park A  999 kg  generated in May                             -> outside the period
 *   B1  park B   70 kg  treated on day 5                             -> treated per regulation
 * City:   generated 400+250+100+50+70 = 870 kg; per regulation 400+70 = 470 kg; share 470/870 = 0.5402;
 *         non-conforming 250+50 = 300 kg; in progress 100 kg; share of settled 470/(870-100) = 0.6104.
 * Park A: generated 800 kg; per regulation 400 kg; share 0.5; settled 400/700 = 0.5714.
 */
const GOLDEN: LotPlan[] = [
  {
    lot: 'A1',
    generator: 'GEN-A',
    kg: 400,
    generatedAt: '2026-06-01T02:00:00Z',
    handoverDay: 3,
    treatedDay: 10,
  },
  {
    lot: 'A2',
    generator: 'GEN-A',
    kg: 250,
    generatedAt: '2026-06-02T02:00:00Z',
    handoverDay: 3,
    receivedKg: 240,
    treatedDay: 9,
  },
  { lot: 'A3', generator: 'GEN-A', kg: 100, generatedAt: '2026-06-10T02:00:00Z' },
  {
    lot: 'A4',
    generator: 'GEN-A',
    kg: 50,
    generatedAt: '2026-06-03T02:00:00Z',
    handoverDay: 1,
    transporter: 'TR-X',
    treatedDay: 6,
  },
  {
    lot: 'A5',
    generator: 'GEN-A',
    kg: 999,
    generatedAt: '2026-05-20T02:00:00Z',
    handoverDay: 2,
    treatedDay: 8,
  },
  {
    lot: 'B1',
    generator: 'GEN-B',
    kg: 70,
    generatedAt: '2026-06-05T02:00:00Z',
    handoverDay: 1,
    treatedDay: 5,
  },
];

describe.each(TEST_STORE_DRIVERS)('hazardous-waste tracking: $name', ({ driver }) => {
  let db: Database;
  let cleanup: () => Promise<unknown>;
  let tracking: WasteTrackingService;
  let views: WasteViewsService;

  beforeAll(async () => {
    ({ db, cleanup } = await openTestStore(driver));
    const parties = new WastePartiesRepository(db);
    const parkA = await new RegistryAdmin(db).registerPark({ code: 'PA', name: 'Park A' });
    const parkB = await new RegistryAdmin(db).registerPark({ code: 'PB', name: 'Park B' });
    await parties.upsert({ code: 'GEN-A', name: 'Factory A', kind: 'generator', parkId: parkA.id });
    await parties.upsert({ code: 'GEN-B', name: 'Factory B', kind: 'generator', parkId: parkB.id });
    for (const [code, kind] of [
      ['TR-1', 'transporter'],
      ['TF-1', 'treatment_facility'],
      ['TR-X', 'transporter'],
    ] as const) {
      const party = await parties.upsert({ code, name: code, kind });
      if (code !== 'TR-X')
        await parties.addLicence({
          partyId: party.id,
          licenceNumber: `${code}-L`,
          wasteCodes: ['16 01 12'],
          validFrom: '2025-01-01',
        });
    }
    await new RegistryAdmin(db).registerDevice({ code: 'GW-A', kind: 'scale', parkId: parkA.id });
    await new RegistryAdmin(db).registerDevice({ code: 'AN-A', kind: 'analyzer', parkId: parkA.id });
    tracking = new WasteTrackingService(db, new RegistryReader(db));
    views = new WasteViewsService(new WasteReader(db), new RegistryReader(db), DEFAULT_WASTE_POLICY);
  });
  afterAll(() => cleanup());

  it('stores events out of order, keeps the good ones beside a bad one, and a replay changes nothing', async () => {
    const events = eventsOf(GOLDEN[0]).reverse();
    const bad = {
      id: 'A1-bad',
      type: 'lot.received',
      lot: 'A1',
      time: '2026-06-04T06:00:00Z',
      facility: 'TF-1',
    };
    const first = await tracking.ingest(TOPIC, message([...events, bad]), AT);
    expect(first).toMatchObject({
      stored: 4,
      duplicates: 0,
      lots: ['A1'],
      problems: [
        {
          index: 4,
          source: null,
          reason: {
            code: 'PAYLOAD_SCHEMA_INVALID',
            params: {
              problems: [
                { path: 'events[4].manifest', rule: 'required' },
                { path: 'events[4].massKg', rule: 'required' },
              ],
              more: 0,
            },
          },
        },
      ],
    });
    const lots = new WasteLotsRepository(db);
    const folded = await lots.find('A1');
    expect(folded).toMatchObject({
      state: 'treated',
      generatorCode: 'GEN-A',
      generatedKg: 400,
      receivedKg: 400,
      findings: [],
      eventCount: 4,
    });
    expect(await new Quarantine(db).count()).toBe(1);

    const replay = await tracking.ingest(TOPIC, message(eventsOf(GOLDEN[0])), AT);
    expect(replay).toMatchObject({ stored: 0, duplicates: 4, lots: [], problems: [] });
    expect(await lots.find('A1')).toEqual(folded);
    expect(await new WasteEventsRepository(db).count()).toBe(4);
  });

  it('refuses a message from an unknown gateway or a device that is not a scale, storing nothing', async () => {
    for (const gateway of ['GW-NONE', 'AN-A']) {
      expect(
        await tracking.ingest(`hp/v1/waste/${gateway}/events`, message(eventsOf(GOLDEN[1])), AT),
      ).toMatchObject({
        stored: 0,
        problems: [{ index: null, reason: { code: 'WASTE_GATEWAY_NOT_REGISTERED', params: { gateway } } }],
      });
    }
    expect(await new WasteLotsRepository(db).find('A2')).toBeNull();
    const future = {
      ...(eventsOf(GOLDEN[2])[0] as object),
      id: 'future',
      lot: 'F',
      time: '2026-07-01T00:00:00Z',
    };
    expect((await tracking.ingest(TOPIC, message([future]), AT)).problems).toEqual([
      {
        index: 0,
        source: 'events[0]',
        reason: {
          code: 'WASTE_EVENT_TIME_IN_FUTURE',
          params: { time: '2026-07-01T00:00:00Z', toleranceMinutes: 5 },
        },
      },
    ]);
  });

  it('rebuilds every lot from the stored events alone (waste-refold)', async () => {
    const lots = new WasteLotsRepository(db);
    const before = await lots.find('A1');
    await lots.upsert({
      ...before!,
      state: 'stored',
      findings: [{ code: 'TEXT', params: { text: 'damaged row' } }],
    });
    expect(await refoldAllLots(db)).toBeGreaterThanOrEqual(1);
    expect(await lots.find('A1')).toEqual(before);
  });

  it('folds the same lot consistently when its events arrive in concurrent messages', async () => {
    const plan: LotPlan = {
      lot: 'C1',
      generator: 'GEN-A',
      kg: 10,
      generatedAt: '2025-01-02T00:00:00Z',
      handoverDay: 1,
      treatedDay: 2,
    };
    await Promise.all(eventsOf(plan).map((e) => tracking.ingest(TOPIC, message([e]), AT)));
    expect(await new WasteLotsRepository(db).find('C1')).toMatchObject({
      state: 'treated',
      eventCount: 4,
      findings: [],
    });
  });

  it('gives the golden KPI city-wide and per park, with the reasons of each non-conforming lot', async () => {
    for (const plan of GOLDEN) await tracking.ingest(TOPIC, message(eventsOf(plan)), AT);
    const asOf = new Date('2026-06-30T00:00:00Z');
    const kpi = await views.kpi('month', '2026-06-15', asOf);
    expect(kpi.city).toEqual({
      lots: 5,
      generatedKg: 870,
      treatedConformingLots: 2,
      treatedConformingKg: 470,
      nonConformingLots: 2,
      nonConformingKg: 300,
      inProgressLots: 1,
      inProgressKg: 100,
      share: 0.5402,
      shareOfSettled: 0.6104,
    });
    expect(
      kpi.parks.map((p) => [p.parkCode, p.generatedKg, p.treatedConformingKg, p.share, p.shareOfSettled]),
    ).toEqual([
      ['PA', 800, 400, 0.5, 0.5714],
      ['PB', 70, 70, 1, 1],
    ]);
    const park = await views.park('PA', 'month', '2026-06-15', asOf);
    expect(park.nonConforming.map((l) => [l.lotCode, l.violations])).toEqual([
      [
        'A2',
        [
          {
            code: 'mass_mismatch',
            params: { receivedKg: 240, handedOverKg: 250, offPercent: 4, tolerancePercent: 2 },
          },
        ],
      ],
      [
        'A4',
        [
          {
            code: 'party_not_licensed',
            params: {
              role: 'transporter',
              party: 'TR-X',
              problem: 'no_licence',
              registeredAs: 'transporter',
              wasteCode: '16 01 12',
              day: '2026-06-04',
            },
          },
        ],
      ],
    ]);
    expect(park.inProgress).toEqual([
      expect.objectContaining({
        lotCode: 'A3',
        state: 'stored',
        storageDeadline: '2027-06-10T02:00:00.000Z',
      }),
    ]);
    const manifest = await views.manifest('M/A2', asOf);
    expect(manifest).toMatchObject({
      status: 'closed',
      handedOverKg: 250,
      receivedKg: 240,
      lots: [{ lotCode: 'A2', standing: 'non_conforming' }],
    });
  });

  it("gives a generator's yearly figures per waste code for the annual report", async () => {
    const report = await views.annualReport(2026, 'PA', new Date('2026-06-30T00:00:00Z'));
    // GEN-A in 2026: A1 400 + A2 250 + A3 100 + A4 50 + A5 999 generated = 1799; handed over 400+250+50+999 = 1699
    // (A3 still stored); treated 1699; at year end A3's 100 kg is still stored; A2 and A4 non-conforming.
    expect(report.generators).toEqual([
      {
        generatorCode: 'GEN-A',
        lines: [
          {
            wasteCode: '16 01 12',
            generatedKg: 1799,
            handedOverKg: 1699,
            treatedKg: 1699,
            storedAtYearEndKg: 100,
            nonConformingLots: 2,
          },
        ],
        totals: {
          generatedKg: 1799,
          handedOverKg: 1699,
          treatedKg: 1699,
          storedAtYearEndKg: 100,
          nonConformingLots: 2,
        },
      },
    ]);
    // C1 (2025) was treated in 2025: not part of 2026.
    expect(report.totals.generatedKg).toBe(1799);
  });

  // Issue 16, deliverable 8: waste seen whole. A generator with lots (GEN-A, declared), one with lots and
  // no declaration (GEN-B), one declared but untracked (GEN-C), one with neither (GEN-D, alone in park PC).
  it('compares the tracked lots with declared annual generation: not tracked, no data, and the shares of declared waste', async () => {
    const parties = new WastePartiesRepository(db);
    const parkB = (await new RegistryReader(db).parks.findByCode('PB'))!;
    const parkC = await new RegistryAdmin(db).registerPark({ code: 'PC', name: 'Park C' });
    const genA = (await parties.findByCode('GEN-A'))!;
    const genC = await parties.upsert({
      code: 'GEN-C',
      name: 'Factory C',
      kind: 'generator',
      parkId: parkB.id,
    });
    await parties.upsert({ code: 'GEN-D', name: 'Factory D', kind: 'generator', parkId: parkC.id });
    await parties.declare({ partyId: genA.id, year: 2026, declaredKg: 2000 });
    await parties.declare({ partyId: genC.id, year: 2026, declaredKg: 500 });
    await parties.declare({ partyId: genC.id, year: 2025, declaredKg: 7 }); // another year: not counted

    // A month's KPI compares its whole year: GEN-A's 2026 lots are A1 400, A2 250, A3 100, A4 50, A5 999
    // = 1799 kg, of which A1 and A5 (1399 kg) were treated per regulation; B1 (70 kg) is GEN-B's, undeclared.
    const kpi = await views.kpi('month', '2026-06-15', new Date('2026-06-30T00:00:00Z'));
    expect(kpi.declared.year).toBe(2026);
    expect(kpi.declared.city).toEqual({
      declaredKg: 2500,
      trackedKg: 1799,
      compliantKg: 1399,
      trackedShare: 0.7196,
      compliantShare: 0.5596,
      undeclaredTrackedKg: 70,
      lots: 6,
    });
    const generator = (code: string) => kpi.declared.generators.find((g) => g.generatorCode === code);
    expect(generator('GEN-A')).toMatchObject({
      parkCode: 'PA',
      tracking: 'tracked',
      declaredKg: 2000,
      trackedKg: 1799,
      compliantKg: 1399,
      trackedShare: 0.8995,
      compliantShare: 0.6995,
    });
    expect(generator('GEN-B')).toMatchObject({
      tracking: 'tracked',
      declaredKg: null,
      trackedShare: null,
      undeclaredTrackedKg: 70,
    });
    expect(generator('GEN-C')).toMatchObject({
      parkCode: 'PB',
      tracking: 'not_tracked',
      declaredKg: 500,
      trackedKg: 0,
      trackedShare: 0,
      compliantShare: 0,
    });
    expect(generator('GEN-D')).toMatchObject({
      parkCode: 'PC',
      tracking: 'no_data',
      declaredKg: null,
      lots: 0,
    });
    // Every park is listed, the one with nothing too.
    expect(kpi.declared.parks.map((p) => [p.parkCode, p.tracking, p.declaredKg, p.trackedShare])).toEqual([
      ['PA', 'tracked', 2000, 0.8995],
      ['PB', 'tracked', 500, 0],
      ['PC', 'no_data', null, null],
    ]);
    // The period's own figures are unchanged beside it.
    expect(kpi.city.generatedKg).toBe(870);
    expect(kpi.parks.map((p) => p.parkCode)).toEqual(['PA', 'PB']);
  });
});
