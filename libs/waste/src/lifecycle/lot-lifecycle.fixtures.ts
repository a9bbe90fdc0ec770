import type { NewWasteEvent } from '../storage/waste.types';

// Shared by the fold's small spec and the judgement's medium spec: one conforming chain and random ones.

export const DAY = 86_400_000;
export const T0 = Date.parse('2026-01-05T01:00:00Z');

/** The registered parties the chains name: kind and licences (waste codes, valid from, valid to). */
export const PARTIES: readonly {
  code: string;
  kind: 'generator' | 'transporter' | 'treatment_facility';
  licences: [string[], string, string | null][];
}[] = [
  { code: 'GEN', kind: 'generator', licences: [] },
  { code: 'TR', kind: 'transporter', licences: [[['16 01 12', '17 02 03'], '2025-01-01', null]] },
  { code: 'TR-OLD', kind: 'transporter', licences: [[['16 01 12'], '2024-01-01', '2026-01-01']] },
  {
    code: 'TF',
    kind: 'treatment_facility',
    licences: [[['16 01 12', '17 02 03'], '2025-01-01', '2030-01-01']],
  },
  { code: 'TF-OIL', kind: 'treatment_facility', licences: [[['17 02 03'], '2025-01-01', null]] },
];

export function event(id: string, type: string, atMs: number, body: Record<string, unknown>): NewWasteEvent {
  return {
    eventId: id,
    lotCode: 'LOT',
    type,
    occurredAt: new Date(atMs),
    gatewayCode: 'GW',
    body: { id, type, lot: 'LOT', time: new Date(atMs).toISOString(), ...body },
  };
}

/** A complete conforming chain: generated, checked, handed over on day 30, received, treated on day 40. */
export function chain(
  overrides: Partial<Record<'handover' | 'receipt' | 'treatment', Record<string, unknown>>> = {},
) {
  return [
    event('g', 'lot.generated', T0, {
      generator: 'GEN',
      wasteCode: '16 01 12',
      massKg: 400,
      container: 'box',
      storageArea: 'A',
    }),
    event('c', 'lot.storage-checked', T0 + 7 * DAY, { condition: 'ok' }),
    event('h', 'lot.handed-over', T0 + 30 * DAY, {
      manifest: 'M-1',
      transporter: 'TR',
      facility: 'TF',
      vehicle: '15C-1',
      massKg: 400,
      ...overrides.handover,
    }),
    event('r', 'lot.received', T0 + 30 * DAY + 3_600_000, {
      manifest: 'M-1',
      facility: 'TF',
      massKg: 396,
      ...overrides.receipt,
    }),
    event('t', 'lot.treated', T0 + 40 * DAY, {
      facility: 'TF',
      method: 'recycling',
      certificate: 'C-1',
      ...overrides.treatment,
    }),
  ];
}

/** Deterministic PRNG (mulberry32), so a failing case can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Any sequence: a random subset of a chain's events, times jittered, extra checks and conflicting copies. */
export function randomEvents(next: () => number): NewWasteEvent[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const events = chain({
    handover: { transporter: pick(['TR', 'TR', 'TR', 'TR-OLD', 'X']), massKg: 400 },
    receipt: { facility: pick(['TF', 'TF', 'TF', 'TF-OIL']), massKg: pick([400, 399, 300]) },
  })
    .slice(0, 1 + Math.floor(next() * 5)) // a chain stopped at any step
    .filter(() => next() < 0.9)
    .map((e) => ({
      ...e,
      occurredAt: new Date(
        e.occurredAt.getTime() + (next() < 0.2 ? Math.floor((next() - 0.5) * 800 * DAY) : 0),
      ),
    }));
  const extra = Math.floor(next() * 3);
  for (let i = 0; i < extra; i++) {
    events.push(
      next() < 0.5
        ? event(`c${i}x`, 'lot.storage-checked', T0 + next() * 300 * DAY, {
            condition: pick(['ok', 'leaking']),
          })
        : { ...pick(chain()), eventId: `dup${i}`, occurredAt: new Date(T0 + next() * 300 * DAY) },
    );
  }
  return events.length > 0 ? events : [chain()[0]];
}
