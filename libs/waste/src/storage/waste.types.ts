import type { WasteViolation } from '@hp/contracts';

export const WASTE_PARTY_KINDS = ['generator', 'transporter', 'treatment_facility'] as const;
export type WastePartyKind = (typeof WASTE_PARTY_KINDS)[number];

export const WASTE_THRESHOLD_CLASSES = ['KS', 'NH'] as const;
export type WasteThresholdClass = (typeof WASTE_THRESHOLD_CLASSES)[number];

export interface WasteCode {
  /** 1-3 pairs of digits, e.g. '16 01 12'. */
  code: string;
  nameVi: string;
  nameEn: string | null;
  thresholdClass: WasteThresholdClass | null;
  /** V, V2, U (domain.md tags) or 'official' for the list loaded from the circular. */
  evidence: string;
}

export interface WastePartyInput {
  code: string;
  name: string;
  kind: WastePartyKind;
  parkId?: number | null;
}

export interface WasteParty extends Required<WastePartyInput> {
  id: number;
}

/** A generator's declared annual generation (Circular 02/2022 annual report figure), in kg. */
export interface WasteDeclaration {
  generatorCode: string;
  year: number;
  declaredKg: number;
}

export interface PartyLicenceInput {
  partyId: number;
  licenceNumber: string;
  wasteCodes: string[];
  /** 'YYYY-MM-DD' */
  validFrom: string;
  /** 'YYYY-MM-DD', exclusive; null: no end. */
  validTo?: string | null;
}

export interface PartyLicence extends Required<PartyLicenceInput> {
  id: number;
}

export interface PartyWithLicences {
  party: WasteParty;
  licences: PartyLicence[];
}

/** A gateway event as stored (`body` is the event as sent, schema WasteEvent). */
export interface NewWasteEvent {
  eventId: string;
  lotCode: string;
  type: string;
  occurredAt: Date;
  gatewayCode: string;
  body: Record<string, unknown>;
}

export interface StoredWasteEvent extends NewWasteEvent {
  receivedAt: Date;
}

export const WASTE_LOT_STATES = ['stored', 'handed_over', 'received', 'treated'] as const;
export type WasteLotState = (typeof WASTE_LOT_STATES)[number];

/**
 * A violation found in a lot's chain: a code with its parameters, worded by the reason catalogue. The fold
 * finds what the events show; the SQL function waste_lot_judgement (migration 0027) adds the rules.
 */
export type WasteFinding = WasteViolation;

/** The facts of one lot's chain, folded from all its events. */
export interface WasteLotRecord {
  lotCode: string;
  state: WasteLotState;
  generatorCode: string | null;
  parkId: number | null;
  wasteCode: string | null;
  anchorAt: Date;
  generatedAt: Date | null;
  generatedKg: number | null;
  manifestNumber: string | null;
  transporterCode: string | null;
  facilityCode: string | null;
  handedOverAt: Date | null;
  handedOverKg: number | null;
  receivedAt: Date | null;
  receivedKg: number | null;
  treatedAt: Date | null;
  treatmentMethod: string | null;
  certificate: string | null;
  findings: WasteFinding[];
  eventCount: number;
}

/** Which lots to read: those anchored in [from, to), of one park or all. */
export interface WasteLotQuery {
  from: Date;
  to: Date;
  parkId?: number | null;
}

/** Where a lot stands in the "collected and treated per regulation" count: exactly one of three. */
export const LOT_STANDINGS = ['treated_conforming', 'non_conforming', 'in_progress'] as const;
export type LotStanding = (typeof LOT_STANDINGS)[number];

/** One lot as waste_lot_judgement judges it at an instant, under a policy. */
export interface LotVerdict {
  readonly lot: WasteLotRecord;
  /** The mass the lot counts with: weighed at generation, else the first mass reported. */
  readonly kg: number;
  readonly standing: LotStanding;
  /** The findings of the events and the rules judged; empty for a conforming lot. */
  readonly violations: readonly WasteFinding[];
  /** When the lot must be handed over (while stored) / its manifest closed (until treated). */
  readonly storageDeadline: Date | null;
  readonly manifestDeadline: Date | null;
}

/** The lots to judge: one, those of a manifest, anchored in a range, or in the chain during a range. */
export type LotScope =
  | { readonly lotCode: string }
  | { readonly manifestNumber: string }
  | { readonly anchoredIn: WasteLotQuery }
  | { readonly activeIn: WasteLotQuery };

/** The rules' numbers (the WASTE_* configuration) and the instant deadlines are judged at. */
export interface LotJudging {
  readonly asOf: Date;
  readonly massTolerance: number;
  readonly maxStorageDays: number;
  readonly manifestCloseDays: number;
}
