import { formatReason } from '@hp/contracts';
import type { NewWasteEvent, WasteLotRecord } from '../storage/waste.types';
import { WASTE_LOT_STATES } from '../storage/waste.types';
import { foldLot } from './lot-fold';
import { chain, DAY, event, random, randomEvents, shuffle, T0 } from './lot-lifecycle.fixtures';

// The fold is pure: what the events alone show. The rules (licences, masses, deadlines) run in SQL and are
// tested on a database in lot-judgement.integration.spec.ts.
const fold = (events: readonly NewWasteEvent[]): WasteLotRecord =>
  foldLot('LOT', events, (g) => (g === 'GEN' ? 1 : null));
const codes = (events: readonly NewWasteEvent[]) => fold(events).findings.map((f) => f.code);

describe('lot fold: what the events show', () => {
  it('folds a complete chain into a treated lot without findings', () => {
    expect(fold(chain())).toMatchObject({
      state: 'treated',
      parkId: 1,
      manifestNumber: 'M-1',
      eventCount: 5,
      generatedKg: 400,
      findings: [],
    });
  });

  it('reports gaps and contradictions the events themselves show, as codes with parameters', () => {
    const [g, c, h, r, t] = chain();
    expect(fold([g, c, r, t]).findings).toEqual([
      { code: 'chain_gap', params: { step: 'lot.received', missing: 'lot.handed-over' } },
    ]);
    expect(fold([c]).findings).toEqual([
      { code: 'chain_gap', params: { step: null, missing: 'lot.generated' } },
    ]);
    expect(codes([g, h, { ...r, occurredAt: new Date(h.occurredAt.getTime() - 1000) }, t])).toEqual([
      'chain_order',
    ]);
    expect(fold(chain({ receipt: { facility: 'TF-OIL' } })).findings).toEqual([
      {
        code: 'facility_mismatch',
        params: { stage: 'receipt', facility: 'TF-OIL', expectedFacility: 'TF', manifest: 'M-1' },
      },
      {
        code: 'facility_mismatch',
        params: { stage: 'treatment', facility: 'TF', expectedFacility: 'TF-OIL', manifest: 'M-1' },
      },
    ]);
    expect(codes(chain({ receipt: { manifest: 'M-2' } }))).toEqual(['manifest_mismatch']);
    const twice = event('h2', 'lot.handed-over', h.occurredAt.getTime() + 1000, { ...h.body, massKg: 10 });
    const [conflict] = fold([...chain(), twice]).findings;
    expect(conflict).toEqual({
      code: 'conflicting_events',
      params: { step: 'lot.handed-over', count: 2, eventIds: 'h, h2', used: 'h' },
    });
    expect(formatReason(conflict, 'en')).toBe('2 lot.handed-over events (h, h2); the first, h, is used');
    const leak = event('c2', 'lot.storage-checked', T0 + 8 * DAY, { condition: 'leaking' });
    expect(codes([...chain(), leak])).toEqual(['storage_condition']);
  });
});

describe('lot fold: properties over 500 random event sequences', () => {
  const cases = Array.from({ length: 500 }, (_, seed) => seed);

  it('ends every sequence in one defined state, whatever the order', () => {
    for (const seed of cases) {
      const next = random(seed);
      const events = randomEvents(next);
      const reference = fold(events);
      // The state is the furthest step reported (storage checks alone: stored).
      const steps = ['lot.generated', 'lot.handed-over', 'lot.received', 'lot.treated'];
      const furthest = Math.max(0, ...events.map((e) => steps.indexOf(e.type)));
      expect({ seed, state: reference.state }).toEqual({ seed, state: WASTE_LOT_STATES[furthest] });
      for (let k = 0; k < 4; k++)
        expect({ seed, lot: fold(shuffle(events, next)) }).toEqual({ seed, lot: reference });
    }
  });

  it('is unchanged by replaying any of the events again (same ids)', () => {
    for (const seed of cases) {
      const next = random(seed);
      const events = randomEvents(next);
      const replayed = [...events, ...events.filter(() => next() < 0.5), ...events];
      expect({ seed, lot: fold(shuffle(replayed, next)) }).toEqual({ seed, lot: fold(events) });
    }
  });
});
