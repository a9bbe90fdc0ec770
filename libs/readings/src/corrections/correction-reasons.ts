// No imports: the console's browser build reads these lists too.

/** Why a reading is corrected: one of a fixed list (the console words them), a note says the rest. */
export const CORRECTION_REASON_CODES = [
  'CALIBRATION',
  'DEVICE_FAULT',
  'MAINTENANCE',
  'SAMPLING',
  'TRANSMISSION',
  'OTHER',
] as const;
export type CorrectionReasonCode = (typeof CORRECTION_REASON_CODES)[number];

export const PROPOSAL_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];
