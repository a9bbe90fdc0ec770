import { WASTE_LOT_KINDS, wasteScenario } from './waste-scenario';

const OPTIONS = {
  parkCodes: ['P1', 'P2'],
  generatorsPerPark: 3,
  lotsPerGenerator: 20,
  seed: 7,
  now: new Date('2026-11-28T00:00:00Z'),
};
const scenario = wasteScenario(OPTIONS);

describe('wasteScenario', () => {
  it('holds every kind of lot, mostly conforming, each with its expected violations', () => {
    const kinds = new Set(scenario.lots.map((l) => l.kind));
    expect([...kinds].sort()).toEqual(Object.keys(WASTE_LOT_KINDS).sort());
    const clean = scenario.lots.filter((l) => l.expected.length === 0).length;
    expect(clean / scenario.lots.length).toBeGreaterThan(0.6);
    for (const lot of scenario.lots) expect(lot.expected).toEqual([...WASTE_LOT_KINDS[lot.kind]].sort());
  });

  it('is the same for the same seed, and never dates an event after its now', () => {
    const again = wasteScenario({ ...OPTIONS, now: new Date(OPTIONS.now) });
    expect(again).toEqual(scenario);
    const times = scenario.lots.flatMap((l) => l.events.map((e) => Date.parse(e.event.time)));
    expect(Math.max(...times)).toBeLessThanOrEqual(scenario.now.getTime());
  });

  it('gives each generator a declared annual generation for this year and last, above what it tracks', () => {
    const withUntracked = wasteScenario({
      ...OPTIONS,
      untrackedGeneratorsPerPark: 1,
      untrackedParkCodes: ['P3'],
    });
    // Adding factories that report nothing leaves the lots of a seed as they were.
    expect(withUntracked.lots).toEqual(scenario.lots);
    const generators = withUntracked.parties.filter((p) => p.kind === 'generator');
    expect(generators.map((g) => g.code)).toEqual([
      'P1-F01',
      'P1-F02',
      'P1-F03',
      'P1-U01',
      'P2-F01',
      'P2-F02',
      'P2-F03',
      'P2-U01',
      'P3-U01',
    ]);
    for (const g of generators) {
      const trackedKg = withUntracked.lots
        .filter((l) => l.lotCode.startsWith(`${g.code}-`))
        .reduce((sum, l) => sum + l.kg, 0);
      expect(g.declarations!.map((d) => d.year)).toEqual([2025, 2026]);
      for (const d of g.declarations!) {
        if (g.code.includes('-U')) {
          // Not tracked: no lot, yet waste declared.
          expect(trackedKg).toBe(0);
          expect(d.generatedKg).toBeGreaterThanOrEqual(2000);
          expect(d.generatedKg).toBeLessThanOrEqual(12000);
        } else {
          // Tracked: the lots (about a year of them) are 1/1.6 to 1/1.1 of what the factory declared.
          expect(d.generatedKg).toBeGreaterThanOrEqual(Math.round(trackedKg * 1.1));
          expect(d.generatedKg).toBeLessThanOrEqual(Math.round(trackedKg * 1.6));
        }
      }
    }
    expect(withUntracked.parties.filter((p) => p.kind !== 'generator').every((p) => !p.declarations)).toBe(
      true,
    );
  });

  it('keeps each chain in step order and names only registered parties and gateways', () => {
    const parties = new Set(scenario.parties.map((p) => p.code));
    const gateways = new Set(scenario.gateways.map((g) => g.code));
    const order = ['lot.generated', 'lot.handed-over', 'lot.received', 'lot.treated'];
    for (const lot of scenario.lots) {
      const steps = lot.events.filter((e) => order.includes(e.event.type));
      const times = steps.map((e) => Date.parse(e.event.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const { gateway, event } of lot.events) {
        expect(gateways.has(gateway)).toBe(true);
        for (const key of ['generator', 'transporter', 'facility'] as const) {
          const code = (event as unknown as Record<string, string | undefined>)[key];
          if (code !== undefined) expect(parties.has(code)).toBe(true);
        }
      }
    }
  });
});
