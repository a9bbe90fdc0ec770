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
