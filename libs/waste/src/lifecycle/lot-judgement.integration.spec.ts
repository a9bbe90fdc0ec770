import { formatReason } from '@hp/contracts';
import { RegistryAdmin } from '@hp/registry';
import { Database } from '@hp/storage';
import { openTestStore, TEST_STORE_DRIVERS, TestStore } from '@hp/testing-store';
import type { LotVerdict, NewWasteEvent } from '../storage/waste.types';
import { LOT_STANDINGS } from '../storage/waste.types';
import { WasteReader } from '../storage/waste-reader';
import { WasteWriter } from '../storage/waste-writer';
import { foldLot } from './lot-fold';
import { chain, DAY, event, PARTIES, random, randomEvents, T0 } from './lot-lifecycle.fixtures';
import { summarizeVerdicts } from './lot-summary';
import { DEFAULT_WASTE_POLICY } from './waste-policy';

// The rules of a lot run in SQL (waste_lot_judgement, migration 0027): the API, reports, alerts and
// Grafana call that one function. These are the lifecycle's golden cases and properties, on both drivers.
describe.each(TEST_STORE_DRIVERS)('lot judgement (SQL waste_lot_judgement) on $name', ({ driver }) => {
  let store: TestStore;
  let db: Database;
  let writer: WasteWriter;
  let reader: WasteReader;
  let parkId: number;
  let lots = 0;

  beforeAll(async () => {
    store = await openTestStore(driver, { poolSize: 2 });
    db = store.db;
    writer = new WasteWriter(db);
    reader = new WasteReader(db);
    parkId = (await new RegistryAdmin(db).registerPark({ code: 'JP', name: 'Judged park' })).id;
    for (const p of PARTIES) {
      const party = await writer.registerParty({
        code: p.code,
        name: p.code,
        kind: p.kind,
        parkId: p.kind === 'generator' ? parkId : null,
      });
      for (const [i, [wasteCodes, validFrom, validTo]] of p.licences.entries()) {
        await writer.licenseParty({
          partyId: party.id,
          licenceNumber: `${p.code}-L${i + 1}`,
          wasteCodes,
          validFrom,
          validTo,
        });
      }
    }
  }, 60_000);

  afterAll(async () => {
    await store?.cleanup();
  });

  /** Folds the events as a new lot, stores it and judges it at asOf under the default policy. */
  async function judge(events: readonly NewWasteEvent[], asOf = T0 + 400 * DAY): Promise<LotVerdict> {
    const lotCode = `LOT-${++lots}`;
    await writer.saveFoldedLot(foldLot(lotCode, events, (g) => (g === 'GEN' ? parkId : null)));
    const [verdict] = await reader.lots.judge({ lotCode }, { asOf: new Date(asOf), ...DEFAULT_WASTE_POLICY });
    return verdict;
  }
  const codes = async (events: readonly NewWasteEvent[], asOf?: number) =>
    (await judge(events, asOf)).violations.map((v) => v.code);

  it('counts a complete chain within licences, tolerance and deadlines as treated per regulation', async () => {
    const verdict = await judge(chain());
    expect(verdict).toMatchObject({ standing: 'treated_conforming', violations: [], kg: 400 });
    expect(verdict.lot).toMatchObject({ state: 'treated', parkId, manifestNumber: 'M-1', eventCount: 5 });
    expect(verdict).toMatchObject({ storageDeadline: null, manifestDeadline: null });
  });

  it('tells a transporter whose licence has expired from one with no licence for the code', async () => {
    const [expired] = (await judge(chain({ handover: { transporter: 'TR-OLD' } }))).violations;
    expect(expired).toEqual({
      code: 'licence_expired',
      params: {
        role: 'transporter',
        party: 'TR-OLD',
        licence: 'TR-OLD-L1',
        wasteCode: '16 01 12',
        endedOn: '2026-01-01',
        day: '2026-02-04',
      },
    });
    expect(formatReason(expired, 'en')).toBe(
      'Transporter TR-OLD’s licence TR-OLD-L1 for 16 01 12 ended on 01/01/2026, before 04/02/2026',
    );
    const oil = { facility: 'TF-OIL' };
    const [none] = (await judge(chain({ handover: oil, receipt: oil, treatment: oil }))).violations;
    expect(none).toEqual({
      code: 'party_not_licensed',
      params: {
        role: 'treatment_facility',
        party: 'TF-OIL',
        problem: 'no_licence',
        registeredAs: 'treatment_facility',
        wasteCode: '16 01 12',
        day: '2026-02-04',
      },
    });
    expect(formatReason(none, 'vi')).toBe(
      'Cơ sở xử lý TF-OIL không có giấy phép cho mã 16 01 12 vào ngày 04/02/2026',
    );
    expect(await codes(chain({ handover: { transporter: 'NOBODY' } }))).toEqual(['party_not_licensed']);
    const [otherKind] = (await judge(chain({ handover: { transporter: 'TF' } }))).violations;
    expect(formatReason(otherKind, 'en')).toBe('TF is a treatment facility, not a transporter');
  });

  it('holds valid_to exclusive: a licence ending on the handover day does not cover it, the day after does', async () => {
    const tr = await writer.registerParty({ code: 'TR-END', name: 'TR-END', kind: 'transporter' });
    const licence = (validTo: string) =>
      writer.licenseParty({
        partyId: tr.id,
        licenceNumber: 'TR-END-L1',
        wasteCodes: ['16 01 12'],
        validFrom: '2025-01-01',
        validTo,
      });
    await licence('2026-02-04');
    expect(await codes(chain({ handover: { transporter: 'TR-END' } }))).toEqual(['licence_expired']);
    await licence('2026-02-05');
    expect(await codes(chain({ handover: { transporter: 'TR-END' } }))).toEqual([]);
  });

  it('flags a received mass beyond the tolerance, and only beyond it', async () => {
    expect(await codes(chain({ receipt: { massKg: 392 } }))).toEqual([]); // exactly 2 %
    const [short] = (await judge(chain({ receipt: { massKg: 380 } }))).violations;
    expect(short).toEqual({
      code: 'mass_mismatch',
      params: { receivedKg: 380, handedOverKg: 400, offPercent: 5, tolerancePercent: 2 },
    });
    expect(formatReason(short, 'en')).toBe(
      'Received 380 kg of 400 kg handed over: 5 % off, beyond the 2 % tolerance',
    );
    expect(await codes(chain({ receipt: { massKg: 420 } }))).toEqual(['mass_mismatch']);
  });

  it('flags storage beyond the maximum, whether the lot was handed over late or is still stored', async () => {
    const late = chain().map((e) =>
      e.type === 'lot.generated' ? { ...e, occurredAt: new Date(T0 - 400 * DAY) } : e,
    );
    expect((await judge(late)).violations).toEqual([
      {
        code: 'storage_overdue',
        params: { storedDays: 430, maxStorageDays: 365, leftStorage: true, day: '2026-02-04' },
      },
    ]);
    const stored = chain().slice(0, 2);
    expect(await judge(stored, T0 + 100 * DAY)).toMatchObject({
      standing: 'in_progress',
      violations: [],
      storageDeadline: new Date(T0 + 365 * DAY),
    });
    expect(await codes(stored, T0 + 366 * DAY)).toEqual(['storage_overdue']);
  });

  it('flags a manifest closed late, and one never closed with its treatment unconfirmed', async () => {
    const closedLate = chain().map((e) =>
      e.type === 'lot.treated' ? { ...e, occurredAt: new Date(T0 + 75 * DAY) } : e,
    );
    expect((await judge(closedLate)).violations).toEqual([
      {
        code: 'manifest_overdue',
        params: { manifest: 'M-1', days: 45, manifestCloseDays: 30, closed: true },
      },
    ]);
    const open = chain().slice(0, 4);
    expect(await judge(open, T0 + 50 * DAY)).toMatchObject({
      standing: 'in_progress',
      violations: [],
      manifestDeadline: new Date(T0 + 60 * DAY),
    });
    const overdue = (await judge(open, T0 + 61 * DAY)).violations;
    expect(overdue).toEqual([
      {
        code: 'manifest_overdue',
        params: { manifest: 'M-1', days: 31, manifestCloseDays: 30, closed: false },
      },
      {
        code: 'treatment_unconfirmed',
        params: { received: true, facility: 'TF', transporter: 'TR', day: '2026-02-04' },
      },
    ]);
    expect(overdue.map((v) => formatReason(v, 'en'))).toEqual([
      'Manifest M-1 still open 31 days after handover, beyond 30 days',
      'Received by TF on 04/02/2026; treatment never confirmed',
    ]);
    const [, neverReceived] = (await judge(chain().slice(0, 3), T0 + 61 * DAY)).violations;
    expect(formatReason(neverReceived, 'en')).toBe(
      'Handed over to TR on 04/02/2026; never received, treatment never confirmed',
    );
  });

  it('passes the findings of the events through, ahead of the rules', async () => {
    const [g, c, , r, t] = chain();
    expect(await codes([g, c, r, t])).toEqual(['chain_gap']);
    expect(await codes(chain({ receipt: { facility: 'TF-OIL' } }))).toEqual([
      'facility_mismatch',
      'facility_mismatch',
      'party_not_licensed',
    ]);
    const leak = event('c2', 'lot.storage-checked', T0 + 8 * DAY, { condition: 'leaking' });
    expect(await codes([...chain(), leak])).toEqual(['storage_condition']);
  });

  it('gives 500 random lots each one standing, and the standings add up to the lots and their mass', async () => {
    const cases = Array.from({ length: 500 }, (_, seed) => seed);
    for (const seed of cases) {
      const folded = foldLot(`RND-${seed}`, randomEvents(random(seed)), () => parkId);
      // Anchored in one range of its own, so the scope below reads exactly these lots.
      await writer.saveFoldedLot({ ...folded, anchorAt: new Date(Date.UTC(2030, 0, 1) + seed * 1000) });
    }
    const scope = {
      anchoredIn: { from: new Date(Date.UTC(2030, 0, 1)), to: new Date(Date.UTC(2030, 0, 2)) },
    };
    for (const asOf of [T0 + 45 * DAY, T0 + 120 * DAY]) {
      const verdicts = await reader.lots.judge(scope, { asOf: new Date(asOf), ...DEFAULT_WASTE_POLICY });
      expect(verdicts).toHaveLength(cases.length);
      for (const v of verdicts) {
        expect(LOT_STANDINGS).toContain(v.standing);
        expect(v.standing === 'non_conforming').toBe(v.violations.length > 0);
        if (v.standing === 'treated_conforming') expect(v.lot.state).toBe('treated');
        for (const violation of v.violations) expect(formatReason(violation, 'vi')).not.toMatch(/[{}]/);
      }
      const kpi = summarizeVerdicts(verdicts);
      expect(kpi.treatedConformingLots + kpi.nonConformingLots + kpi.inProgressLots).toBe(kpi.lots);
      expect(kpi.generatedKg).toBeCloseTo(
        verdicts.reduce((sum, v) => sum + v.kg, 0),
        3,
      );
      expect(kpi.treatedConformingKg + kpi.nonConformingKg + kpi.inProgressKg).toBeCloseTo(
        kpi.generatedKg,
        3,
      );
      // The sample holds all three standings, so the properties above are not vacuous.
      expect(Math.min(kpi.treatedConformingLots, kpi.nonConformingLots, kpi.inProgressLots)).toBeGreaterThan(
        0,
      );
    }
  }, 120_000);
});
