/** The steps of a hazardous-waste lot's chain, as its gateway events name them. */
export type WasteChainStep = 'lot.generated' | 'lot.handed-over' | 'lot.received' | 'lot.treated';
export type WasteLicensedRole = 'transporter' | 'treatment_facility';
export type WastePartyRole = 'generator' | WasteLicensedRole;

/**
 * Why a hazardous-waste lot does not conform: the findings of its events (the lot fold) and the rules of the
 * SQL function waste_lot_judgement (migration 0027). Codes are the lot violation codes the API, reports and
 * alerts have always used; days are local 'YYYY-MM-DD', instants ISO 8601.
 */
export interface WasteReasonParams {
  /** A step is reported but an earlier one (`missing`) is not; `step` null: only storage checks. */
  chain_gap: { step: WasteChainStep | null; missing: WasteChainStep };
  /** A step happened before the step that precedes it. */
  chain_order: { step: WasteChainStep; at: string; previousStep: WasteChainStep; previousAt: string };
  /** Several events for one step; the first (`used`) counts. */
  conflicting_events: { step: string; count: number; eventIds: string; used: string };
  /** Received (or treated: `stage`) by another facility than the lot was sent to. */
  facility_mismatch: {
    stage: 'receipt' | 'treatment';
    facility: string;
    expectedFacility: string;
    manifest: string | null;
  };
  manifest_mismatch: { manifest: string; expectedManifest: string };
  /** A storage check found the lot in a bad condition. */
  storage_condition: { eventId: string; at: string; condition: string };
  /** The generator named by the lot is not registered as a generator (`registeredAs` its other kind, or null). */
  unregistered_generator: { generator: string; registeredAs: WastePartyRole | null };
  /** No licence of the party covers the waste code on that local day. */
  party_not_licensed: {
    role: WasteLicensedRole;
    party: string;
    problem: 'unregistered' | 'other_kind' | 'no_licence';
    registeredAs: WastePartyRole | null;
    wasteCode: string | null;
    day: string;
  };
  /** The party's licence for the code ended (valid_to, exclusive) on or before that day. */
  licence_expired: {
    role: WasteLicensedRole;
    party: string;
    licence: string;
    wasteCode: string | null;
    endedOn: string;
    day: string;
  };
  /** Received mass off the handed-over mass by more than the tolerance (offPercent null: handed over 0 kg). */
  mass_mismatch: {
    receivedKg: number;
    handedOverKg: number;
    offPercent: number | null;
    tolerancePercent: number;
  };
  /** Stored longer than the maximum: until it left storage on `day`, or still on `day` (the judging day). */
  storage_overdue: { storedDays: number; maxStorageDays: number; leftStorage: boolean; day: string };
  /** The manifest closed (or is still open) `days` after handover, beyond the deadline. */
  manifest_overdue: { manifest: string | null; days: number; manifestCloseDays: number; closed: boolean };
  /** Past the manifest deadline with no treatment confirmed; `day` of the receipt, else of the handover. */
  treatment_unconfirmed: {
    received: boolean;
    facility: string | null;
    transporter: string | null;
    day: string;
  };
}

export const WASTE_REASON_EXAMPLES: { readonly [C in keyof WasteReasonParams]: WasteReasonParams[C] } = {
  chain_gap: { step: 'lot.received', missing: 'lot.handed-over' },
  chain_order: {
    step: 'lot.received',
    at: '2026-02-04T01:00:00.000Z',
    previousStep: 'lot.handed-over',
    previousAt: '2026-02-04T02:00:00.000Z',
  },
  conflicting_events: { step: 'lot.handed-over', count: 2, eventIds: 'h, h2', used: 'h' },
  facility_mismatch: { stage: 'receipt', facility: 'TF-OIL', expectedFacility: 'TF', manifest: 'M-1' },
  manifest_mismatch: { manifest: 'M-2', expectedManifest: 'M-1' },
  storage_condition: { eventId: 'c2', at: '2026-01-13T01:00:00.000Z', condition: 'leaking' },
  unregistered_generator: { generator: 'GEN-X', registeredAs: null },
  party_not_licensed: {
    role: 'treatment_facility',
    party: 'TF-OIL',
    problem: 'no_licence',
    registeredAs: 'treatment_facility',
    wasteCode: '16 01 12',
    day: '2026-02-04',
  },
  licence_expired: {
    role: 'transporter',
    party: 'TR-OLD',
    licence: 'TR-OLD-L1',
    wasteCode: '16 01 12',
    endedOn: '2026-01-01',
    day: '2026-02-04',
  },
  mass_mismatch: { receivedKg: 380, handedOverKg: 400, offPercent: 5, tolerancePercent: 2 },
  storage_overdue: { storedDays: 430, maxStorageDays: 365, leftStorage: true, day: '2026-02-04' },
  manifest_overdue: { manifest: 'M-1', days: 31, manifestCloseDays: 30, closed: false },
  treatment_unconfirmed: { received: true, facility: 'TF', transporter: 'TR', day: '2026-02-04' },
};

export type WasteReasonCode = keyof WasteReasonParams;
/** Every lot violation code (findings of the fold and rules of waste_lot_judgement). */
export const WASTE_REASON_CODES = Object.keys(WASTE_REASON_EXAMPLES) as readonly WasteReasonCode[];

/** A lot violation as stored and served; TEXT: a finding stored as prose before migration 0027. */
export type WasteViolation =
  | { [C in WasteReasonCode]: { code: C; params: WasteReasonParams[C] } }[WasteReasonCode]
  | { code: 'TEXT'; params: { text: string } };
