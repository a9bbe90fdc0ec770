import type { WasteEventV1 } from '@hp/contracts';
import { between, hashString, mulberry32 } from '../random';

/**
 * A hazardous-waste scenario: generators in parks, transporters and treatment facilities with licences,
 * tracking gateways, and lots whose chains are conforming or break one rule on purpose. Every lot carries
 * the violation codes the platform must find (its ground truth), computed with the policy given here.
 */

/** What each kind of lot does, and the violations the platform must report for it. */
export const WASTE_LOT_KINDS = {
  conforming: [],
  in_storage: [],
  in_transit: [],
  unlicensed_transporter: ['party_not_licensed'],
  expired_licence: ['licence_expired'],
  unlicensed_facility: ['party_not_licensed'],
  mass_mismatch: ['mass_mismatch'],
  storage_overdue: ['storage_overdue'],
  manifest_late: ['manifest_overdue'],
  never_treated: ['manifest_overdue', 'treatment_unconfirmed'],
  never_received: ['manifest_overdue', 'treatment_unconfirmed'],
  storage_leak: ['storage_condition'],
} as const satisfies Record<string, readonly string[]>;
export type WasteLotKind = keyof typeof WASTE_LOT_KINDS;

/** A realistic mix: most chains conform, some are still running, about one in four breaks a rule. */
const KIND_WEIGHTS: Record<WasteLotKind, number> = {
  conforming: 58,
  in_storage: 8,
  in_transit: 6,
  unlicensed_transporter: 3,
  expired_licence: 3,
  unlicensed_facility: 3,
  mass_mismatch: 4,
  storage_overdue: 3,
  manifest_late: 3,
  never_treated: 3,
  never_received: 3,
  storage_leak: 3,
};

/** Codes the scenario's lots carry (the common codes of domain.md 3.2). */
const WASTE_CODES = [
  '16 01 06',
  '16 01 12',
  '16 01 13',
  '17 02 03',
  '18 01 01',
  '18 01 02',
  '18 02 01',
  '08 02 04',
  '12 06 05',
];
/** The only code the "oil" parties are licensed for. */
const OIL_CODE = '17 02 03';
const CONTAINERS = ['drum 200L', 'IBC 1000L', 'jumbo bag', 'pallet box', 'sealed bin 120L'];
const METHODS = ['incineration', 'solidification', 'recycling', 'physico-chemical treatment'];
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export interface ScenarioPolicy {
  readonly massTolerance: number;
  readonly maxStorageDays: number;
  readonly manifestCloseDays: number;
}

export interface WasteScenarioOptions {
  readonly parkCodes: readonly string[];
  readonly generatorsPerPark: number;
  readonly lotsPerGenerator: number;
  readonly seed: number;
  /** The scenario's "now": every event is at or before it. */
  readonly now: Date;
  /** The rules the ground truth is computed with; default 2 %, 365 days, 30 days. */
  readonly policy?: ScenarioPolicy;
  /**
   * Factories per park that declare annual generation but report no lot (default 0): the "not tracked"
   * waste the city KPI must still count against.
   */
  readonly untrackedGeneratorsPerPark?: number;
  /** Parks (beyond parkCodes) with one declaring factory and no lot at all: a park not tracked (default none). */
  readonly untrackedParkCodes?: readonly string[];
}

/**
 * A generator's declared annual generation (Circular 02/2022 annual report), in the parties file's shape
 * (`waste-parties-load --json`).
 */
export interface ScenarioDeclaration {
  readonly year: number;
  readonly generatedKg: number;
}

export interface ScenarioLicence {
  readonly licenceNumber: string;
  readonly wasteCodes: readonly string[];
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface ScenarioParty {
  readonly code: string;
  readonly name: string;
  readonly kind: 'generator' | 'transporter' | 'treatment_facility';
  readonly parkCode: string | null;
  readonly licences: readonly ScenarioLicence[];
  /** Generators only: the declared annual generation of the scenario's year and the one before. */
  readonly declarations?: readonly ScenarioDeclaration[];
}

/** A tracking gateway: a `scale` device bound to a park (a facility's gateway to the first park). */
export interface ScenarioGateway {
  readonly code: string;
  readonly parkCode: string;
}

export interface ScenarioEvent {
  readonly gateway: string;
  readonly event: WasteEventV1;
}

export interface ScenarioLot {
  readonly lotCode: string;
  readonly parkCode: string;
  readonly kind: WasteLotKind;
  readonly kg: number;
  /** Violation codes the platform must report, sorted; empty for a conforming or running chain. */
  readonly expected: readonly string[];
  readonly events: readonly ScenarioEvent[];
}

export interface WasteScenario {
  readonly now: Date;
  readonly parties: readonly ScenarioParty[];
  readonly gateways: readonly ScenarioGateway[];
  readonly lots: readonly ScenarioLot[];
}

const DEFAULT_POLICY: ScenarioPolicy = { massTolerance: 0.02, maxStorageDays: 365, manifestCloseDays: 30 };

export function wasteScenario(options: WasteScenarioOptions): WasteScenario {
  const policy = options.policy ?? DEFAULT_POLICY;
  const now = options.now.getTime();
  const day = (offsetDays: number) => new Date(now + offsetDays * DAY_MS).toISOString().slice(0, 10);
  const all = { licenceNumber: '', wasteCodes: WASTE_CODES, validFrom: day(-3000), validTo: null };
  const parties: ScenarioParty[] = [
    {
      code: 'TR-HP-01',
      name: 'Transporter 1 (licensed)',
      kind: 'transporter',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPXL-TR-01' }],
    },
    {
      code: 'TR-HP-02',
      name: 'Transporter 2 (licensed)',
      kind: 'transporter',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPXL-TR-02' }],
    },
    {
      code: 'TR-HP-OLD',
      name: 'Transporter, licence expired',
      kind: 'transporter',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPXL-TR-OLD', validTo: day(-500) }],
    },
    {
      code: 'TR-HP-OIL',
      name: 'Transporter of waste oil only',
      kind: 'transporter',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPXL-TR-OIL', wasteCodes: [OIL_CODE] }],
    },
    {
      code: 'TF-HP-01',
      name: 'Treatment facility 1',
      kind: 'treatment_facility',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPMT-TF-01' }],
    },
    {
      code: 'TF-HP-02',
      name: 'Treatment facility 2',
      kind: 'treatment_facility',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPMT-TF-02', validTo: day(2000) }],
    },
    {
      code: 'TF-HP-OIL',
      name: 'Waste-oil recycler',
      kind: 'treatment_facility',
      parkCode: null,
      licences: [{ ...all, licenceNumber: 'GPMT-TF-OIL', wasteCodes: [OIL_CODE] }],
    },
  ];
  const facilityGateway = (facility: string) => `${facility}-GW`;
  const gateways: ScenarioGateway[] = ['TF-HP-01', 'TF-HP-02', 'TF-HP-OIL'].map((f) => ({
    code: facilityGateway(f),
    parkCode: options.parkCodes[0],
  }));
  const lots: ScenarioLot[] = [];
  const kinds = Object.keys(KIND_WEIGHTS) as WasteLotKind[];
  const totalWeight = kinds.reduce((sum, k) => sum + KIND_WEIGHTS[k], 0);

  for (const parkCode of options.parkCodes) {
    const parkGateway = `${parkCode}-WGW`;
    gateways.push({ code: parkGateway, parkCode });
    for (let g = 1; g <= options.generatorsPerPark; g++) {
      const generator = `${parkCode}-F${String(g).padStart(2, '0')}`;
      const firstLot = lots.length;
      const next = mulberry32(options.seed ^ hashString(generator));
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
      for (let n = 1; n <= options.lotsPerGenerator; n++) {
        // Spread kinds evenly first so every kind occurs even in a small scenario, then by weight.
        const ordinal = lots.length;
        let kind: WasteLotKind;
        if (ordinal < kinds.length) kind = kinds[ordinal];
        else {
          let w = next() * totalWeight;
          kind = kinds.find((k) => (w -= KIND_WEIGHTS[k]) < 0) ?? 'conforming';
        }
        const lotCode = `${generator}-L${String(n).padStart(3, '0')}`;
        const oilOnly = kind === 'unlicensed_transporter' || kind === 'unlicensed_facility';
        const wasteCode = oilOnly ? pick(WASTE_CODES.filter((c) => c !== OIL_CODE)) : pick(WASTE_CODES);
        const kg = Math.round(between(next(), 20, 2000) * 10) / 10;
        const transporter =
          kind === 'unlicensed_transporter'
            ? 'TR-HP-OIL'
            : kind === 'expired_licence'
              ? 'TR-HP-OLD'
              : pick(['TR-HP-01', 'TR-HP-02']);
        const facility = kind === 'unlicensed_facility' ? 'TF-HP-OIL' : pick(['TF-HP-01', 'TF-HP-02']);
        const close = policy.manifestCloseDays;
        const maxStore = policy.maxStorageDays;

        // Times in days relative to now (negative: past), chosen so each kind breaks only its own rule.
        let generated: number;
        let handover: number | null = null;
        let receipt = true;
        let treated: number | null = null;
        switch (kind) {
          case 'in_storage':
            generated = -between(next(), 1, maxStore - 30);
            break;
          case 'in_transit':
            generated = -between(next(), 20, 100);
            handover = -between(next(), 1, close - 10);
            receipt = next() < 0.5;
            break;
          case 'storage_overdue': {
            generated = -between(next(), maxStore + 40, maxStore + 140);
            handover = generated + between(next(), maxStore + 5, -generated - close);
            treated = handover + between(next(), 1, close - 5);
            break;
          }
          case 'manifest_late': {
            generated = -between(next(), 3 * close + 20, maxStore - 10);
            handover = generated + between(next(), 3, -generated - 2 * close - 10);
            treated = handover + between(next(), close + 5, 2 * close);
            break;
          }
          case 'never_treated':
          case 'never_received':
            handover = -between(next(), close + 5, close + 90);
            generated = handover - between(next(), 3, 100);
            receipt = kind === 'never_treated';
            break;
          case 'conforming':
          case 'unlicensed_transporter':
          case 'expired_licence':
          case 'unlicensed_facility':
          case 'mass_mismatch':
          case 'storage_leak': {
            // A complete chain, closed within its deadlines (its flaw is elsewhere).
            generated = -between(next(), close + 30, maxStore - 10);
            handover = generated + between(next(), 3, -generated - close - 5);
            treated = handover + between(next(), 1, close - 5);
          }
        }
        const at = (days: number) => new Date(now + Math.round(days * DAY_MS)).toISOString();
        const received =
          kind === 'mass_mismatch'
            ? kg * (1 + (next() < 0.5 ? -1 : 1) * between(next(), 2 * policy.massTolerance, 0.15))
            : kg * (1 - between(next(), 0, policy.massTolerance / 2));
        const events: ScenarioEvent[] = [];
        const base = { lot: lotCode };
        const atGenerator = (event: WasteEventV1) => events.push({ gateway: parkGateway, event });
        const atFacility = (event: WasteEventV1) =>
          events.push({ gateway: facilityGateway(facility), event });
        atGenerator({
          ...base,
          id: `${lotCode}-gen`,
          type: 'lot.generated',
          time: at(generated),
          generator,
          wasteCode,
          massKg: kg,
          container: pick(CONTAINERS),
          storageArea: `CTNH-${pick(['A', 'B'])}`,
        });
        const storedUntil = handover ?? 0;
        const checks = Math.floor(next() * 3) + (kind === 'storage_leak' ? 1 : 0);
        for (let c = 0; c < checks; c++) {
          const leak = kind === 'storage_leak' && c === 0;
          atGenerator({
            ...base,
            id: `${lotCode}-chk${c}`,
            type: 'lot.storage-checked',
            time: at(between(next(), generated, storedUntil)),
            condition: leak ? 'leaking' : 'ok',
          });
        }
        const manifest = `${day(handover ?? 0).slice(0, 4)}/${lotCode}`;
        if (handover !== null) {
          atGenerator({
            ...base,
            id: `${lotCode}-hand`,
            type: 'lot.handed-over',
            time: at(handover),
            manifest,
            transporter,
            facility,
            vehicle: `15C-${100 + Math.floor(next() * 900)}.${10 + Math.floor(next() * 90)}`,
            massKg: kg,
          });
          if (receipt) {
            atFacility({
              ...base,
              id: `${lotCode}-recv`,
              type: 'lot.received',
              time: at(handover + between(next(), 2, 20) / 24),
              manifest,
              facility,
              massKg: Math.round(received * 10) / 10,
            });
          }
        }
        if (treated !== null) {
          atFacility({
            ...base,
            id: `${lotCode}-trt`,
            type: 'lot.treated',
            time: at(Math.min(treated, -HOUR_MS / DAY_MS)),
            facility,
            method: pick(METHODS),
            certificate: `XL-${lotCode}`,
          });
        }
        lots.push({ lotCode, parkCode, kind, kg, expected: [...WASTE_LOT_KINDS[kind]].sort(), events });
      }
      // The lots span about a year; the factory declares more than it tracks (not every lot is reported).
      const trackedKg = lots.slice(firstLot).reduce((sum, l) => sum + l.kg, 0);
      parties.push(generatorParty(generator, `Factory ${g} of ${parkCode}`, parkCode, trackedKg, options));
    }
    for (let g = 1; g <= (options.untrackedGeneratorsPerPark ?? 0); g++) {
      const generator = `${parkCode}-U${String(g).padStart(2, '0')}`;
      parties.push(
        generatorParty(generator, `Factory of ${parkCode} reporting no lot`, parkCode, 0, options),
      );
    }
  }
  for (const parkCode of options.untrackedParkCodes ?? [])
    parties.push(
      generatorParty(`${parkCode}-U01`, `Factory of ${parkCode} reporting no lot`, parkCode, 0, options),
    );
  return { now: options.now, parties, gateways, lots };
}

/** Declared kg of a factory that reports no lot: a typical small generator's annual report. */
const UNTRACKED_DECLARED_KG = { min: 2_000, max: 12_000 };

/**
 * A generator with its declared annual generation for the scenario's year and the one before: what it
 * tracks scaled up by 10-60 % (its lots are not all reported), or a typical figure when it tracks nothing.
 * Drawn from its own stream, so the lots stay as they were for a seed.
 */
function generatorParty(
  code: string,
  name: string,
  parkCode: string,
  trackedKg: number,
  options: WasteScenarioOptions,
): ScenarioParty {
  const next = mulberry32(options.seed ^ hashString(`${code}/declared`));
  const year = options.now.getUTCFullYear();
  const declarations = [year - 1, year].map((y) => ({
    year: y,
    generatedKg:
      trackedKg > 0
        ? Math.round(trackedKg * between(next(), 1.1, 1.6))
        : Math.round(between(next(), UNTRACKED_DECLARED_KG.min, UNTRACKED_DECLARED_KG.max)),
  }));
  return { code, name, kind: 'generator', parkCode, licences: [], declarations };
}
